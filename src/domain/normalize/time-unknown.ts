/**
 * "Time unknown": the rule every alert shape passes through (normalizeAlerts applies it after the
 * shape's decoder, whichever it was). An alert that has an identity is never refused for its
 * times: with no usable start, end or generated time, all three become the time the bot received
 * it and the alert is marked `timeUnknown`, so investigation windows and sorting still work and
 * every view says the time is the bot's, not Defender's. A decoder leaves a time it cannot read
 * empty; a time a decoder let through that does not parse is treated the same way.
 */
import type { Alert } from '../alert';
import { dropUndefined } from './fields';
import { toIsoUtc } from './times';

export function withUsableTimes(alert: Alert, receivedAt: string): Alert {
  const start = toIsoUtc(alert.startTime);
  const end = toIsoUtc(alert.endTime);
  const generated = toIsoUtc(alert.generatedTime);
  const first = start ?? generated ?? end;
  if (!first) return { ...alert, startTime: receivedAt, endTime: receivedAt, generatedTime: receivedAt, timeUnknown: true, receivedTime: receivedAt };
  // Defender leaves EndTimeUtc out for a single event: the alert then spans one instant.
  return { ...alert, startTime: first, endTime: end ?? first, generatedTime: generated ?? first };
}

/**
 * An update of a stored alert that carries no usable time keeps the times it was stored with:
 * the first receipt's (so its windows do not move with every redelivery), or the real times an
 * earlier version carried.
 */
export function keepStoredTimes(incoming: Alert, stored: Alert | undefined): Alert {
  if (!incoming.timeUnknown || !stored) return incoming;
  const { startTime, endTime, generatedTime, timeUnknown, receivedTime } = stored;
  return dropUndefined({ ...incoming, startTime, endTime, generatedTime, timeUnknown, receivedTime });
}
