/**
 * The alert card as it should look now: the alert plus its live state. Features that add state
 * (votes, decisions, storms, snoozes, findings) contribute through `deps.features.cardState`, so
 * this stays the one place that decides what the card shows.
 */
import type { Alert } from '../domain/alert';
import type { AlertCardState, CardModel } from '../ports/card-model';
import { ALERT_CARD_STATE } from './card-state';
import { customerOfAlert } from '../domain/customer-access';
import type { AppDeps } from './deps';

export type { CardStateContributor } from './deps';

export async function alertCardState(alert: Alert, deps: AppDeps): Promise<AlertCardState> {
  const state: AlertCardState = { status: alert.status, portalUrl: deps.settings.azurePortalUrl };
  if (deps.settings.customers?.length) state.customer = customerOfAlert(alert, deps.settings.customers)?.name ?? 'none (SOC-wide)';
  for (const contribute of deps.features?.cardState ?? ALERT_CARD_STATE) await contribute(alert, state, deps);
  return state;
}

export async function alertCard(alertId: string, deps: AppDeps): Promise<CardModel | undefined> {
  const alert = await deps.store.alerts.get(alertId);
  if (!alert) return undefined;
  return { kind: 'alert', alert, state: await alertCardState(alert, deps) };
}

/** Re-renders the alert's root card on every surface it was posted to. */
export async function refreshAlertCard(alertId: string, deps: AppDeps, card?: CardModel): Promise<void> {
  const model = card ?? (await alertCard(alertId, deps));
  if (!model) return;
  for (const ref of await deps.store.messages.listForAlert(alertId)) {
    if (ref.role !== 'root') continue;
    const surface = deps.surfaces[ref.platform];
    if (!surface) continue;
    await surface.update(ref, model).catch((err: unknown) => deps.logger.warn({ err, alertId }, 'card update failed'));
  }
}
