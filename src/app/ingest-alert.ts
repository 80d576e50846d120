/**
 * A raw alert arrives (replay, poll, webhook, Event Hubs): normalize, store, and queue what it is
 * owed in the durable outbox (the outbox worker posts it); a known alert whose status changed gets
 * its card updated (also queued). Queueing is idempotent and done on every delivery, so an alert
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
    const queued = await enqueueDelivery(alert, tx);
    // A status change (resolved or dismissed in Defender) re-renders the card, through the outbox too.
    if (saved.statusChanged) await enqueueCardUpdate(alert, tx);
    return { alert, inserted: saved.inserted, statusChanged: saved.statusChanged, queued };
  });
}
