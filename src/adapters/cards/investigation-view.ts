/**
 * An investigation's result → the data cards/investigation-result.json binds to: the answer first,
 * then evidence tables, the KQL that produced them (monospace, cut) and links to Log Analytics.
 * Table cells, queries and answers may carry attacker text (command lines, account names): all
 * of it goes through mdText/mdLine.
 */
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

const MAX_COLUMNS = 8;

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
  return {
    fallbackText: plainLine(`${oneLine(result.title)}: ${oneLine(result.answer)}`, 300),
    title: mdLine(result.title, 200),
    statusText: mdLine(status.text, 100),
    statusColor: status.color,
    answer: mdText(result.answer, budget.text) || mdText('(no answer)', 20),
    hasFacts: facts.length > 0,
    facts,
    hasSources: sources.length > 0,
    sources,
    tables: capList(result.tables, Math.max(1, Math.floor(budget.items / 2))).shown.map((t) => tableData(t, budget)),
    queries: capList(result.queries, 3).shown.map((q) => ({ name: mdLine(q.name, 100), query: mdText(q.query, budget.kql) })),
    hasLinks: links.length > 0,
    links: links.slice(0, 5),
  };
}

function tableData(table: EvidenceTable, budget: Budget): Record<string, unknown> {
  const columns = table.columns.slice(0, MAX_COLUMNS);
  const { shown, more } = capList(table.rows, budget.items * 2);
  const header = { cells: columns.map((c) => ({ text: `**${mdLine(c, 40)}**` })) };
  const rows = shown.map((row) => ({ cells: columns.map((_, i) => ({ text: mdLine(row[i], budget.cell) })) }));
  const notes = [more > 0 ? `${more} more rows not shown` : '', table.truncated ? 'the query returned more rows than it kept' : ''];
  const hiddenColumns = table.columns.length - columns.length;
  if (hiddenColumns > 0) notes.push(`${hiddenColumns} more columns not shown`);
  const note = notes.filter(Boolean).join('; ');
  return {
    title: mdLine(table.title, 120),
    hasColumns: columns.length > 0,
    columns: columns.map(() => ({ type: 'TableColumnDefinition', width: 1 })),
    rows: columns.length > 0 ? [header, ...rows] : [],
    hasNote: note.length > 0,
    note: mdLine(note, 200),
  };
}
