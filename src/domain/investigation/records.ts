/** Query result tables as records, and the small formatting helpers the answers share. */
export interface ResultTable {
  columns: { name: string }[];
  rows: unknown[][];
}

export type Row = Record<string, unknown>;

export function records(tables: ResultTable[] | undefined): Row[] {
  const t = tables?.[0];
  if (!t) return [];
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.name, r[i]])));
}

export function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function num(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(text(v));
  return Number.isFinite(n) ? n : 0;
}

export function timeOf(v: unknown): number {
  return Date.parse(text(v));
}

/** 02:13 (UTC) */
export function hhmm(v: unknown): string {
  const t = timeOf(v);
  return Number.isNaN(t) ? text(v) : new Date(t).toISOString().slice(11, 16);
}

/**
 * "3 min before" / "5 min after" / "at the same minute" / "2 h before" / "11 d before"; with
 * `anchorIsNow`, "3 min ago" / "in 5 min" / "just now".
 */
export function relative(at: number, anchor: number, anchorIsNow = false): string {
  const minutes = Math.round((anchor - at) / 60_000);
  if (minutes === 0) return anchorIsNow ? 'just now' : 'at the same minute';
  const amount = humanMinutes(Math.abs(minutes));
  if (anchorIsNow) return minutes > 0 ? `${amount} ago` : `in ${amount}`;
  return `${amount} ${minutes > 0 ? 'before' : 'after'}`;
}

/** 45 min, 5 h, 11 d: the unit a person would say. */
export function humanMinutes(minutes: number): string {
  if (minutes < 120) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} d`;
}

export function shortHost(host: string): string {
  return host.split('.')[0]!.toLowerCase();
}
