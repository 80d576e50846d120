/**
 * `/investigate <alert id | host | ip | account> [window]`: the same investigations on demand. An
 * alert id runs the alert's investigation; anything else is a host, IP or account searched over
 * the window ending now (default 24 h). The answer goes back where the command was typed.
 */
import type { IntentRequest } from '../domain/intent';
import { parseDuration, subjectFromTarget, targetKind, windowEndingAt } from '../domain/investigation';
import type { CardModel, InvestigationResultView } from '../ports/card-model';
import type { LogsQuery } from '../ports/logs-query';
import type { AppDeps, UseCase } from './deps';
import { investigate } from './investigate';
import { lookupIocs } from './investigate-analyze';
import { correlationInvestigation } from './investigate-correlation';
import { identityInvestigation } from './investigate-identity';
import { ownerOf, progressText, queueInvestigation } from './investigate-queued';
import { INVESTIGATION_LABELS } from './investigate-running';

const DEFAULT_WINDOW_MS = 24 * 3_600_000;

export const investigateTarget: UseCase<'investigate-target'> = async (request, deps) => {
  const { intent } = request;
  const target = intent.target.trim();
  const kind = intent.investigation ?? 'identity';
  if (!target || target.length > 300) return { reply: notice('Usage: investigate <alert id | host | ip | account> [window like 2h, 90m, 1d]', 'warning') };
  if (await deps.store.alerts.get(target)) {
    return investigate({ ...request, intent: { kind: 'investigate', alertId: target, investigation: kind } }, deps);
  }
  const ms = intent.window ? parseDuration(intent.window) : DEFAULT_WINDOW_MS;
  if (ms === undefined) return { reply: notice(`"${intent.window!.slice(0, 40)}" is not a window; use e.g. 30m, 2h, 1d or 1w (at most 30 days).`, 'warning') };
  const window = windowEndingAt(deps.clock.now(), ms);
  const subject = subjectFromTarget(target, window);
  // The /investigate window is the whole search window: no extra minutes before and after.
  const settings = { ...deps.settings, investigationWindowBeforeMinutes: 0, investigationWindowAfterMinutes: 0, correlationWindowHours: 0 };
  const scoped: AppDeps = { ...deps, settings };
  const label = INVESTIGATION_LABELS[kind];
  const work = async (logs: LogsQuery | undefined): Promise<InvestigationResultView> => {
    const queued: AppDeps = { ...scoped, logs };
    if (kind === 'correlation') return correlationInvestigation(subject, queued);
    if (kind === 'analyze') return lookupIocs({ ips: subject.ips, urls: [], domains: targetKind(target) === 'host' && target.includes('.') ? [target.toLowerCase()] : [], hashes: [] }, window.end, queued);
    return identityInvestigation(subject, queued);
  };
  const described = `${label} on ${targetKind(target)} ${target} (last ${intent.window ?? '24h'})`;
  // Through the Log Analytics queue: the same target and window asked twice share one run; waiting longer than the window drops it.
  const queued = queueInvestigation(
    {
      key: `target:${kind}:${target.toLowerCase()}:${ms}`,
      lane: 'interactive',
      owner: ownerOf(request.actor),
      label: described,
      maxWaitMs: ms,
      destinations: [`${request.origin.platform}:${request.origin.channelId}:${request.origin.threadId ?? ''}`],
      run: work,
      deliver: (card) => replyToOrigin(request, card, deps),
    },
    deps,
  );
  if (queued.kind === 'refused') return { reply: queued.notice };
  return { reply: notice(progressText(queued, described, 'the answer will follow'), 'info'), followUp: queued.followUp };
};

async function replyToOrigin({ origin }: IntentRequest, card: CardModel, deps: AppDeps): Promise<void> {
  const surface = deps.surfaces[origin.platform];
  if (!surface) return;
  if (origin.threadId) await surface.reply({ platform: origin.platform, channelId: origin.channelId, messageId: origin.threadId, threadId: origin.threadId }, card);
  else await surface.post(origin.channelId, card);
}

function notice(text: string, tone: 'info' | 'warning'): CardModel {
  return { kind: 'notice', tone, text };
}
