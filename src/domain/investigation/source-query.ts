/**
 * One log source searched for one alert, written once as data: the table, the fixed filters (our
 * own KQL text), the computed columns, the conditions on the alert's values, and the output (a
 * projection or a summary). `renderKql` turns it into the query sent to Log Analytics; the local demo
 * workspace evaluates the same spec over its rows (each computed column and fixed filter carries the
 * same meaning as a function), so the two cannot drift apart.
 *
 * Untrusted values only ever enter as `let` bindings of escaped literals (kql-compose); the KQL text
 * here is the bot's own. Every query is bounded in time (the window) and rows (`limit`).
 */
import { compose, list, str, timeFilter, type Binding } from './kql-compose';
import type { TimeWindow } from './window';

export type Row = Record<string, unknown>;

/** A column computed from the row: `extend <name> = <kql>`, and the same value in TypeScript. */
export interface Derived {
  name: string;
  kql: string;
  value(row: Row): unknown;
}

/** A filter of our own (no alert value in it). */
export interface Fixed {
  kql: string;
  test(row: Row): boolean;
}

/** A condition on alert values, which go in as one binding. */
export interface Condition {
  column: string;
  op: 'in~' | 'in' | 'scope' | 'exact-scope' | 'array-intersects' | 'host';
  /** Binding name (unique in the query). */
  binding: string;
  values: string[];
}

export interface Summary {
  by: string[];
  /** `Name = make_set(column, 10)` */
  sets?: { name: string; column: string }[];
}

export interface SourceQuerySpec {
  table: string;
  window: TimeWindow;
  fixed?: Fixed[];
  derive?: Derived[];
  /** Filters of our own on computed columns (after `extend`). */
  after?: Fixed[];
  /** Groups ANDed together; the conditions of a group ORed. Empty groups are left out. */
  match: Condition[][];
  project?: string[];
  summarize?: Summary;
  order: [column: string, direction: 'asc' | 'desc'];
  limit: number;
}

export const SET_SIZE = 10;

export function renderKql(name: string, spec: SourceQuerySpec): string {
  const groups = spec.match.map((g) => g.filter((c) => c.values.length > 0)).filter((g) => g.length > 0);
  const bindings: Binding[] = groups.flat().map((c) => (SINGLE_VALUE.has(c.op) ? str(c.binding, c.values[0]!) : list(c.binding, c.values)));
  const pipeline = [timeFilter(spec.window), ...(spec.fixed ?? []).map((f) => `where ${f.kql}`)];
  if (spec.derive?.length) pipeline.push(`extend ${spec.derive.map((d) => `${d.name} = ${d.kql}`).join(', ')}`);
  pipeline.push(...(spec.after ?? []).map((f) => `where ${f.kql}`));
  for (const group of groups) pipeline.push(`where ${group.map(conditionKql).join(' or ')}`);
  if (spec.summarize) {
    const sets = (spec.summarize.sets ?? []).map((s) => `, ${s.name} = make_set(${s.column}, ${SET_SIZE})`).join('');
    pipeline.push(`summarize Count = count(), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated)${sets} by ${spec.summarize.by.join(', ')}`);
  } else if (spec.project) {
    pipeline.push(`project ${spec.project.join(', ')}`);
  }
  pipeline.push(`top ${spec.limit} by ${spec.order[0]} ${spec.order[1]}`);
  return compose(name, bindings, spec.table, pipeline);
}

const SINGLE_VALUE = new Set<Condition['op']>(['scope', 'exact-scope', 'host']);

function conditionKql(c: Condition): string {
  switch (c.op) {
    case 'host':
      return `tostring(split(${c.column}, '.')[0]) =~ tostring(split(${c.binding}, '.')[0])`;
    case 'scope':
      return `(${c.column} =~ ${c.binding} or ${c.column} startswith strcat(${c.binding}, '/'))`;
    case 'exact-scope':
      return `${c.column} =~ ${c.binding}`;
    case 'array-intersects':
      return `array_length(set_intersect(${c.column}, ${c.binding})) > 0`;
    default:
      return `${c.column} ${c.op} (${c.binding})`;
  }
}

/** The columns a spec returns, in order (what the demo workspace answers with). */
export function outputColumns(spec: SourceQuerySpec): string[] {
  if (spec.summarize) return [...spec.summarize.by, 'Count', 'FirstSeen', 'LastSeen', ...(spec.summarize.sets ?? []).map((s) => s.name)];
  return spec.project ?? [];
}

/** Conditions' values, for tests and the demo: every alert value the spec carries. */
export function specValues(spec: SourceQuerySpec): string[] {
  return spec.match.flat().flatMap((c) => c.values);
}

/** A resource-id scope condition on `_ResourceId` (the resource and anything under it). */
export function scopeOf(resourceId: string | undefined, binding = 'scope', exact = false): Condition[] {
  return resourceId ? [{ column: '_ResourceId', op: exact ? 'exact-scope' : 'scope', binding, values: [resourceId] }] : [];
}

export function anyOf(...conditions: (Condition | undefined)[]): Condition[] {
  return conditions.filter((c): c is Condition => c !== undefined && c.values.length > 0);
}

export function inList(column: string, binding: string, values: readonly string[], caseInsensitive = true): Condition | undefined {
  return values.length ? { column, op: caseInsensitive ? 'in~' : 'in', binding, values: [...values] } : undefined;
}

/** Reads a path ("User.username", "Identity.claim.oid") in a dynamic value that may arrive as JSON text. */
export function dyn(row: Row, column: string, ...path: string[]): unknown {
  let value: unknown = row[column];
  for (const key of path) {
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        return undefined;
      }
    }
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function textOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * The client address of "198.51.100.77:51544", "[2001:db8::1]:443" or a bare address — Storage and
 * Key Vault logs write the port after the address.
 */
export const CLIENT_IP_KQL = (column: string) =>
  `iff(${column} startswith '[', extract(@'^\\[([^\\]]+)\\]', 1, ${column}), iff(countof(${column}, ':') == 1, tostring(split(${column}, ':')[0]), ${column}))`;

export function clientIp(value: unknown): string {
  const s = textOf(value);
  if (s.startsWith('[')) return /^\[([^\]]+)\]/.exec(s)?.[1] ?? '';
  return s.split(':').length === 2 ? s.split(':')[0]! : s;
}
