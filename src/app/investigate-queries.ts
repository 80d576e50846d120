/**
 * Runs catalogue queries through the LogsQuery port and turns what comes back into evidence: one
 * table per query with rows, "no rows" and "query failed: <reason>" as facts, the KQL used and
 * the "Open in Log Analytics" links. A failed query is an answer, never a crash.
 */
import type { CatalogueQuery, SourceCoverage } from '../domain/investigation';
import { logSource, records, text, type Row } from '../domain/investigation';
import type { EvidenceTable, InvestigationResultView } from '../ports/card-model';
import type { LogsQuery, LogsQueryResult } from '../ports/logs-query';

export const MAX_ROWS_SHOWN = 15;
export const DEMO_DATA = 'DEMO DATA — the bundled demo workspace, not a Log Analytics workspace (none is configured)';

export interface QueryRun {
  query: CatalogueQuery;
  result: LogsQueryResult;
}

export async function runQueries(logs: LogsQuery | undefined, queries: CatalogueQuery[]): Promise<QueryRun[]> {
  return Promise.all(
    queries.map(async (query) => {
      if (!logs) return { query, result: { status: 'failure', reason: 'Log Analytics is not configured (LOG_ANALYTICS_WORKSPACE_ID)' } as const };
      try {
        return { query, result: await logs.query(query) };
      } catch (err) {
        return { query, result: { status: 'failure', reason: (err as Error).message } as const };
      }
    }),
  );
}

export function rowsOf(runs: QueryRun[], name: CatalogueQuery['name']): Row[] {
  const run = runs.find((r) => r.query.name === name);
  return run && run.result.status !== 'failure' ? records(run.result.tables) : [];
}

export function failureOf(runs: QueryRun[], name: CatalogueQuery['name']): string | undefined {
  const run = runs.find((r) => r.query.name === name);
  if (run?.result.status !== 'failure') return undefined;
  return notCollected(run) ? `${run.query.table} is not collected here` : run.result.reason;
}

/** The workspace does not have the query's table: a source not collected here, not a failed search. */
export function notCollected(run: QueryRun): boolean {
  return run.result.status === 'failure' && run.result.missingTable !== undefined;
}

/**
 * ok / partial (some failed or came back partial) / failed (all failed) / no-rows / not-collected
 * (none of the sources is in the workspace). A source that is not collected is not a failure.
 */
export function overallStatus(allRuns: QueryRun[]): InvestigationResultView['status'] {
  if (!allRuns.length) return 'no-rows';
  const runs = allRuns.filter((r) => !notCollected(r));
  if (!runs.length) return 'not-collected';
  const failed = runs.filter((r) => r.result.status === 'failure').length;
  if (failed === runs.length) return 'failed';
  if (failed || runs.some((r) => r.result.status === 'partial')) return 'partial';
  return runs.some((r) => r.result.status !== 'failure' && r.result.tables.some((t) => t.rows.length)) ? 'ok' : 'no-rows';
}

export function evidenceOf(runs: QueryRun[], logs: LogsQuery | undefined): Pick<InvestigationResultView, 'tables' | 'queries' | 'links' | 'facts'> {
  const tables: EvidenceTable[] = [];
  const facts: { title: string; value: string }[] = [];
  const links: { label: string; href: string }[] = [];
  for (const { query, result } of runs) {
    if (result.status === 'failure' && result.missingTable !== undefined) facts.push({ title: query.title, value: `not collected here — turn on ${logSource(query.table).setting}` });
    else if (result.status === 'failure') facts.push({ title: query.title, value: `query failed: ${result.reason}` });
    else {
      const table = result.tables[0];
      if (!table || !table.rows.length) facts.push({ title: query.title, value: result.status === 'partial' ? `partial: ${result.reason}; no rows` : 'no rows' });
      else tables.push(toEvidence(query.title, table.columns.map((c) => c.name), table.rows, result.status === 'partial' ? result.reason : undefined));
    }
    const href = logs?.portalLink?.(query);
    if (href) links.push({ label: `Open ${query.name} in Log Analytics`, href });
  }
  // Sample data must never pass for the customer's own logs, on any surface.
  if (logs?.demo) facts.unshift({ title: 'Data', value: DEMO_DATA });
  return { tables, facts, links, queries: runs.map(({ query }) => ({ name: query.name, query: query.query })) };
}

export function toEvidence(title: string, columns: string[], rows: unknown[][], partialReason?: string): EvidenceTable {
  return {
    title: partialReason ? `${title} (partial: ${partialReason})` : title,
    columns,
    rows: rows.slice(0, MAX_ROWS_SHOWN).map((r) => r.map(text)),
    truncated: rows.length > MAX_ROWS_SHOWN || !!partialReason,
  };
}

/** What each source gave: rows, no rows, partial, not collected here (with the setting and its docs), failed. */
export function coverageOf(runs: QueryRun[]): SourceCoverage[] {
  return runs.map(({ query, result }) => {
    const base = { source: query.table, query: query.name, title: query.title };
    if (result.status === 'failure') {
      if (result.missingTable === undefined) return { ...base, outcome: 'failed', rows: 0, detail: result.reason };
      const source = logSource(query.table);
      return { ...base, outcome: 'not-collected', rows: 0, setting: source.setting, docsUrl: source.docs };
    }
    const rows = result.tables[0]?.rows.length ?? 0;
    if (result.status === 'partial') return { ...base, outcome: 'partial', rows, detail: result.reason };
    return { ...base, outcome: rows ? 'rows' : 'no-rows', rows };
  });
}
