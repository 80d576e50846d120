/**
 * One linear pass that splits a command line into pipelines of commands, each command a list of
 * words with their quoting undone, in the rules of its interpreter (README "How Analyze parses":
 * why hand-written and not a grammar). Every character is read once: a quote scans to its closing
 * quote and continues after it, so no input costs more than its length.
 *
 *   cmd         "…" (no escapes; "" inside reopens), ^ escapes, & && || | and newline, ( ) as groups
 *   powershell  '…' ('' escapes), "…" (` and "" escape), here-strings @'…'@ @"…"@, ` escapes, # and
 *               <# #> comments, | ; & && || newline, ( ) { } $( @( and = start a new command
 *   sh          '…', "…" (\ escapes), \ escapes, # comments, | || && ; & newline, ( ) { } $( and `
 */
export type Dialect = 'cmd' | 'powershell' | 'sh';

export interface Word {
  /** The word with quotes and escapes removed. */
  text: string;
  /** Offsets in the lexed text, for evidence and for an inner script's raw source. */
  start: number;
  end: number;
  quoted: boolean;
}

export interface Command {
  words: Word[];
  start: number;
  end: number;
}

/** Commands joined by `|`; a list of pipelines is a script. */
export type Pipeline = Command[];

interface State {
  text: string;
  pipelines: Pipeline[];
  current: Pipeline;
  words: Word[];
  buf: string;
  wordStart: number;
  inWord: boolean;
  quoted: boolean;
  /** The last pipeline closed by `)`, which a following `|` continues: `(a; b) | c`. */
  closed?: Pipeline;
  groupDepth: number;
}

export function lex(text: string, dialect: Dialect): Pipeline[] {
  const s: State = { text, pipelines: [], current: [], words: [], buf: '', wordStart: 0, inWord: false, quoted: false, groupDepth: 0 };
  const n = text.length;
  let i = 0;
  while (i < n) i = step(s, i, dialect);
  endPipeline(s, n);
  return s.pipelines;
}

