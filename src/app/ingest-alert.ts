/**
 * A raw alert arrives (replay, poll, webhook, Event Hubs): normalize, store, and queue what it is
 * owed in the durable outbox (the outbox worker posts it); a known alert whose status changed gets
 * its card updated (also queued), and so does one that another shape of it enriched (the same alert
 * from Graph adds its XDR incident to the card the ARM alert made: one alert, one card). Queueing is idempotent and done on every delivery, so an alert
 * delivered again (webhook retry, next poll) is never posted twice. A malformed alert is reported,
 * never silently dropped, and never stops the others.
 */
import type { Alert } from '../domain/alert';
import { alertItems, normalizeItem } from '../domain/normalize';
import { keepStoredTimes } from '../domain/normalize/time-unknown';
import { updateAsOf } from '../domain/update-order';
import { withCustomer } from '../domain/customer-access';
import type { DeliveryMeta } from '../ports/alert-source';
import type { AppDeps } from './deps';
import { enqueueCardUpdate, enqueueDelivery } from './outbox-enqueue';

export interface IngestOutcome {
  alert: Alert;
  inserted: boolean;
  statusChanged: boolean;
  /** Already stored (maybe in another shape), and this delivery added to it beyond its status. */
  enriched: boolean;
  /** older than the state already stored (update-order.ts): stored nothing, queued nothing */
  outdated?: boolean;
  /** outbox entries it is owed (queueing them again changes nothing) */
  queued: number;
}

/** Alerts read per turn of the event loop: a body of thousands must not hold it (a Slack ack waits). */
const NORMALIZE_PER_TURN = 100;

/**
 * Every alert in `raw` is read before any is stored, so a payload with one that has no identity is
 * refused as a whole (InvalidAlertError). `meta`: what the source knows of the delivery (when it
 * saw the alerts so: update-order.ts).
 */
export async function ingestRaw(raw: unknown, deps: AppDeps, meta: DeliveryMeta = {}): Promise<IngestOutcome[]> {
  const receivedAt = deps.clock.now().toISOString();
  const items = alertItems(raw);
  const alerts: Alert[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % NORMALIZE_PER_TURN === 0) await nextTurn();
    alerts.push(normalizeItem(items[i], i, items.length, { receivedAt }));
  }
  const outcomes: IngestOutcome[] = [];
  for (const alert of alerts) outcomes.push(await ingestAlert(alert, deps, updateAsOf(alert, meta.observedAt, receivedAt)));
  return outcomes;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Storing the alert and queueing what it is owed are one transaction: both land, or neither. An
 * update dated (`asOf`) before the stored state changes nothing and is owed nothing.
 */
export async function ingestAlert(incoming: Alert, deps: AppDeps, asOf?: string): Promise<IngestOutcome> {
  return deps.store.atomically(async (store) => {
    const tx: AppDeps = { ...deps, store };
    // Only an alert with no time of its own needs its stored version (to keep its first times).
    const kept = incoming.timeUnknown ? keepStoredTimes(incoming, await store.alerts.get(incoming.systemAlertId)) : incoming;
    // CUSTOMERS: the alert's customer, by its subscription or tenant, is stored with it.
    const alert = withCustomer(kept, deps.settings.customers ?? []);
    // A time-unknown alert's times are its receipt: the shift it came in is that same instant.
    const receivedAt = incoming.receivedTime ?? deps.clock.now().toISOString();
    const saved = await store.alerts.save(alert, { asOf, receivedAt });
    if (saved.outdated) return { alert, inserted: false, statusChanged: false, enriched: false, outdated: true, queued: 0 };
    const stored = saved.alert ?? alert;
    const queued = await enqueueDelivery(stored, tx);
    const enriched = saved.enriched === true;
    // A status change (resolved or dismissed in Defender) or news from another shape re-renders the card, through the outbox too.
    if (saved.statusChanged || enriched) await enqueueCardUpdate(stored, tx);
    return { alert: stored, inserted: saved.inserted, statusChanged: saved.statusChanged, enriched, queued };
  });
}
