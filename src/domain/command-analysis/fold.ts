/**
 * Constant folding of the string expressions obfuscators build names from, so the rules read what
 * will run: `'i'+'e'+'x'`, `"{1}{0}" -f 'x','ie'`, `[char]73`, `[char[]](105,101,120) -join ''`,
 * `'xei'[-1..-3]`, `'iXx' -replace 'X','e'`, `$env:comspec[4,15,25]`, and a variable assigned a
 * literal then used. Each pass is one left-to-right regex replace over literals (a literal starts
 * with its quote and the scan resumes after it: linear); passes repeat while they change something,
 * at most MAX_PASSES times, and the text never grows past twice its size.
 */
const MAX_PASSES = 4;
const MAX_VARIABLES = 64;
const MAX_LITERAL = 4096;

/** A PowerShell string literal: '…' ('' escapes) or "…" without expansions. */
const LIT = String.raw`(?:'(?:[^']|'')*'|"[^"$\x60]*")`;
const LIT_RE = new RegExp(LIT, 'g');

/** What these environment variables hold on every Windows machine: the usual source of sliced names. */
const ENV: Record<string, string> = {
  comspec: 'C:\\WINDOWS\\system32\\cmd.exe',
  pshome: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0',
  shellid: 'Microsoft.PowerShell',
  public: 'C:\\Users\\Public',
  windir: 'C:\\WINDOWS',
  systemroot: 'C:\\WINDOWS',
};

export function value(literal: string): string {
  return literal[0] === "'" ? literal.slice(1, -1).replace(/''/g, "'") : literal.slice(1, -1);
}

export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export function foldStrings(text: string): string {
  let current = text;
  const limit = text.length * 2 + 1024;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = onePass(current);
    if (next === current || next.length > limit) break;
    current = next;
  }
  return current;
}

function onePass(text: string): string {
  let s = text;
  s = s.replace(/\[char\]\s*\(?\s*(0x[0-9a-f]{1,4}|\d{1,5})\s*\)?/gi, (_m, n: string) => literal(String.fromCharCode(Number(n))));
  s = s.replace(/\[char\[\]\]\s*\(\s*((?:0x[0-9a-f]{1,4}|\d{1,5})(?:\s*,\s*(?:0x[0-9a-f]{1,4}|\d{1,5})){0,4000})\s*\)/gi, (_m, list: string) =>
    literal(list.split(',').map((n) => String.fromCharCode(Number(n.trim()))).join('')),
  );
  s = s.replace(/\$(?:env:)?(comspec|pshome|shellid|public|windir|systemroot)\s*\[\s*(\d{1,3}(?:\s*,\s*\d{1,3}){0,20})\s*\]/gi, (_m, name: string, list: string) =>
    literal(list.split(',').map((n) => ENV[name.toLowerCase()]![Number(n.trim())] ?? '').join('')),
  );
  s = concatenate(s);
  s = format(s);
  s = s.replace(new RegExp(String.raw`(${LIT})\s*\[\s*-1\s*\.\.\s*-?\d{1,6}\s*\]`, 'g'), (_m, lit: string) => literal([...value(lit)].reverse().join('')));
  s = s.replace(new RegExp(String.raw`(${LIT})\s*-c?replace\s*(${LIT})\s*,\s*(${LIT})`, 'gi'), (_m, a: string, b: string, c: string) => literal(replaceAll(value(a), value(b), value(c))));
  s = s.replace(new RegExp(String.raw`(${LIT})\.replace\(\s*(${LIT})\s*,\s*(${LIT})\s*\)`, 'gi'), (_m, a: string, b: string, c: string) => literal(replaceAll(value(a), value(b), value(c))));
  s = s.replace(new RegExp(String.raw`-join\s*\(?\s*(${LIT})\s*\)?`, 'gi'), (_m, lit: string) => lit);
  s = s.replace(new RegExp(String.raw`\(\s*(${LIT})\s*\)\s*-join\s*${LIT}`, 'gi'), (_m, lit: string) => lit);
  s = s.replace(new RegExp(String.raw`(${LIT})\s*-join\s*(?:''|"")`, 'gi'), (_m, lit: string) => lit);
  return substituteVariables(s);
}

/** `'a' + 'b' + "c"` → `'abc'`. */
function concatenate(text: string): string {
  const re = new RegExp(String.raw`${LIT}(?:\s*\+\s*${LIT})+`, 'g');
  return text.replace(re, (m) => literal((m.match(LIT_RE) ?? []).map(value).join('')));
}

/** `"{0}{2}{1}" -f 'a','c','b'` → `'abc'`; an index with no argument stays as it was. */
function format(text: string): string {
  const re = new RegExp(String.raw`(${LIT})\s*-f\s*(${LIT}(?:\s*,\s*${LIT}){0,200})`, 'gi');
  return text.replace(re, (_m, fmt: string, args: string) => {
    const values = (args.match(LIT_RE) ?? []).map(value);
    return literal(value(fmt).replace(/\{(\d{1,3})(?:,[^}]*)?\}/g, (whole, i: string) => values[Number(i)] ?? whole));
  });
}

function replaceAll(text: string, from: string, to: string): string {
  if (!from) return text;
  // Literal, case-insensitive: an attacker's -replace pattern is never compiled as a regex here.
  const lower = text.toLowerCase();
  const needle = from.toLowerCase();
  let out = '';
  let i = 0;
  for (let j = lower.indexOf(needle); j >= 0; j = lower.indexOf(needle, i)) {
    out += text.slice(i, j) + to;
    i = j + needle.length;
  }
  return out + text.slice(i);
}

/**
 * `$s = 'lit'` then `$s` later: the later uses become the literal (a variable assigned once, to a
 * short literal; at most MAX_VARIABLES of them). `$s[-1..-9]` then reverses on the next pass.
 */
function substituteVariables(text: string): string {
  const assigned = new Map<string, string | null>();
  const re = new RegExp(String.raw`\$([a-z_][\w]{0,63})\s*=\s*(${LIT})(?=\s*(?:[;\n)}|]|$))`, 'gi');
  for (const m of text.matchAll(re)) {
    const name = m[1]!.toLowerCase();
    if (assigned.size >= MAX_VARIABLES && !assigned.has(name)) break;
    assigned.set(name, assigned.has(name) || m[2]!.length > MAX_LITERAL ? null : m[2]!);
  }
  if (![...assigned.values()].some((v) => v !== null)) return text;
  let budget = text.length;
  return text.replace(/\$([a-z_][\w]{0,63})\b(?!\s*=[^=])/gi, (m, name: string) => {
    const lit = assigned.get(name.toLowerCase());
    if (!lit || budget < lit.length) return m;
    budget -= lit.length;
    return lit;
  });
}
