/** `--pretty` for the analyze bench: recall per technique and per finding id, then the first misses. */
import type { Miss, RecallCell } from './lib/corpus-score';

/** Keys of the analyze figures shown as their own tables rather than on the details line. */
export const ANALYZE_TABLE_KEYS = ['per_technique', 'per_finding', 'top_misses', 'false_positives'];

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)];
}

function recallRows(title: string, cells: Record<string, RecallCell>): string[] {
  return table([[title, 'behaviours', 'found', 'recall'], ...Object.entries(cells).map(([k, c]) => [k, String(c.behaviours), String(c.found), c.recall === null ? '—' : c.recall.toFixed(2)])]);
}

export function analyzeTables(figures: Record<string, unknown>): string[] {
  const perTechnique = (figures.per_technique ?? {}) as Record<string, RecallCell>;
  const perFinding = (figures.per_finding ?? {}) as Record<string, RecallCell>;
  const misses = (figures.top_misses ?? []) as Miss[];
  const fps = (figures.false_positives ?? []) as { entry: string; findings: string[]; command: string }[];
  return [
    '',
    'analyze, recall per technique:',
    ...recallRows('technique', perTechnique),
    '',
    'analyze, recall per finding id:',
    ...recallRows('finding', perFinding),
    '',
    `analyze, ${misses.length} of ${String(figures.misses)} missed behaviours (spread over the finding ids):`,
    ...misses.map((m) => `  ${m.entry} ${m.finding}: ${m.command}`),
    '',
    `analyze, false positives on the benign set (${fps.length}):`,
    ...fps.map((f) => `  ${f.entry} ${f.findings.join(',')}: ${f.command}`),
  ];
}
