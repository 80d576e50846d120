/**
 * `triage-bot normalize <alert.json>`: print what the bot reads from a Defender alert file.
 * One alert object → one JSON object; an array or a list response (`value`) → a JSON array.
 * Unreadable or non-alert input → exit 2 with one line on stderr (main turns the error into it).
 */
import type { CliIo } from '../command';
import { readAlertFileShape } from './alert-file';

export async function normalize(args: string[], io: CliIo): Promise<number> {
  if (args.length !== 1 || args[0]?.startsWith('-')) {
    io.stderr('usage: triage-bot normalize <alert.json>\n');
    return 2;
  }
  const file = args[0] as string;
  const { alerts, single } = await readAlertFileShape(file);
  io.stdout(`${JSON.stringify(single ? alerts[0] : alerts, null, 2)}\n`);
  return 0;
}
