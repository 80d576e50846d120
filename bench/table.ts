/** `--pretty`: the figures as a table, each target beside its figure, then the details. */
import { ANALYZE_TABLE_KEYS, analyzeTables } from './analyze-table';
import { TARGETS, checkTargets, type BenchResults } from './targets';

export function prettyTable(results: BenchResults, header: string, short = false): string {
  const checks = checkTargets(results, short);
  const rows: string[][] = [['figure', 'value', 'target', 'met']];
  for (const t of TARGETS) {
    const c = checks[t.metric]!;
    rows.push([t.metric, c.value === null ? '—' : String(c.value), c.target, c.met === null ? (short && c.value !== null ? 'n/a (short run)' : 'n/a') : c.met ? 'yes' : 'NO']);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  const details = Object.entries(results)
    .filter(([, v]) => v)
    .map(([name, v]) => `  ${name}: ${Object.entries(v!).filter(([k]) => name !== 'analyze' || !ANALYZE_TABLE_KEYS.includes(k)).map(([k, x]) => `${k}=${typeof x === 'object' ? JSON.stringify(x) : String(x)}`).join(', ')}`);
  const analyze = results.analyze && !('error' in results.analyze) ? analyzeTables(results.analyze) : [];
  return [header, '', line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line), '', 'details:', ...details, ...analyze, ''].join('\n');
}
