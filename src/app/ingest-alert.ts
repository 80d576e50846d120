/**
 * A raw alert arrives (replay, poll, webhook, Event Hubs): normalize, store, and queue what it is
 * owed in the durable outbox (the outbox worker posts it); a known alert whose status changed gets
 * its card updated (also queued), and so does one that another shape of it enriched (the same alert
 * from Graph adds its XDR incident to the card the ARM alert made: one alert, one card). Queueing is idempotent and done on every delivery, so an alert
 * delivered again (webhook retry, next poll) is never posted twice. A malformed alert is reported,
 * never silently dropped, and never stops the others.
 */
import type { Alert } from '../domain/alert';
import { normalizeAlerts } from '../domain/normalize';
import type { AppDeps } from './deps';
import { enqueueCardUpdate, enqueueDelivery } from './outbox-enqueue';

export interface IngestOutcome {
  alert: Alert;
  inserted: boolean;
  statusChanged: boolean;
  /** Already stored (maybe in another shape), and this delivery added to it beyond its status. */
  enriched: boolean;
  /** outbox entries it is owed (queueing them again changes nothing) */
  queued: number;
}

export async function ingestRaw(raw: unknown, deps: AppDeps): Promise<IngestOutcome[]> {
  const outcomes: IngestOutcome[] = [];
  for (const alert of normalizeAlerts(raw)) outcomes.push(await ingestAlert(alert, deps));
  return outcomes;
}

/** Storing the alert and queueing what it is owed are one transaction: both land, or neither. */
export async function ingestAlert(alert: Alert, deps: AppDeps): Promise<IngestOutcome> {
  return deps.store.atomically(async (store) => {
    const tx: AppDeps = { ...deps, store };
    const saved = await store.alerts.save(alert, deps.clock.now().toISOString());
    const stored = saved.alert ?? alert;
    const queued = await enqueueDelivery(stored, tx);
    const enriched = saved.enriched === true;
    // A status change (resolved or dismissed in Defender) or news from another shape re-renders the card, through the outbox too.
    if (saved.statusChanged || enriched) await enqueueCardUpdate(stored, tx);
    return { alert: stored, inserted: saved.inserted, statusChanged: saved.statusChanged, enriched, queued };
  });
}
