/**
 * Triage state of an alert as the card shows it: tally, who voted what, the decision, and a notice
 * when writing the decision back to Defender failed or Defender's state moved on since.
 */
import type { Alert } from '../domain/alert';
import type { Actor } from '../domain/intent';
import { replayVotes, type TriageState } from '../domain/votes/decision';
import { reopenersText } from '../domain/access-policy';
import { VERDICT_LABELS } from '../domain/votes/vote';
import type { AlertCardState, DecisionView, TallyView } from '../ports/card-model';
import type { WriteBackRecord } from '../ports/write-back-queue';
import { accessPolicyOf } from './access-policy-of';
import { depsForAlert } from './customer-scope';
import type { AppDeps } from './deps';

export async function triageStateOf(alertId: string, deps: AppDeps): Promise<TriageState> {
  return replayVotes(await deps.store.votes.history(alertId), deps.settings.voteQuorum);
}

export function tallyView(state: TriageState, quorum: number): TallyView {
  return {
    counts: state.tally.counts,
    quorum,
    votes: state.tally.live.map((v) => ({ voter: v.voter.displayName, verdict: v.verdict, severity: v.severity, comment: v.comment, at: v.at })),
  };
}

export function decisionView(state: TriageState, reopeners?: string): DecisionView | undefined {
  const d = state.decision;
  if (!d) return undefined;
  return { verdict: d.verdict, severity: d.severity, decidedBy: d.decidedBy.map((v) => v.displayName), at: d.at, reopeners };
}

/** The card state contributor for votes (registered in alert-card.ts). */
export async function triageCardState(alert: Alert, card: AlertCardState, given: AppDeps): Promise<void> {
  const deps = depsForAlert(alert, given); // its customer's quorum and leads (CUSTOMERS)
  const state = await triageStateOf(alert.systemAlertId, deps);
  if (state.tally.live.length) {
    card.tally = tallyView(state, deps.settings.voteQuorum);
    card.decision = decisionView(state, reopenersText(accessPolicyOf(deps)));
  }
  const writeBack = await deps.store.writeBacks.latestFor(alert.systemAlertId);
  const notice = writeBackNotice(alert, writeBack);
  if (notice) card.notice = card.notice ? `${card.notice}\n${notice}` : notice;
}

function writeBackNotice(alert: Alert, wb: WriteBackRecord | undefined): string | undefined {
  if (!wb) return undefined;
  if (wb.state === 'failed') return `Writing the decision back to Defender failed after ${wb.attempts} attempt(s): ${wb.lastError ?? 'unknown error'}`;
  if (wb.state === 'pending' && wb.lastError)
    return `Writing the decision back to Defender (${wb.targetStatus}) failed, retrying: ${wb.lastError}`;
  if (wb.state === 'done' && alert.status !== wb.targetStatus)
    return `Defender now says ${alert.status} (changed in Defender after the decision was written back as ${wb.targetStatus}).`;
  return undefined;
}

/** How a person is named in the audit log: platform identity plus display name. */
export function auditActor(actor: Pick<Actor, 'platform' | 'userId' | 'displayName'>): string {
  return `${actor.platform}:${actor.userId} (${actor.displayName})`;
}

export function verdictLabel(v: keyof typeof VERDICT_LABELS): string {
  return VERDICT_LABELS[v];
}
