/**
 * Writes triage decisions back to Defender (WRITE_BACK=true) through a small durable queue: the
 * decision is queued in the store, tried at once, and retried with backoff until it succeeds or
 * is given up. Every failure shows in the alert's thread and on the card; nothing is dropped silently.
 */
import type { Decision } from '../domain/votes/decision';
import { MAX_WRITE_BACK_ATTEMPTS, STATUS_FOR_VERDICT, writeBackBackoffMs } from '../domain/votes/write-back-status';
import { replayVotes } from '../domain/votes/decision';
import { verdictForStatus, xdrComment } from '../domain/votes/xdr-verdict';
import type { WriteBackNote } from '../ports/defender-client';
import type { WriteBackRecord } from '../ports/write-back-queue';
import { refreshAlertCard } from './alert-card';
import type { AppDeps } from './deps';
import { presentInThread } from './present';
import { auditActor } from './triage-state';

/** How long a claimed write-back is reserved for the replica that claimed it. */
const CLAIM_LEASE_MS = 5 * 60_000;

export async function writeBackDecision(alertId: string, decision: Decision, deps: AppDeps): Promise<WriteBackRecord> {
  const now = deps.clock.now();
  const requestedBy = decision.decidedBy.map((v) => auditActor(v)).join(', ');
  const queued = await deps.store.writeBacks.enqueue(alertId, STATUS_FOR_VERDICT[decision.verdict], requestedBy, now.toISOString());
  // Try at once (with anything else that is due): the decision should reach Defender in seconds.
  await retryDueWriteBacks(deps);
  return queued;
}

/** Retries every write-back that is due; the retry loop calls this. */
export async function retryDueWriteBacks(deps: AppDeps): Promise<number> {
  const due = await deps.store.writeBacks.claimDue(deps.clock.now().toISOString(), lease(deps));
  for (const wb of due) await attemptWriteBack(wb, deps);
  return due.length;
}

/** Starts the retry loop; returns a stop function. */
export function startWriteBackRetry(deps: AppDeps, intervalMs = 30_000): () => void {
  const timer = setInterval(() => {
    retryDueWriteBacks(deps).catch((err: unknown) => deps.logger.error({ err }, 'write-back retry failed'));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

export async function attemptWriteBack(wb: WriteBackRecord, deps: AppDeps): Promise<void> {
  const alert = await deps.store.alerts.get(wb.alertId);
  const now = deps.clock.now();
  const attempts = wb.attempts + 1;
  if (!alert || !deps.writeBack) {
    const reason = !alert ? 'the alert is no longer stored' : 'write-back is not configured on this replica';
    await deps.store.writeBacks.update(wb.id, { state: 'failed', attempts, nextAttemptAt: now.toISOString(), updatedAt: now.toISOString(), lastError: reason });
    if (alert) await presentInThread(deps, wb.alertId, failureNotice(wb.targetStatus, reason, undefined));
    return;
  }
  const result = await deps.writeBack.setStatus(alert, wb.targetStatus, await noteFor(wb, deps));
  const at = now.toISOString();
  const target = result.target ? { target: result.target } : {};
  if (result.ok) {
    await deps.store.writeBacks.update(wb.id, { state: 'done', attempts, nextAttemptAt: at, updatedAt: at });
    await deps.store.alerts.save({ ...alert, status: result.status });
    await deps.store.audit.append({ at, actor: wb.requestedBy, action: 'write-back', alertId: wb.alertId, before: { status: alert.status }, after: { status: result.status, ...target } });
    await presentInThread(deps, wb.alertId, { kind: 'notice', tone: 'good', text: result.detail ?? `Defender alert state set to ${result.status}.` });
  } else {
    const giveUp = !result.retryable || attempts >= MAX_WRITE_BACK_ATTEMPTS;
    const next = new Date(now.getTime() + writeBackBackoffMs(attempts)).toISOString();
    await deps.store.writeBacks.update(wb.id, {
      state: giveUp ? 'failed' : 'pending',
      attempts,
      nextAttemptAt: giveUp ? at : next,
      updatedAt: at,
      lastError: result.reason,
      lastHttpStatus: result.httpStatus,
    });
    await deps.store.audit.append({
      at,
      actor: wb.requestedBy,
      action: 'write-back-failed',
      alertId: wb.alertId,
      before: { status: alert.status },
      after: { targetStatus: wb.targetStatus, httpStatus: result.httpStatus ?? null, reason: result.reason, attempts, willRetry: !giveUp, ...target },
    });
    // The thread hears of the first failure and of giving up; the card notice shows the latest state.
    if (attempts === 1 || giveUp) await presentInThread(deps, wb.alertId, failureNotice(wb.targetStatus, result.reason, giveUp ? undefined : next, result.httpStatus));
  }
  await refreshAlertCard(wb.alertId, deps);
}

/** The verdict and the comment (tally, deciders) as the votes stand now. */
async function noteFor(wb: WriteBackRecord, deps: AppDeps): Promise<WriteBackNote | undefined> {
  const verdict = verdictForStatus(wb.targetStatus);
  if (!verdict) return undefined;
  const state = replayVotes(await deps.store.votes.history(wb.alertId), deps.settings.voteQuorum);
  return { verdict, comment: xdrComment(verdict, state) };
}

function failureNotice(target: string, reason: string, retryAt: string | undefined, httpStatus?: number) {
  const code = httpStatus ? ` (HTTP ${httpStatus})` : '';
  const then = retryAt ? ` Retrying with backoff; next attempt at ${retryAt.slice(11, 16)} UTC.` : ' Gave up: fix the cause, then vote again to retry.';
  return { kind: 'notice' as const, tone: 'attention' as const, title: 'Write-back to Defender failed', text: `Setting the alert to ${target} failed${code}: ${reason}.${then}` };
}

function lease(deps: AppDeps): string {
  return new Date(deps.clock.now().getTime() + CLAIM_LEASE_MS).toISOString();
}
