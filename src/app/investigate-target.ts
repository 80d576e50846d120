/**
 * `/investigate <alert id | host | ip | account> [window]`: the investigations on demand. An alert id
 * runs Who?, Correlate and Analyze on that alert, over its own time (like its buttons). A host, IP or
 * account (classified by shape and by what the store and workspace know: target-classification.ts)
 * gets Who? and Correlate over the window ending now (default 24 h), and Analyze when there is
 * something to look up in threat intelligence (an IP, or the IOCs of the alerts about it). An empty
 * window says how far back the nearest data is. Answers go back where the command was typed.
 */
import { alertIocs, humanMinutes, parseDuration, subjectFromTarget, windowEndingAt, type InvestigationSubject } from '../domain/investigation';
import { contextOfAlerts } from '../domain/investigation/subject';
import { mergeIocs } from '../domain/command-analysis';
import type { InvestigationKind, IntentRequest } from '../domain/intent';
import type { CardModel, InvestigationResultView } from '../ports/card-model';
import type { AppDeps, UseCase } from './deps';
import { investigate, runInvestigation } from './investigate';
import { lookupIocs } from './investigate-analyze';
import { correlationInvestigation } from './investigate-correlation';
import { identityInvestigation } from './investigate-identity';
import { INVESTIGATION_LABELS } from './investigate-running';
import { accountOf, classifyTarget, describeTarget, type ClassifiedTarget } from './target-classification';

const DEFAULT_WINDOW_MS = 24 * 3_600_000;
const ALL: InvestigationKind[] = ['identity', 'correlation', 'analyze'];
/** The windows an empty answer may suggest, smallest first (parseDuration allows up to 30 d). */
const SUGGESTED = ['1h', '2h', '6h', '1d', '2d', '7d', '14d', '30d'];

export const investigateTarget: UseCase<'investigate-target'> = async (request, deps) => {
  const { intent } = request;
  const target = intent.target.trim();
  if (!target || target.length > 300) return { reply: notice('Usage: investigate <alert id | host | ip | account> [window like 2h, 90m, 1d]', 'warning') };
  const ms = intent.window ? parseDuration(intent.window) : DEFAULT_WINDOW_MS;
  if (ms === undefined) return { reply: notice(`"${intent.window!.slice(0, 40)}" is not a window; use e.g. 30m, 2h, 1d or 1w (at most 30 days).`, 'warning') };
  const classified = await classifyTarget(target, deps);
  const c = classified.target;
  if (c.kind === 'alert-id') {
    if (intent.investigation) return investigate({ ...request, intent: { kind: 'investigate', alertId: c.alertId, investigation: intent.investigation } }, deps);
    const alert = (await deps.store.alerts.get(c.alertId))!;
    const followUp = Promise.resolve().then(async () => {
      for (const kind of ALL) await replyToOrigin(request, { kind: 'investigation-result', result: await safely(kind, () => runInvestigation(kind, alert, deps)) }, deps);
    });
    return { reply: notice(`Who?, Correlate and Analyze on alert "${alert.displayName.slice(0, 120)}" (around its own time) running… the answers will follow.`, 'info'), followUp };
  }
  const window = windowEndingAt(deps.clock.now(), ms);
  const subject = subjectOf(classified, window);
  const kinds = intent.investigation ? [intent.investigation] : ALL.filter((k) => k !== 'analyze' || hasIocs(classified));
  // The /investigate window is the whole search window: no extra minutes before and after.
  const scoped: AppDeps = { ...deps, settings: { ...deps.settings, investigationWindowBeforeMinutes: 0, investigationWindowAfterMinutes: 0, correlationWindowHours: 0 } };
  const span = intent.window ?? '24h';
  const followUp = Promise.resolve().then(async () => {
    for (const kind of kinds) {
      const result = await safely(kind, () => run(kind, subject, classified, window.end, scoped));
      await replyToOrigin(request, { kind: 'investigation-result', result: kind === 'identity' ? withHint(result, classified, span, deps) : result }, deps);
    }
  });
  const labels = kinds.map((k) => INVESTIGATION_LABELS[k]).join(', ');
  const unknown = classified.known ? '' : ` (not a host or account the alerts or the workspace know — searched as typed)`;
  return { reply: notice(`${labels} on ${describeTarget(c)}${unknown} (last ${span}) running… the answers will follow.`, 'info'), followUp };
};

