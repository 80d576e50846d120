/**
 * Shift schedules: a time zone and the local start times of each shift, e.g.
 * "Europe/Berlin 07:00,15:00,23:00". Boundaries are computed with Intl in that zone, so daylight
 * saving moves them with the wall clock. Pure: `now` is always passed in.
 */
export interface ShiftSchedule {
  timeZone: string;
  /** Minutes after local midnight, ascending, distinct. */
  startMinutes: number[];
}

export interface Shift {
  start: Date;
  end: Date;
  /** e.g. "07:00–15:00 Europe/Berlin" */
  label: string;
}

export type ParseShiftsResult = { ok: true; schedule: ShiftSchedule } | { ok: false; reason: string };

/** With no SHIFTS configured: three 8-hour shifts in UTC. */
export const DEFAULT_SHIFTS: ShiftSchedule = { timeZone: 'UTC', startMinutes: [0, 8 * 60, 16 * 60] };

export function parseShifts(text: string): ParseShiftsResult {
  const match = /^\s*(\S+)\s+(\S.*)$/.exec(text);
  if (!match) return { ok: false, reason: 'expected "<time zone> HH:MM,HH:MM,…", e.g. "Europe/Berlin 07:00,15:00,23:00"' };
  const [, timeZone, times] = match as unknown as [string, string, string];
  if (!isTimeZone(timeZone)) return { ok: false, reason: `unknown time zone "${timeZone.slice(0, 60)}" (use an IANA name like Europe/Berlin)` };
  const minutes: number[] = [];
  for (const part of times.split(',').map((s) => s.trim())) {
    const t = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(part);
    if (!t) return { ok: false, reason: `"${part.slice(0, 20)}" is not a time HH:MM (00:00–23:59)` };
    minutes.push(Number(t[1]) * 60 + Number(t[2]));
  }
  const startMinutes = [...new Set(minutes)].sort((a, b) => a - b);
  return { ok: true, schedule: { timeZone, startMinutes } };
}

export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The shift `now` falls in: [start, end). */
export function shiftAt(schedule: ShiftSchedule, now: Date): Shift {
  const boundaries = boundariesAround(schedule, now);
  let i = boundaries.findIndex((b) => b.getTime() > now.getTime());
  if (i <= 0) i = 1; // cannot happen with a ±2-day window; keeps the types simple
  const start = boundaries[i - 1] as Date;
  const end = boundaries[i] as Date;
  return { start, end, label: `${localTime(schedule, start)}–${localTime(schedule, end)} ${schedule.timeZone}` };
}

/** The shift that ended last before `now` (the one a scheduled handoff at `now` reports on). */
export function previousShift(schedule: ShiftSchedule, now: Date): Shift {
  return shiftAt(schedule, new Date(shiftAt(schedule, now).start.getTime() - 1));
}

/** Every boundary from two local days before `now` to two after, ascending. */
function boundariesAround(schedule: ShiftSchedule, now: Date): Date[] {
  const today = localParts(schedule.timeZone, now);
  const out: number[] = [];
  for (let day = -2; day <= 2; day++) {
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day + day));
    for (const m of schedule.startMinutes)
      out.push(zonedTimeToUtc(schedule.timeZone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), Math.floor(m / 60), m % 60));
  }
  return [...new Set(out)].sort((a, b) => a - b).map((t) => new Date(t));
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(timeZone: string, instant: Date): LocalParts {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const get = (type: string) => Number(f.formatToParts(instant).find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** The zone's offset from UTC at `instant`, in ms. */
function offsetMs(timeZone: string, instant: number): number {
  const p = localParts(timeZone, new Date(instant));
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant of a local wall-clock time (a time skipped by DST lands just after the gap). */
export function zonedTimeToUtc(timeZone: string, year: number, month: number, day: number, hour: number, minute: number): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetMs(timeZone, wall);
  const second = wall - offsetMs(timeZone, first);
  return second;
}

function localTime(schedule: ShiftSchedule, instant: Date): string {
  const p = localParts(schedule.timeZone, instant);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** The schedule from configuration text the config schema has validated; undefined when unset. */
export function shiftsFromConfig(text: string | undefined): ShiftSchedule | undefined {
  if (!text) return undefined;
  const parsed = parseShifts(text);
  if (!parsed.ok) throw new Error(`SHIFTS: ${parsed.reason}`);
  return parsed.schedule;
}
