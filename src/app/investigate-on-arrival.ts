/**
 * Investigate on arrival: when an alert's card is posted and its severity is at or above
 * AUTO_INVESTIGATE_MIN_SEVERITY, Who?, Correlate and Analyze run as if someone had clicked — in the
 * background lane of the Log Analytics queue, so every click goes before them, under one owner
 * (a click on one of them later shares the run and lifts it into the click lane). Answers go to
 * the card's thread in that order, marked as automatic. A storm's members are never posted as
 * cards of their own: the group card's investigation is theirs (and a member placed in a group is
 * skipped here even if something posts it).
 */
import { investigatesOnArrival } from '../domain/auto-investigate';
import type { InvestigationKind, Platform } from '../domain/intent';
import type { AppDeps } from './deps';
import { queueAlertInvestigation } from './investigate';

/** The queue's owner for automatic work: its fairness unit, never a person. */
export const ARRIVAL_OWNER = 'auto:arrival';

/** The order a reader wants them in the thread: who, what else, what the command did. */
export const ARRIVAL_INVESTIGATIONS: readonly InvestigationKind[] = ['identity', 'correlation', 'analyze'];

export interface PostedCard {
  alertId: string;
  platform: Platform;
  channelId: string;
}

/**
 * Queues the alert's investigations for the card just posted; resolves when their answers are posted
 * (or dropped). Nothing is queued for an alert below the threshold, or with it off.
 */
export async function investigateOnArrival(posted: PostedCard, deps: AppDeps): Promise<void> {
  const alert = await deps.store.alerts.get(posted.alertId);
  if (!alert || !investigatesOnArrival(alert.severity, deps.settings.autoInvestigateMinSeverity)) return;
  const placement = await deps.store.storms.placement(alert.systemAlertId);
  if (placement?.role === 'member') return;
  const origin = { platform: posted.platform, channelId: posted.channelId };
  const answers: Promise<void>[] = [];
  let after: Promise<unknown> | undefined;
  for (const kind of ARRIVAL_INVESTIGATIONS) {
    const queued = await queueAlertInvestigation(alert, kind, { lane: 'background', owner: ARRIVAL_OWNER, origin, after, automatic: true }, deps);
    if (queued.kind === 'refused' || !queued.followUp) continue;
    after = queued.followUp;
    answers.push(queued.followUp);
  }
  await Promise.all(answers);
}