function subjectOf(classified: ClassifiedTarget, window: { start: string; end: string }): InvestigationSubject {
  const c = classified.target;
  const base = subjectFromTarget(c.kind === 'ip' ? c.ip : c.kind === 'host' ? c.host : '-', window);
  const account = accountOf(c);
  const subject: InvestigationSubject = account ? { ...base, host: undefined, accounts: [account] } : base;
  return { ...subject, context: contextOfAlerts(classified.alerts), anchorIsNow: true };
}

function hasIocs(classified: ClassifiedTarget): boolean {
  if (classified.target.kind === 'ip') return true;
  const iocs = mergeIocs(...classified.alerts.map(alertIocs));
  return iocs.ips.length + iocs.urls.length + iocs.domains.length + iocs.hashes.length > 0;
}

function run(kind: InvestigationKind, subject: InvestigationSubject, classified: ClassifiedTarget, asOf: string, deps: AppDeps): Promise<InvestigationResultView> {
  if (kind === 'correlation') return correlationInvestigation(subject, deps);
  if (kind === 'analyze') {
    const iocs = classified.target.kind === 'ip' ? { ips: [classified.target.ip], urls: [], domains: [], hashes: [] } : mergeIocs(...classified.alerts.map(alertIocs));
    return lookupIocs(iocs, asOf, deps);
  }
  return identityInvestigation(subject, deps);
}

/** An empty Who? says how far back the nearest data is, and which window would reach it. */
function withHint(result: InvestigationResultView, classified: ClassifiedTarget, span: string, deps: AppDeps): InvestigationResultView {
  if (result.status !== 'no-rows') return result;
  const name = describeTarget(classified.target);
  const demo = deps.logs?.demo ? 'the demo data' : 'the nearest data';
  if (!classified.lastSeen) {
    const what = classified.known ? `No data for ${name} in the workspace over the last 30 days either.` : `${name} is not known to the alerts or to the workspace (last 30 days).`;
    return { ...result, answer: `Nothing found for ${name} in the last ${span}. ${what}` };
  }
  const ago = Math.max(0, deps.clock.now().getTime() - Date.parse(classified.lastSeen));
  const suggest = SUGGESTED.find((w) => (parseDuration(w) ?? 0) > ago + 60 * 60_000) ?? '30d';
  const day = new Date(classified.lastSeen).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const answer = `Nothing found for ${name} in the last ${span}: ${demo} is from ${day} ${classified.lastSeen.slice(11, 16)} UTC (${humanMinutes(Math.round(ago / 60_000))} ago) — try ${suggest}.`;
  return { ...result, answer };
}

async function safely(kind: InvestigationKind, work: () => Promise<InvestigationResultView>): Promise<InvestigationResultView> {
  try {
    return await work();
  } catch (err) {
    const title = INVESTIGATION_LABELS[kind];
    return { title, answer: `${title} failed: ${(err as Error).message}`, status: 'failed', tables: [], queries: [], links: [] };
  }
}

async function replyToOrigin({ origin }: IntentRequest, card: CardModel, deps: AppDeps): Promise<void> {
  const surface = deps.surfaces[origin.platform];
  if (!surface) return;
  if (origin.threadId) await surface.reply({ platform: origin.platform, channelId: origin.channelId, messageId: origin.threadId, threadId: origin.threadId }, card);
  else await surface.post(origin.channelId, card);
}

function notice(text: string, tone: 'info' | 'warning'): CardModel {
  return { kind: 'notice', tone, text };
}
