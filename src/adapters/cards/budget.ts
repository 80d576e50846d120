/**
 * How much of each untrusted field a card may show. Rendering starts generous and steps down
 * until the card fits its platform limit (Teams ≤ 28 KB); the last level is small enough that any
 * alert fits (every value cut, every list capped), so a 100 KB command line still gives a card.
 */
export interface Budget {
  /** description, answer, notice */
  text: number;
  /** one fact value */
  line: number;
  /** entries per list (accounts, IPs, facts, table rows…) */
  items: number;
  /** one command line */
  command: number;
  /** table cell */
  cell: number;
  /** one KQL query */
  kql: number;
}

export const BUDGETS: readonly Budget[] = [
  { text: 2500, line: 400, items: 12, command: 3000, cell: 300, kql: 3000 },
  { text: 1200, line: 200, items: 8, command: 1500, cell: 150, kql: 1500 },
  { text: 600, line: 120, items: 5, command: 700, cell: 80, kql: 700 },
  { text: 250, line: 80, items: 3, command: 250, cell: 60, kql: 250 },
];

/** Keeps the first `max` entries and says how many were left out. */
export function capList<T>(items: readonly T[], max: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, max), more: Math.max(0, items.length - max) };
}
