/**
 * pino writes JSON lines (right for containers and log shippers). On a terminal that is hard to
 * read, so `triage-bot start` on a TTY formats each line as "12:03:04 INFO  message  key=value".
 *
 * Log values come from outside (a channel name, an alert field): a newline in one would forge a log
 * line, an ANSI escape would recolour or rewrite the terminal. Every control character is printed
 * visibly instead ("\n", "\u001b"), as are the invisible ones that reorder text.
 */
import { Writable } from 'node:stream';

const LEVEL_WIDTH = 5;
const SKIP = new Set(['level', 'time', 'msg', 'app', 'pid', 'hostname']);

export function terminalLogStream(write: (line: string) => void): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      pending += chunk.toString('utf8');
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        write(formatLogLine(pending.slice(0, newline)) + '\n');
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
      callback();
    },
  });
}

/** C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional overrides and isolates. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Text with every control or reordering character shown as an escape. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function formatLogLine(json: string): string {
  return visible(formatEntry(json));
}

function formatEntry(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof entry.time === 'number' ? new Date(entry.time).toISOString().slice(11, 19) : '';
  const level = String(entry.level ?? '').toUpperCase().padEnd(LEVEL_WIDTH);
  const extras = Object.entries(entry)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return [time, level, String(entry.msg ?? ''), ...extras].filter(Boolean).join('  ');
}
