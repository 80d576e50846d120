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

/** "3 min before" / "5 min after" / "at the same minute" / "2 h before" */
export function relative(at: number, anchor: number): string {
  const minutes = Math.round((anchor - at) / 60_000);
  if (minutes === 0) return 'at the same minute';
  const abs = Math.abs(minutes);
  const amount = abs >= 120 ? `${Math.round(abs / 60)} h` : `${abs} min`;
  return `${amount} ${minutes > 0 ? 'before' : 'after'}`;
}

export function shortHost(host: string): string {
  return host.split('.')[0]!.toLowerCase();
}
