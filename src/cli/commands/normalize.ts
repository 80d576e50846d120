/**
 * `triage-bot normalize <alert.json>`: print what the bot reads from a Defender alert file.
 * One alert object → one JSON object; an array or a list response (`value`) → a JSON array.
 * Unreadable or non-alert input → exit 2 with one line on stderr (main turns the error into it).
 */
import { readFile } from 'node:fs/promises';
import { InvalidAlertError } from '../../domain/errors';
import { alertItems, normalizeAlerts } from '../../domain/normalize';

/** The part of main's CliIo this command uses (importing main's type would make an import cycle). */
interface OutputIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export async function normalize(args: string[], io: OutputIo): Promise<number> {
  if (args.length !== 1 || args[0]?.startsWith('-')) {
    io.stderr('usage: triage-bot normalize <alert.json>\n');
    return 2;
  }
  const file = args[0] as string;
  const json = parseJson(await readText(file), file);
  const alerts = normalizeAlerts(json);
  const isOneAlert = !Array.isArray(json) && alertItems(json)[0] === json;
  io.stdout(`${JSON.stringify(isOneAlert ? alerts[0] : alerts, null, 2)}\n`);
  return 0;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new InvalidAlertError(`cannot read ${file}: ${oneLine(err)}`);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')); // exports saved by Windows tools start with a BOM
  } catch (err) {
    throw new InvalidAlertError(`${file} is not JSON: ${oneLine(err)}`);
  }
}

function oneLine(err: unknown): string {
  // Duck-typed: errors from node built-ins can come from another realm (jest's VM), failing instanceof.
  const message = typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : String(err);
  return message.split('\n')[0] ?? message;
}
