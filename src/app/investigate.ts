/**
 * A Who? / Correlate / Analyze click on an alert card. Answers at once (a "running…" notice, and the
 * card shows the investigation running), then runs the queries in `followUp` and posts the result
 * in the alert's thread. The card loses its "running…" label when the result is posted or fails.
 */
import type { Alert } from '../domain/alert';
import type { InvestigationKind, Origin } from '../domain/intent';
import type { InvestigationResultView } from '../ports/card-model';
import { alertCard, refreshAlertCard } from './alert-card';
import type { AppDeps, UseCase } from './deps';
import { analyzeInvestigation } from './investigate-analyze';
import { correlationForAlert } from './investigate-correlation';
import { identityForAlert } from './investigate-identity';
import { INVESTIGATION_LABELS, markDone, markRunning } from './investigate-running';
import { postInAlertThread } from './post-in-thread';
import { noteTimeUnknown } from './time-unknown-note';

export const investigate: UseCase<'investigate'> = async ({ intent, origin }, deps) => {
  const label = INVESTIGATION_LABELS[intent.investigation];
  const alert = await deps.store.alerts.get(intent.alertId);
  if (!alert) return { reply: { kind: 'notice', tone: 'warning', text: `Alert ${intent.alertId.slice(0, 80)} is not known to this bot.` } };
  if (!markRunning(alert.systemAlertId, intent.investigation)) {
    return { reply: { kind: 'notice', tone: 'info', text: `${label} is already running on this alert; its answer will appear in the thread.` } };
  }
  const card = await alertCard(alert.systemAlertId, deps);
  // Started after this function returns its answer: the click is acknowledged before any query runs.
  const followUp = Promise.resolve().then(() => runAndPost(alert, intent.investigation, origin, deps));
  return {
    reply: { kind: 'notice', tone: 'info', text: `${label} running… the answer will appear in the alert's thread.` },
    alertCard: card,
    followUp,
  };
};

export async function runInvestigation(kind: InvestigationKind, alert: Alert, deps: AppDeps): Promise<InvestigationResultView> {
  return noteTimeUnknown(alert, await investigationOf(kind, alert, deps));
}

function investigationOf(kind: InvestigationKind, alert: Alert, deps: AppDeps): Promise<InvestigationResultView> {
  switch (kind) {
    case 'identity':
      return identityForAlert(alert, deps);
    case 'correlation':
      return correlationForAlert(alert, deps);
    case 'analyze':
      return analyzeInvestigation(alert, deps);
  }
}

async function runAndPost(alert: Alert, kind: InvestigationKind, origin: Origin, deps: AppDeps): Promise<void> {
  const id = alert.systemAlertId;
  try {
    const result = await runInvestigation(kind, alert, deps).catch(
      (err: unknown): InvestigationResultView => ({
        alertId: id,
        title: INVESTIGATION_LABELS[kind],
        answer: `${INVESTIGATION_LABELS[kind]} failed: ${(err as Error).message}`,
        status: 'failed',
        tables: [],
        queries: [],
        links: [],
      }),
    );
    await postInAlertThread(deps, id, { kind: 'investigation-result', result }, origin);
  } finally {
    markDone(id, kind);
    await refreshAlertCard(id, deps);
  }
}
