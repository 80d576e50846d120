/**
 * What each investigation of a classified /investigate target runs (target-classification.ts says
 * what the target is): the subject its queries search, whether Analyze has anything to look up,
 * and the hint an empty Who? gives — how far back the nearest data is, and which window reaches it.
 */
import { alertIocs, humanMinutes, parseDuration, subjectFromTarget, type InvestigationSubject } from '../domain/investigation';
import { contextOfAlerts } from '../domain/investigation/subject';
import { mergeIocs } from '../domain/command-analysis';
import type { InvestigationKind } from '../domain/intent';
import type { InvestigationResultView } from '../ports/card-model';
import type { AppDeps } from './deps';
import { lookupIocs } from './investigate-analyze';
import { correlationInvestigation } from './investigate-correlation';
import { identityInvestigation } from './investigate-identity';
import { INVESTIGATION_LABELS } from './investigate-running';
import { accountOf, describeTarget, type ClassifiedTarget } from './target-classification';

/** The windows an empty answer may suggest, smallest first (parseDuration allows up to 30 d). */
const SUGGESTED = ['1h', '2h', '6h', '1d', '2d', '7d', '14d', '30d'];

export function subjectOf(classified: ClassifiedTarget, window: { start: string; end: string }): InvestigationSubject {
  const c = classified.target;
  const base = subjectFromTarget(c.kind === 'ip' ? c.ip : c.kind === 'host' ? c.host : '-', window);
  const account = accountOf(c);
  const subject: InvestigationSubject = account ? { ...base, host: undefined, accounts: [account] } : base;
  return { ...subject, context: contextOfAlerts(classified.alerts), anchorIsNow: true };
}

export function hasIocs(classified: ClassifiedTarget): boolean {
  if (classified.target.kind === 'ip') return true;
  const iocs = mergeIocs(...classified.alerts.map(alertIocs));
  return iocs.ips.length + iocs.urls.length + iocs.domains.length + iocs.hashes.length > 0;
}

export function runOnTarget(kind: InvestigationKind, subject: InvestigationSubject, classified: ClassifiedTarget, asOf: string, deps: AppDeps): Promise<InvestigationResultView> {
  if (kind === 'correlation') return correlationInvestigation(subject, deps);
  if (kind === 'analyze') {
    const iocs = classified.target.kind === 'ip' ? { ips: [classified.target.ip], urls: [], domains: [], hashes: [] } : mergeIocs(...classified.alerts.map(alertIocs));
    return lookupIocs(iocs, asOf, deps);
  }
  return identityInvestigation(subject, deps);
}

/** An empty Who? says how far back the nearest data is, and which window would reach it. */
export function withHint(result: InvestigationResultView, classified: ClassifiedTarget, span: string, deps: AppDeps): InvestigationResultView {
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

export async function safely(kind: InvestigationKind, work: () => Promise<InvestigationResultView>): Promise<InvestigationResultView> {
  try {
    return await work();
  } catch (err) {
    const title = INVESTIGATION_LABELS[kind];
    return { title, answer: `${title} failed: ${(err as Error).message}`, status: 'failed', tables: [], queries: [], links: [] };
  }
}
