/**
 * Time windows the investigations search. Who? looks from a while before the alert started to a
 * while after it ended; Correlate looks ± hours; resource activity and threat intelligence look back
 * further. Every window is a closed ISO interval, so every query is bounded in time.
 */
export interface TimeWindow {
  start: string;
  end: string;
}

export interface WindowSettings {
  investigationWindowBeforeMinutes: number;
  investigationWindowAfterMinutes: number;
  correlationWindowHours: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Who did AzureActivity on the resource: the last 14 days up to the end of the window. */
export const RESOURCE_ACTIVITY_DAYS = 14;
/** Threat-intelligence indicators seen in the last 90 days count as known. */
export const THREAT_INTEL_DAYS = 90;

export interface AlertTimes {
  startTime: string;
  endTime: string;
}

export function investigationWindow(alert: AlertTimes, s: WindowSettings): TimeWindow {
  return {
    start: shift(alert.startTime, -s.investigationWindowBeforeMinutes * MINUTE),
    end: shift(laterOf(alert.startTime, alert.endTime), s.investigationWindowAfterMinutes * MINUTE),
  };
}

export function correlationWindow(alert: AlertTimes, hours: number): TimeWindow {
  return { start: shift(alert.startTime, -hours * HOUR), end: shift(laterOf(alert.startTime, alert.endTime), hours * HOUR) };
}

export function lookbackWindow(end: string, days: number): TimeWindow {
  return { start: shift(end, -days * DAY), end };
}

/** "90m", "2h", "1d", "1w" (as given to /investigate) → milliseconds; undefined when not such a duration or over 30 days. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d{1,4})\s*(m|min|h|d|w)\s*$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  const ms = n * (unit === 'w' ? 7 * DAY : unit === 'd' ? DAY : unit === 'h' ? HOUR : MINUTE);
  return ms > 0 && ms <= 30 * DAY ? ms : undefined;
}

/** The window that ends now and reaches back `ms`. */
export function windowEndingAt(end: Date, ms: number): TimeWindow {
  return { start: new Date(end.getTime() - ms).toISOString(), end: end.toISOString() };
}

export function timespanText(w: TimeWindow): string {
  return `${w.start}/${w.end}`;
}

function shift(iso: string, ms: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`not a time: ${JSON.stringify(iso.slice(0, 40))}`);
  return new Date(t + ms).toISOString();
}

function laterOf(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}
