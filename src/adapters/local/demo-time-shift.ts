/**
 * The demo replays as if it had just happened: every ISO time in the demo alerts and in the demo
 * workspace's rows moves by one offset, so the flagship PowerShell alert started a few minutes
 * before the bot did (DEMO_KEEP_TIMES keeps the original 26 Nov 2026 times). The offset is
 * recorded by the store itself: once the flagship alert is stored, its start time minus the
 * original one is the offset again after a restart, so cards, Who? and Correlate stay consistent.
 */
import type { AlertRepository } from '../../ports/alert-repository';

/** The flagship PowerShell alert (demo/alerts/flagship-2-…): the story's anchor. */
export const DEMO_ANCHOR_ALERT_ID = '2516066414359999999_c3a9e1d4-6b27-4f85-a0d2-7e4b9c1f5a63';
export const DEMO_ANCHOR_START = '2026-11-26T02:16:04.000Z';
/** How long before now the anchor alert appears to have started on a first replay. */
const MINUTES_AGO = 5;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The offset to replay the demo with: the recorded one, else one that puts the anchor minutes before `now`. */
export async function demoTimeShiftMs(alerts: AlertRepository, now: Date): Promise<number> {
  const stored = await alerts.get(DEMO_ANCHOR_ALERT_ID);
  if (stored && !Number.isNaN(Date.parse(stored.startTime))) return Date.parse(stored.startTime) - Date.parse(DEMO_ANCHOR_START);
  const target = Math.floor((now.getTime() - MINUTES_AGO * 60_000) / 60_000) * 60_000;
  return target - Date.parse(DEMO_ANCHOR_START);
}

/** A copy of `value` with every ISO 8601 time string moved by `ms` (written back in UTC). */
export function shiftIsoTimes(value: unknown, ms: number): unknown {
  if (typeof value === 'string') return ISO_TIME.test(value) ? new Date(Date.parse(value) + ms).toISOString() : value;
  if (Array.isArray(value)) return value.map((v) => shiftIsoTimes(v, ms));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftIsoTimes(v, ms)]));
  return value;
}
