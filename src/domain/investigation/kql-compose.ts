/**
 * Assembles a query: a name comment, one `let` per untrusted value (so each value appears exactly
 * once, as one literal), then the table and its pipeline. Only our own fixed text is ever
 * concatenated here; values arrive already rendered by kql-literals.
 */
import { kqlDatetime, kqlString, kqlStringList } from './kql-literals';
import type { TimeWindow } from './window';

export type Binding = [name: string, literal: string];

export function compose(name: string, bindings: Binding[], table: string, pipeline: string[]): string {
  const lets = bindings.map(([n, lit]) => `let ${n} = ${lit};`);
  return [`// ${name}`, ...lets, table, ...pipeline.map((p) => `| ${p}`)].join('\n');
}

export function timeFilter(w: TimeWindow, column = 'TimeGenerated'): string {
  return `where ${column} between (${kqlDatetime(w.start)} .. ${kqlDatetime(w.end)})`;
}

export function str(name: string, value: string): Binding {
  return [name, kqlString(value)];
}

export function list(name: string, values: readonly string[]): Binding {
  return [name, kqlStringList(values)];
}

/** Matches a computer name whether the log has the short name or the FQDN, and whichever the alert had. */
export function hostMatch(column: string, binding = 'host'): string {
  return `tostring(split(${column}, '.')[0]) =~ tostring(split(${binding}, '.')[0])`;
}
