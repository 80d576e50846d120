/**
 * A Defender plan's Who?: the sources it searches for an alert of its kind, and how their rows are
 * told as one or two sentences. Each plan is a module of this shape (plans/*.ts); catalogue.ts picks
 * the one for the alert's resource kind.
 */
import { QUERY_TABLE, type CatalogueQuery, type QueryName, type QueryParams } from '../query-types';
import { anyOf, inList, renderKql, type Condition, type Row, type SourceQuerySpec } from '../source-query';
import type { CloudSubject, InvestigationSubject } from '../subject';
import type { TimeWindow } from '../window';

export type RowsOf = (name: QueryName) => Row[];

export interface Plan {
  queries(subject: InvestigationSubject, cloud: CloudSubject, p: QueryParams): CatalogueQuery[];
  /** Sentences from the rows; none when the rows say nothing (coverage then speaks). */
  answer(rows: RowsOf, subject: InvestigationSubject, cloud: CloudSubject): string[];
}

export function specQuery(name: QueryName, title: string, spec: Omit<SourceQuerySpec, 'table'>, p: QueryParams): CatalogueQuery {
  const full: SourceQuerySpec = { table: QUERY_TABLE[name], ...spec };
  return { name, family: 'identity', title, query: renderKql(name, full), timespan: spec.window, params: p, table: full.table, spec: full };
}

/** The queries' window: the investigation window unless the spec asks for another. */
export function windowOf(p: QueryParams): TimeWindow {
  return p.window;
}

/** Every principal identifier the alert names, the way logs write them (object ids, UPNs, app ids, names). */
export function principalValues(cloud: CloudSubject): string[] {
  return unique([...cloud.principalIds, ...cloud.upns, ...cloud.appIds, ...cloud.accountNames]);
}

/** The account name the alert gives an identifier ("sp-billing-sync" for its object id), else the identifier. */
export function displayName(subject: InvestigationSubject, id: string): string {
  const lower = id.toLowerCase();
  const account = subject.accounts.find((a) => [a.aadUserId, a.upn, a.appId, a.name].some((v) => v?.toLowerCase() === lower));
  return account?.name ?? id;
}

export function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (!v || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** "SecretList ×1, SecretGet ×2" from summarized rows. */
export function operationCounts(rows: Row[], column = 'OperationName', max = 4): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(String(r[column] ?? ''), (counts.get(String(r[column] ?? '')) ?? 0) + (Number(r.Count) || 1));
  const parts = [...counts.entries()].filter(([op]) => op !== '').slice(0, max).map(([op, n]) => `${op} ×${n}`);
  return parts.join(', ');
}

export function totalCount(rows: Row[]): number {
  return rows.reduce((n, r) => n + (Number(r.Count) || 1), 0);
}

/** The id of the resource of `type` that `resourceId` is, or lives under ("…/storageAccounts/x/blobServices/default" → "…/storageAccounts/x"). */
export function rootOf(resourceId: string | undefined, type: RegExp): string | undefined {
  if (!resourceId) return undefined;
  const m = new RegExp(`^(.*?/providers/${type.source}/[^/]+)`, 'i').exec(resourceId);
  return m?.[1] ?? resourceId;
}

/** "03:12–03:14" (or "03:12") over summarized rows' FirstSeen/LastSeen, or rows' TimeGenerated. */
export function spanOf(rows: Row[]): string {
  const times = rows.flatMap((r) => [r.FirstSeen ?? r.TimeGenerated, r.LastSeen ?? r.TimeGenerated]).map((t) => Date.parse(String(t))).filter((t) => !Number.isNaN(t));
  if (!times.length) return '';
  const hm = (t: number) => new Date(t).toISOString().slice(11, 16);
  const [first, last] = [Math.min(...times), Math.max(...times)];
  return hm(first) === hm(last) ? hm(first) : `${hm(first)}–${hm(last)}`;
}

export function firstOf<T>(items: T[]): T | undefined {
  return items[0];
}

/** Rows grouped by `key`; with `ipOf`, the groups from one of the alert's IPs first (the alert's own activity leads the answer). */
export function groupsOf(rows: Row[], key: (r: Row) => string, ipOf?: (r: Row) => string, alertIps: readonly string[] = []): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  const ofAlert = (g: Row[]) => Number(!!ipOf && alertIps.includes(ipOf(g[0]!)));
  return [...groups.values()].sort((a, b) => ofAlert(b) - ofAlert(a));
}

/** "the alert's IP, or one of its principals" in a source's own column names. */
export function callerConditions(subject: InvestigationSubject, cloud: CloudSubject, columns: { ip: string; objectId?: string; upn?: string; appId?: string }): Condition[] {
  return anyOf(
    inList(columns.ip, 'ips', subject.ips, false),
    columns.objectId ? inList(columns.objectId, 'principalIds', cloud.principalIds) : undefined,
    columns.upn ? inList(columns.upn, 'upns', cloud.upns) : undefined,
    columns.appId ? inList(columns.appId, 'appIds', cloud.appIds) : undefined,
  );
}
