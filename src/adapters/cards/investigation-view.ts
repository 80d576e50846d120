/**
 * An investigation's result → the data cards/investigation-result.json binds to. It fits on a
 * screen: the answer first, then the facts, then at most KEY_ROWS rows of the first KEY_TABLES
 * tables with rows; every table in full and the KQL behind a "Details" toggle (Action.ShowCard on
 * Teams and the local channel; Slack, which has no toggle, gets the "Show queries" button instead).
 * Table cells, queries and answers may carry attacker text (command lines, account names): all
 * of it goes through mdText/mdLine.
 */
import { encodeAction } from '../../domain/action-codec';
import type { InvestigationKind } from '../../domain/intent';
import { coverageLine } from '../../domain/investigation';
import type { EvidenceTable, InvestigationResultView } from '../../ports/card-model';
import type { Budget } from './budget';
import { capList } from './budget';
import { fact } from './facts';
import { cut, mdLine, mdText, oneLine, plainLine, safeHttpsUrl } from './text';

const STATUS: Record<InvestigationResultView['status'], { text: string; color: string }> = {
  ok: { text: '✔ Completed', color: 'good' },
  partial: { text: '◐ Partial results: some queries failed or were cut', color: 'warning' },
  'no-rows': { text: '○ No matching rows', color: 'default' },
  failed: { text: '✖ Failed', color: 'attention' },
  'not-collected': { text: '◌ Not collected here: this workspace has none of the logs this alert needs', color: 'warning' },
};

/** At most this many "how to collect …" links (Microsoft's docs, built by us). */
const MAX_DOCS_LINKS = 2;

const MAX_COLUMNS = 6;
/** Columns of a key table (the first ones: the catalogue puts who/where/when first). */
const KEY_COLUMNS = 4;
export const KEY_ROWS = 3;
export const KEY_TABLES = 3;

export function investigationViewData(result: InvestigationResultView, budget: Budget): Record<string, unknown> {
  const status = STATUS[result.status] ?? STATUS.failed;
  const facts = (result.facts ?? []).slice(0, budget.items).flatMap((f) => fact(oneLine(f.title), f.value, budget));
  const coverage = result.coverage ?? [];
  const sources = coverage.slice(0, budget.items).flatMap((c) => fact(oneLine(c.source), coverageLine(c), budget));
  const docs = coverage
    .filter((c) => c.outcome === 'not-collected' && c.docsUrl)
    .slice(0, MAX_DOCS_LINKS)
    .map((c) => ({ label: `How to collect ${c.source}`, href: c.docsUrl! }));
  const links = [...docs, ...result.links].flatMap((l) => {
    const url = safeHttpsUrl(l.href);
    return url ? [{ title: cut(oneLine(l.label) || 'Link', 60), url }] : [];
  });
  const withRows = result.tables.filter((t) => t.rows.length > 0);
  const key = withRows.slice(0, KEY_TABLES);
  const tables = capList(result.tables, Math.max(1, Math.floor(budget.items / 2))).shown;
  const queries = capList(result.queries, 8).shown;
  const showQueries = result.alertId && result.kind && result.queries.length ? [queryButton(result.alertId, result.kind)] : [];
  return {
    fallbackText: plainLine(`${oneLine(result.title)}: ${oneLine(result.answer)}`, 300),
    title: mdLine(result.title, 200),
    // The automatic marker shares the status line: an answer must fit on one screen.
    statusText: mdLine(result.automatic === true ? `${status.text} · Automatic — run on arrival` : status.text, 140),
    statusColor: status.color,
    automatic: result.automatic === true,
    answer: mdText(result.answer, budget.text) || mdText('(no answer)', 20),
    hasFacts: facts.length > 0,
    facts,
    hasSources: sources.length > 0,
    sources,
    keyTables: key.map((t) => tableData(t, budget, { rows: KEY_ROWS, columns: KEY_COLUMNS, keyOnly: true })),
    hasMore: tables.length > 0 || queries.length > 0,
    moreNote: mdLine(moreNote(result, key), 300),
    detailsTitle: mdLine(`Details: ${count(result.tables.length, 'table')} and ${count(result.queries.length, 'query', 'queries')}`, 80),
    tables: tables.map((t) => tableData(t, budget, { rows: budget.items * 2, columns: MAX_COLUMNS, keyOnly: false })),
    queries: queries.map((q) => ({ name: mdLine(q.name, 100), query: mdText(q.query, budget.kql) })),
    hasLinks: links.length > 0,
    links: links.slice(0, 5),
    hasQueryButton: showQueries.length > 0,
    queryActions: showQueries,
  };
}

/** Posts the KQL in the thread: Slack has no toggle, and a query is easier to copy from its own message. */
function queryButton(alertId: string, investigation: InvestigationKind): Record<string, unknown> {
  const { verb, data } = encodeAction({ kind: 'show-queries', alertId, investigation });
  return { title: 'Show queries', verb, data, submitData: { ...data, verb } };
}

/** What the toggle holds beyond the key rows, in one line. */
function moreNote(result: InvestigationResultView, key: EvidenceTable[]): string {
  const hidden = result.tables.filter((t) => !key.includes(t) && t.rows.length > 0).map((t) => `${t.title} (${count(t.rows.length, 'row')})`);
  const cutRows = key.filter((t) => t.rows.length > KEY_ROWS).length;
  const parts = [hidden.length ? `also ${hidden.join(', ')}` : '', cutRows ? 'every row' : '', result.queries.length ? 'the KQL' : ''].filter(Boolean);
  return parts.length ? `In the details: ${parts.join('; ')}.` : '';
}

function tableData(table: EvidenceTable, budget: Budget, size: { rows: number; columns: number; keyOnly: boolean }): Record<string, unknown> {
  const columns = table.columns.slice(0, size.columns);
  const { shown, more } = capList(table.rows, size.rows);
  const header = { cells: columns.map((c) => ({ text: `**${mdLine(spacedHeader(c), 40)}**` })) };
  const rows = shown.map((row) => ({ cells: columns.map((_, i) => ({ text: mdLine(row[i], budget.cell) })) }));
  const notes = [more > 0 ? `${more} more rows ${size.keyOnly ? 'in the details' : 'not shown'}` : '', table.truncated && !size.keyOnly ? 'the query returned more rows than it kept' : ''];
  const hiddenColumns = table.columns.length - columns.length;
  if (hiddenColumns > 0) notes.push(`${hiddenColumns} more columns ${size.keyOnly ? 'in the details' : 'not shown'}`);
  const note = notes.filter(Boolean).join('; ');
  return {
    title: mdLine(table.title, 120),
    hasColumns: columns.length > 0,
    columns: columns.map((c) => ({ type: 'TableColumnDefinition', width: columnWeight(c) })),
    rows: columns.length > 0 ? [header, ...rows] : [],
    hasNote: note.length > 0,
    note: mdLine(note, 200),
  };
}

/**
 * "LogonAccount" → "Logon Account", "_ResourceId" → "Resource Id": a header wraps between its
 * words, never inside one ("LogonAcc ount").
 */
export function spacedHeader(column: string): string {
  return column
    .replace(/^_+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim() || column;
}

/** Wider columns for longer header words, so the longest word of every header fits. */
function columnWeight(column: string): number {
  const longest = Math.max(...spacedHeader(column).split(/\s+/).map((w) => w.length));
  return Math.min(14, Math.max(4, longest));
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
