/**
 * A raw alert arrives (replay, poll, webhook, Event Hubs): normalize, store, and post it to its
 * routes; a known alert whose status changed gets its card updated instead. A malformed alert is
 * reported, never silently dropped, and never stops the others.
 */
import type { Alert } from '../domain/alert';
import { normalizeAlerts } from '../domain/normalize';
import { alertCard, refreshAlertCard } from './alert-card';
import type { AppDeps } from './deps';

export interface IngestOutcome {
  alert: Alert;
  inserted: boolean;
  statusChanged: boolean;
  posted: number;
}

export async function ingestRaw(raw: unknown, deps: AppDeps): Promise<IngestOutcome[]> {
  const outcomes: IngestOutcome[] = [];
  for (const alert of normalizeAlerts(raw)) outcomes.push(await ingestAlert(alert, deps));
  return outcomes;
}

export async function ingestAlert(alert: Alert, deps: AppDeps): Promise<IngestOutcome> {
  const saved = await deps.store.alerts.save(alert);
  let posted = 0;
  if (saved.inserted) posted = await postToRoutes(alert, deps);
  else if (saved.statusChanged) await refreshAlertCard(alert.systemAlertId, deps);
  return { alert, inserted: saved.inserted, statusChanged: saved.statusChanged, posted };
}

async function postToRoutes(alert: Alert, deps: AppDeps): Promise<number> {
  const card = await alertCard(alert.systemAlertId, deps);
  if (!card) return 0;
  let posted = 0;
  for (const route of await deps.routes(alert.systemAlertId)) {
    const surface = deps.surfaces[route.platform];
    if (!surface) continue;
    if (await deps.store.messages.findRoot(alert.systemAlertId, route.platform, route.channelId)) continue;
    const ref = await surface.post(route.channelId, card, { alertId: alert.systemAlertId });
    await deps.store.messages.save({ ...ref, alertId: alert.systemAlertId, role: 'root', createdAt: deps.clock.now().toISOString() });
    posted++;
  }
  return posted;
}
