/**
 * Which of two updates of one alert is newer, so that an older one never overwrites a newer one: a
 * replayed webhook body, a late poll page or a redelivered Event Hubs event that still says Active
 * must not reopen an alert that is already Resolved. An update is dated by the first of:
 *
 *   1. the alert's own last-modified time, for the shapes that carry one (`lastModifiedTime`);
 *   2. when its source saw the alert in that state (`observedAt`): the start of the poll's list
 *      call, the Event Hubs event's enqueued time, the webhook body's signed X-Triage-Timestamp;
 *   3. when the bot received it — arrival order — for sources that say nothing (a webhook
 *      authenticated without a timestamp, replay files).
 *
 * No date is later than the receipt: a sender's clock running ahead cannot date its updates past
 * later ones. The store keeps the date of the state it holds and ignores an update dated before
 * it; updates dated alike apply in arrival order.
 */
import type { Alert } from './alert';
import { toIsoUtc } from './normalize/times';

export function updateAsOf(alert: Alert, observedAt: string | undefined, receivedAt: string): string {
  const dated = toIsoUtc(alert.lastModifiedTime) ?? toIsoUtc(observedAt);
  return dated && dated < receivedAt ? dated : receivedAt;
}
