/**
 * pino writes JSON lines (right for containers and log shippers). On a terminal that is hard to
 * read, so `triage-bot start` on a TTY formats each line as "12:03:04 INFO  message  key=value".
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

export function formatLogLine(json: string): string {
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
