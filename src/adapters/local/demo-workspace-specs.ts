/**
 * The demo workspace's reading of a per-plan query spec (domain/investigation/source-query.ts): the
 * same window, fixed filters, computed columns, conditions and summary as the KQL, over the bundled
 * rows. The KQL text itself is never interpreted.
 */
import { outputColumns, type SourceQuerySpec, type SpecRow as Row } from '../../domain/investigation';

type Condition = SourceQuerySpec['match'][number][number];

const s = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const lower = (v: unknown) => s(v).toLowerCase();
const time = (v: unknown) => Date.parse(s(v));
const SET_SIZE = 10;

export function evaluateSpec(spec: SourceQuerySpec, rows: Row[]): Row[] {
  const from = Date.parse(spec.window.start);
  const to = Date.parse(spec.window.end);
  const groups = spec.match.map((g) => g.filter((c) => c.values.length > 0)).filter((g) => g.length > 0);
  const matched = rows
    .filter((r) => time(r.TimeGenerated) >= from && time(r.TimeGenerated) <= to)
    .filter((r) => (spec.fixed ?? []).every((f) => f.test(r)))
    .map((r) => ({ ...r, ...Object.fromEntries((spec.derive ?? []).map((d) => [d.name, d.value(r)])) }))
    .filter((r) => (spec.after ?? []).every((f) => f.test(r)))
    .filter((r) => groups.every((g) => g.some((c) => holds(c, r))));
  const out = spec.summarize ? summarize(matched, spec.summarize) : matched;
  const [column, direction] = spec.order;
  return out.sort((a, b) => (direction === 'asc' ? 1 : -1) * compare(a[column], b[column])).slice(0, spec.limit);
}

function holds(c: Condition, r: Row): boolean {
  const value = r[c.column];
  switch (c.op) {
    case 'in~':
      return c.values.some((v) => lower(v) === lower(value));
    case 'in':
      return c.values.includes(s(value));
    case 'scope':
      return c.values.some((v) => lower(value) === lower(v) || lower(value).startsWith(`${lower(v)}/`));
    case 'exact-scope':
      return c.values.some((v) => lower(value) === lower(v));
    case 'host':
      return c.values.some((v) => lower(value).split('.')[0] === lower(v).split('.')[0]);
    case 'array-intersects': {
      const items = Array.isArray(value) ? value.map(s) : [];
      return items.some((i) => c.values.includes(i));
    }
  }
}

function summarize(rows: Row[], summary: NonNullable<SourceQuerySpec['summarize']>): Row[] {
  const groups = new Map<string, Row>();
  for (const r of rows) {
    const key = JSON.stringify(summary.by.map((k) => r[k] ?? null));
    const g = groups.get(key) ?? { ...Object.fromEntries(summary.by.map((k) => [k, r[k] ?? ''])), Count: 0, FirstSeen: r.TimeGenerated, LastSeen: r.TimeGenerated };
    g.Count = (g.Count as number) + 1;
    if (time(r.TimeGenerated) < time(g.FirstSeen)) g.FirstSeen = r.TimeGenerated;
    if (time(r.TimeGenerated) > time(g.LastSeen)) g.LastSeen = r.TimeGenerated;
    for (const set of summary.sets ?? []) {
      const items = (g[set.name] as unknown[] | undefined) ?? [];
      const v = r[set.column];
      if (v !== undefined && v !== null && v !== '' && items.length < SET_SIZE && !items.some((i) => s(i) === s(v))) items.push(v);
      g[set.name] = items;
    }
    groups.set(key, g);
  }
  return [...groups.values()];
}

function compare(a: unknown, b: unknown): number {
  const ta = time(a);
  const tb = time(b);
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && /^\d{4}-/.test(s(a))) return ta - tb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return s(a).localeCompare(s(b));
}

/** The result's columns with the types Log Analytics would give them. */
export function specColumns(spec: SourceQuerySpec, rows: Row[]): { name: string; type: string }[] {
  return outputColumns(spec).map((name) => ({ name, type: typeOf(name, rows.map((r) => r[name]).find((v) => v !== undefined && v !== null && v !== '')) }));
}

function typeOf(name: string, sample: unknown): string {
  if (name === 'Count') return 'long';
  if (name === 'FirstSeen' || name === 'LastSeen' || name === 'TimeGenerated') return 'datetime';
  if (typeof sample === 'number') return Number.isInteger(sample) ? 'long' : 'real';
  if (typeof sample === 'boolean') return 'bool';
  if (Array.isArray(sample) || (sample && typeof sample === 'object')) return 'dynamic';
  return 'string';
}
