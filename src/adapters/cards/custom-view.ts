/**
 * Data for a 'custom' card (a template of the caller's choosing in cards/). The caller's structure
 * (arrays and records, for `$data` repetition) is kept; every leaf becomes markdown-safe text, so
 * a value can never turn into markup, an expression or a card element. Custom templates must bind
 * leaves to text properties only.
 *
 * Buttons: a record shaped like the action codec's output, `{ verb, data }` (from encodeAction),
 * is button data, not text: it is kept unescaped (strings only) and gains `submitData` (data plus
 * verb) for the Action.Submit fallback. Bind it as `"verb": "${b.verb}", "data": "${b.data}"`.
 * The shape comes from the caller's code, never from alert text (alert text only fills leaves).
 */
import type { Budget } from './budget';
import { mdText, toText } from './text';

const MAX_DEPTH = 6;

export function customViewData(data: Record<string, unknown>, budget: Budget): Record<string, unknown> {
  return safeRecord(data, budget, 0);
}

function safeValue(value: unknown, budget: Budget, depth: number): unknown {
  if (isEncodedAction(value)) return buttonData(value);
  if (Array.isArray(value) && depth < MAX_DEPTH) return value.slice(0, budget.items * 4).map((v) => safeValue(v, budget, depth + 1));
  if (isPlainRecord(value) && depth < MAX_DEPTH) return safeRecord(value, budget, depth + 1);
  if (typeof value === 'boolean') return value;
  return mdText(value, budget.text);
}

function safeRecord(data: Record<string, unknown>, budget: Budget, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) out[key] = safeValue(value, budget, depth);
  return out;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function isEncodedAction(value: unknown): value is { verb: string; data: Record<string, unknown> } {
  if (!isPlainRecord(value) || Object.keys(value).length !== 2) return false;
  return typeof value.verb === 'string' && isPlainRecord(value.data);
}

function buttonData(action: { verb: string; data: Record<string, unknown> }): Record<string, unknown> {
  const data = Object.fromEntries(Object.entries(action.data).map(([k, v]) => [k, toText(v)]));
  return { verb: action.verb, data, submitData: { ...data, verb: action.verb } };
}