/** Characters with no meaning in each dialect: read as one run (a slice), not one by one. */
const PLAIN: Record<Dialect, RegExp> = {
  cmd: /[^\s"^|&;()<>\n]+/y,
  powershell: /[^\s"'`|&;(){}=$@#<>\n]+/y,
  sh: /[^\s"'\\|&;(){}$`#<>\n]+/y,
};

/** Reads one unit at `i` (a run of plain characters, a quoted string, an operator) and returns where the next starts. */
function step(s: State, i: number, d: Dialect): number {
  const plain = PLAIN[d];
  plain.lastIndex = i;
  const run = plain.exec(s.text);
  if (run) {
    startWord(s, i);
    s.buf += run[0];
    return i + run[0].length;
  }
  const c = s.text[i]!;
  const next = s.text[i + 1];
  if (c === ' ' || c === '\t' || c === '\r') {
    endWord(s, i);
    return i + 1;
  }
  if (d === 'cmd') return stepCmd(s, i, c, next);
  if (d === 'powershell') return stepPowerShell(s, i, c, next);
  return stepSh(s, i, c, next);
}

function stepCmd(s: State, i: number, c: string, next: string | undefined): number {
  if (c === '"') return quoted(s, i, closing(s.text, i + 1, '"'), 1);
  if (c === '^') return literal(s, i, next ?? '', 2);
  if (c === '(' && !s.inWord && !s.words.length) {
    s.groupDepth++;
    return separator(s, i, 1);
  }
  if (c === ')' && s.groupDepth > 0) {
    s.groupDepth--;
    return separator(s, i, 1, true);
  }
  return common(s, i, c, next) ?? literal(s, i, c, 1);
}

function stepPowerShell(s: State, i: number, c: string, next: string | undefined): number {
  const t = s.text;
  if (c === "'" ) return psSingle(s, i);
  if (c === '"') return psDouble(s, i);
  if (c === '@' && (next === "'" || next === '"') && (t[i + 2] === '\n' || t[i + 2] === '\r')) {
    const end = t.indexOf(`\n${next}@`, i + 2);
    const stop = end < 0 ? t.length : end;
    return quoted(s, i, stop, 2, end < 0 ? stop : stop + 3);
  }
  if (c === '`') return literal(s, i, next ?? '', 2);
  if (c === '#' && !s.inWord) return lineEnd(t, i);
  if (c === '<' && next === '#') {
    const end = t.indexOf('#>', i + 2);
    return end < 0 ? t.length : end + 2;
  }
  if ((c === '$' || c === '@') && next === '(') return separator(s, i, 2);
  if (c === '(' || c === '{' || c === '=') return separator(s, i, 1);
  if (c === ')' || c === '}') return separator(s, i, 1, true);
  return common(s, i, c, next) ?? literal(s, i, c, 1);
}

function stepSh(s: State, i: number, c: string, next: string | undefined): number {
  const t = s.text;
  if (c === "'") return quoted(s, i, closing(t, i + 1, "'"), 1);
  if (c === '"') return shDouble(s, i);
  if (c === '\\') return next === '\n' ? i + 2 : literal(s, i, next ?? '', 2);
  if (c === '#' && !s.inWord) return lineEnd(t, i);
  if (c === '$' && next === '(') return separator(s, i, 2);
  if (c === '(' || c === '{' || c === '`') return separator(s, i, 1);
  if (c === ')' || c === '}') return separator(s, i, 1, true);
  return common(s, i, c, next) ?? literal(s, i, c, 1);
}

/** Operators shared by the three: pipes, sequences, newlines; redirections stay in their word (`2>&1`, `>&`). */
function common(s: State, i: number, c: string, next: string | undefined): number | undefined {
  const prev = s.text[i - 1];
  if (c === '\n' || c === ';') return separator(s, i, 1);
  if (c === '|') {
    if (next === '|') return separator(s, i, 2);
    endCommand(s, i);
    if (!s.current.length && s.closed) {
      // `(a; b) | c`: the group's last pipeline goes on.
      s.pipelines.pop();
      s.current = s.closed;
    }
    s.closed = undefined;
    return i + 1;
  }
  if (c === '&') {
    if (prev === '>' || prev === '<' || next === '>') return literal(s, i, c, 1);
    return separator(s, i, next === '&' ? 2 : 1);
  }
  return undefined;
}

function psSingle(s: State, i: number): number {
  const t = s.text;
  let out = '';
  let j = i + 1;
  for (;;) {
    const end = closing(t, j, "'");
    out += t.slice(j, end);
    if (t[end + 1] === "'" && end < t.length) {
      out += "'";
      j = end + 2;
      continue;
    }
    return quotedText(s, i, out, Math.min(end + 1, t.length));
  }
}

function psDouble(s: State, i: number): number {
  const t = s.text;
  let out = '';
  let j = i + 1;
  while (j < t.length) {
    const ch = t[j]!;
    if (ch === '`' && j + 1 < t.length) {
      out += t[j + 1];
      j += 2;
    } else if (ch === '"' && t[j + 1] === '"') {
      out += '"';
      j += 2;
    } else if (ch === '"') {
      return quotedText(s, i, out, j + 1);
    } else {
      out += ch;
      j++;
    }
  }
  return quotedText(s, i, out, j);
}

function shDouble(s: State, i: number): number {
  const t = s.text;
  let out = '';
  let j = i + 1;
  while (j < t.length && t[j] !== '"') {
    if (t[j] === '\\' && j + 1 < t.length && '"\\$`\n'.includes(t[j + 1]!)) j++;
    out += t[j];
    j++;
  }
  return quotedText(s, i, out, Math.min(j + 1, t.length));
}

/** The index of the closing quote at or after `from` (the text's end when there is none). */
function closing(text: string, from: number, quote: string): number {
  const end = text.indexOf(quote, from);
  return end < 0 ? text.length : end;
}

function lineEnd(text: string, i: number): number {
  const end = text.indexOf('\n', i);
  return end < 0 ? text.length : end;
}

function quoted(s: State, i: number, end: number, open: number, after = end + 1): number {
  return quotedText(s, i, s.text.slice(i + open, end), Math.min(after, s.text.length));
}

function quotedText(s: State, i: number, value: string, after: number): number {
  startWord(s, i);
  s.buf += value;
  s.quoted = true;
  return after;
}

function literal(s: State, i: number, value: string, width: number): number {
  startWord(s, i);
  s.buf += value;
  return i + width;
}

function startWord(s: State, i: number): void {
  if (s.inWord) return;
  s.inWord = true;
  s.wordStart = i;
  s.buf = '';
  s.quoted = false;
}

function endWord(s: State, i: number): void {
  if (!s.inWord) return;
  s.words.push({ text: s.buf, start: s.wordStart, end: i, quoted: s.quoted });
  s.inWord = false;
  s.buf = '';
}

function endCommand(s: State, i: number): void {
  endWord(s, i);
  if (!s.words.length) return;
  s.current.push({ words: s.words, start: s.words[0]!.start, end: s.words[s.words.length - 1]!.end });
  s.words = [];
}

function endPipeline(s: State, i: number): void {
  endCommand(s, i);
  if (s.current.length) s.pipelines.push(s.current);
  s.current = [];
}

function separator(s: State, i: number, width: number, closesGroup = false): number {
  endPipeline(s, i);
  s.closed = closesGroup ? s.pipelines[s.pipelines.length - 1] : undefined;
  return i + width;
}
