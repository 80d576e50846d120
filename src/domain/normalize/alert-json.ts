/**
 * Alert files as text → JSON, with a whole reason when it is not JSON: V8's own message quotes
 * only the first ten characters ("Unexpected token 'h', "hello not "... is not valid JSON"), so the
 * reason says where the problem is (line and column) and what the file starts with instead.
 */
export type ParsedAlertJson = { ok: true; value: unknown } | { ok: false; reason: string };

const EXPECTED = 'an alert file holds JSON: one alert object, an array of them, or a list response {"value": [...]}';

export function parseAlertJson(text: string): ParsedAlertJson {
  const body = text.replace(/^\uFEFF/, ''); // exports saved by Windows tools start with a BOM
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (err) {
    return { ok: false, reason: `not valid JSON (${where(body, err)}); ${EXPECTED}` };
  }
}

function where(body: string, err: unknown): string {
  if (!body.trim()) return 'the file is empty';
  const message = err instanceof Error ? err.message : String(err);
  if (message.includes('Unexpected end of JSON input')) return 'it ends in the middle of a value';
  const first = body.trim().split('\n')[0]!;
  const starts = `it starts with "${first.slice(0, 40)}${first.length > 40 ? '…' : ''}"`;
  const token = /Unexpected token '(.{1,4})'/.exec(message)?.[1];
  const at = /at position (\d+)/.exec(message);
  if (!at) return token ? `unexpected "${token}"; ${starts}` : starts;
  const before = body.slice(0, Number(at[1]));
  return `${token ? `unexpected "${token}" ` : ''}at line ${before.split('\n').length}, column ${Number(at[1]) - before.lastIndexOf('\n')}; ${starts}`;
}
