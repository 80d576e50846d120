/**
 * Runs catalogue queries through the LogsQuery port and turns what comes back into evidence: one
 * table per query with rows, "no rows" and "query failed: <reason>" as facts, the KQL used and
 * the "Open in Log Analytics" links. A failed query is an answer, never a crash.
 */
import type { CatalogueQuery } from '../domain/investigation';
import { records, text, type Row } from '../domain/investigation';
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
  return run?.result.status === 'failure' ? run.result.reason : undefined;
}

/** ok / partial (some failed or came back partial) / failed (all failed) / no-rows. */
export function overallStatus(runs: QueryRun[]): InvestigationResultView['status'] {
  if (!runs.length) return 'no-rows';
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
    if (result.status === 'failure') facts.push({ title: query.title, value: `query failed: ${result.reason}` });
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
