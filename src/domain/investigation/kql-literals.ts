/**
 * The only ways an untrusted value enters generated KQL: as an escaped single-quoted string literal,
 * or as a validated IP address / datetime. `declare query_parameters` cannot carry values through the
 * Log Analytics API, so escaping is the parameterisation.
 */

/** Characters that must not appear raw inside a literal: control, format (bidi overrides), line/paragraph separators, lone surrogates. */
const NEEDS_UNICODE_ESCAPE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const SIMPLE_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `value` as one single-quoted KQL string literal whose parsed value is exactly `value`. */
export function kqlString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(NEEDS_UNICODE_ESCAPE, (ch) => SIMPLE_ESCAPES[ch] ?? unicodeEscape(ch));
  return `'${escaped}'`;
}

/** A list of untrusted strings as one `dynamic([...])` of escaped literals. */
export function kqlStringList(values: readonly string[]): string {
  return `dynamic([${values.map(kqlString).join(', ')}])`;
}

function unicodeEscape(ch: string): string {
  // A lone surrogate is one code unit; a matched pair never reaches here (\p{Cs} matches lone ones only).
  let out = '';
  for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/** `datetime(...)` for an ISO 8601 UTC instant; throws on anything that is not one. */
export function kqlDatetime(iso: string): string {
  const ms = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(iso) || Number.isNaN(ms)) {
    throw new Error(`not an ISO 8601 UTC datetime: ${JSON.stringify(iso.slice(0, 40))}`);
  }
  return `datetime(${new Date(ms).toISOString()})`;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIPv4(value: string): boolean {
  return IPV4.test(value);
}

/** Strict enough to keep anything that is not an address out: hex groups, one `::`, optional IPv4 tail. */
export function isIPv6(value: string): boolean {
  if (!/^[0-9a-fA-F:.]{2,45}$/.test(value) || !value.includes(':')) return false;
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const all = [...groups(halves[0]!), ...(halves[1] !== undefined ? groups(halves[1]) : [])];
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i]!;
    if (i === all.length - 1 && g.includes('.')) {
      if (!isIPv4(g)) return false;
      count += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) count++;
    else return false;
  }
  return halves.length === 2 ? count < 8 : count === 8;
}

export function isIpAddress(value: string): boolean {
  return isIPv4(value) || isIPv6(value);
}
