/**
 * A Who? / Correlate / Analyze click on an alert card. Answers at once (a "running…" notice, and the
 * card shows the investigation running), then the investigation takes its turn in the Log Analytics
 * queue (`followUp`) and its result is posted in the alert's thread. The card loses its "running…"
 * label when the result is posted or fails. A second click on the same investigation shares the run.
 */
import type { Alert } from '../domain/alert';
import type { InvestigationKind, Origin } from '../domain/intent';
import type { Lane } from '../domain/scheduling/fair-schedule';
import type { CardModel, InvestigationResultView } from '../ports/card-model';
import { alertCard, refreshAlertCard } from './alert-card';
import type { AppDeps, UseCase } from './deps';
import { analyzeInvestigation } from './investigate-analyze';
import { correlationForAlert } from './investigate-correlation';
import { identityForAlert } from './investigate-identity';
import { ownerOf, progressText, queueInvestigation, type InvestigationRequest, type QueuedInvestigation } from './investigate-queued';
import { investigationScope, withScopeFacts } from './investigation-workspace';
import { INVESTIGATION_LABELS, markDone, markRunning } from './investigate-running';
import { presentInThread } from './present';
import { recordFinding } from './case-findings';
import { noteTimeUnknown } from './time-unknown-note';

export const investigate: UseCase<'investigate'> = async ({ intent, origin, actor }, deps) => {
  const label = INVESTIGATION_LABELS[intent.investigation];
  const alert = await deps.store.alerts.get(intent.alertId);
  if (!alert) return { reply: { kind: 'notice', tone: 'warning', text: `Alert ${intent.alertId.slice(0, 80)} is not known to this bot.` } };
  const id = alert.systemAlertId;
  // The card shows it running from the answer on; it is built before the queue may start (and end) the run.
  const marked = markRunning(id, intent.investigation);
  const card = await alertCard(id, deps);
  const queued = await queueAlertInvestigation(alert, intent.investigation, { lane: 'interactive', owner: ownerOf(actor), origin }, deps);
  if (queued.kind === 'refused') {
    if (marked) markDone(id, intent.investigation);
    return { reply: queued.notice };
  }
  const reply = { kind: 'notice', tone: 'info', text: progressText(queued, label, "the answer will appear in the alert's thread") } as const;
  if (queued.kind === 'joined') return { reply, followUp: queued.followUp };
  return { reply, alertCard: card, followUp: queued.followUp };
};

/**
 * One investigation of an alert through the Log Analytics queue, its answer posted in the alert's
 * thread where it was asked (without an origin: in every channel the alert is in). Clicks use the
 * interactive lane; automatic work the background lane, under its own owner name (a click on it
 * later shares the run, lifts it into the click lane, and is not answered twice in one thread).
 * Part of a larger request (/investigate <alert id> runs all three), it carries that request's
 * `group` for the cap, and is posted only `after` the investigation before it. `automatic`: its
 * answer says it was run on arrival, not asked for.
 */
export async function queueAlertInvestigation(
  alert: Alert,
  kind: InvestigationKind,
  asked: { lane: Lane; owner: string; origin?: Origin } & Pick<InvestigationRequest, 'group' | 'admitted' | 'refusedAs'> & { after?: Promise<unknown>; automatic?: boolean },
  deps: AppDeps,
): Promise<QueuedInvestigation> {
  const id = alert.systemAlertId;
  const { origin } = asked;
  const destinations = origin
    ? [`${origin.platform}:${origin.channelId}`]
    : (await deps.store.messages.listForAlert(id)).filter((r) => r.role === 'root').map((r) => `${r.platform}:${r.channelId}`);
  const queued = queueInvestigation(
    {
      key: `alert:${id}:${kind}`,
      lane: asked.lane,
      owner: asked.owner,
      group: asked.group,
      admitted: asked.admitted,
      refusedAs: asked.refusedAs,
      label: INVESTIGATION_LABELS[kind],
      destinations,
      run: (logs) => runInvestigation(kind, alert, { ...deps, logs }).catch((err: unknown) => failedView(id, kind, err)),
      deliver: async (card) => {
        await asked.after?.catch(() => undefined);
        // Marked on this asker's delivery only: a click's own answer elsewhere is not "automatic".
        const shown: CardModel = asked.automatic && card.kind === 'investigation-result' ? { ...card, result: { ...card.result, automatic: true } } : card;
        const posted = await presentInThread(deps, id, shown, origin);
        await recordFinding(id, kind, card, posted, deps).catch((err: unknown) => deps.logger.warn({ err, alertId: id }, 'findings not recorded'));
        return posted;
      },
    },
    deps,
  );
  if (queued.kind !== 'queued') return queued;
  markRunning(id, kind);
  const followUp = queued.followUp.finally(async () => {
    markDone(id, kind);
    await refreshAlertCard(id, deps);
  });
  return { ...queued, followUp };
}

/** In the workspace the alert's data is in (investigation-workspace.ts), which the answer names. */
export async function runInvestigation(kind: InvestigationKind, alert: Alert, deps: AppDeps): Promise<InvestigationResultView> {
  const scope = await investigationScope(alert, kind, deps);
  const scoped = { ...deps, logs: scope.logs };
  const result = await (kind === 'identity' ? identityForAlert(alert, scoped) : kind === 'correlation' ? correlationForAlert(alert, scoped) : analyzeInvestigation(alert, scoped));
  return noteTimeUnknown(alert, { ...withScopeFacts(result, scope), kind });
}

function failedView(alertId: string, kind: InvestigationKind, err: unknown): InvestigationResultView {
  const label = INVESTIGATION_LABELS[kind];
  return { alertId, title: label, answer: `${label} failed: ${(err as Error).message}`, status: 'failed', tables: [], queries: [], links: [] };
}
