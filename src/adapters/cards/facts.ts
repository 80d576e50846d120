/** Facts (title/value pairs) with values already made safe for markdown. */
import type { Budget } from './budget';
import { capList } from './budget';
import { mdLine, oneLine } from './text';

export interface Fact {
  title: string;
  value: string;
}

/** A fact from untrusted text, or nothing when the value is empty. */
export function fact(title: string, value: unknown, budget: Budget): Fact[] {
  const text = mdLine(value, budget.line);
  return text ? [{ title: mdLine(title, 80), value: text }] : [];
}

/** One fact listing values ("a, b, c (+4 more)"), or nothing for an empty list. */
export function listFact(title: string, values: readonly unknown[], budget: Budget): Fact[] {
  const { shown, more } = capList(values.filter((v) => v !== undefined && v !== null && v !== ''), budget.items);
  if (shown.length === 0) return [];
  const suffix = more > 0 ? ` (+${more} more)` : '';
  return fact(title, shown.map(oneLine).join(', ') + suffix, budget);
}
