/**
 * `triage-bot card <alert.json> [--platform teams|slack]`: print the card the bot would post.
 * Teams (the default): the Adaptive Card object; Slack: {"text", "blocks"}. One alert object → one
 * JSON object; an array or a list response (`value`) → a JSON array, one card per alert.
 * Bad arguments or input → exit 2 with one line on stderr.
 */
import { readFile } from 'node:fs/promises';
import { renderAdaptiveCard } from '../../adapters/cards/render-adaptive-card';
import { renderBlockKit } from '../../adapters/cards/render-block-kit';
import type { Alert } from '../../domain/alert';
import { InvalidAlertError } from '../../domain/errors';
import { alertItems, normalizeAlerts } from '../../domain/normalize';
import type { CardModel } from '../../ports/card-model';

const PLATFORMS = ['teams', 'slack'] as const;
type CardPlatform = (typeof PLATFORMS)[number];
const USAGE = 'usage: triage-bot card <alert.json> [--platform teams|slack]';

/** The part of main's CliIo this command uses (importing main's type would make an import cycle). */
interface OutputIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export async function card(args: string[], io: OutputIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`triage-bot card: ${parsed}\n`);
    return 2;
  }
  const json = parseJson(await readText(parsed.file), parsed.file);
  const alerts = normalizeAlerts(json);
  const cards = alerts.map((alert) => render(alert, parsed.platform));
  const isOneAlert = !Array.isArray(json) && alertItems(json)[0] === json;
  io.stdout(`${JSON.stringify(isOneAlert ? cards[0] : cards, null, 2)}\n`);
  return 0;
}

function render(alert: Alert, platform: CardPlatform): unknown {
  const model: CardModel = { kind: 'alert', alert, state: { status: alert.status } };
  return platform === 'slack' ? renderBlockKit(model) : renderAdaptiveCard(model);
}

/** The file and platform, or what is wrong with the arguments. */
function parseArgs(args: string[]): { file: string; platform: CardPlatform } | string {
  let platform: string = 'teams';
  const files: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--platform') {
      const value = args[i + 1];
      if (value === undefined) return '--platform needs a value: teams or slack';
      platform = value;
      i += 1;
    } else if (arg.startsWith('--platform=')) platform = arg.slice('--platform='.length);
    else if (arg.startsWith('-')) return `unknown option ${JSON.stringify(arg.slice(0, 40))} (${USAGE})`;
    else files.push(arg);
  }
  if (!(PLATFORMS as readonly string[]).includes(platform)) return `unknown platform ${JSON.stringify(platform.slice(0, 40))}: use teams or slack`;
  if (files.length !== 1) return `expected one alert file, got ${files.length} (${USAGE})`;
  return { file: files[0]!, platform: platform as CardPlatform };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new InvalidAlertError(`cannot read ${file}: ${firstLine(err)}`);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')); // exports saved by Windows tools start with a BOM
  } catch (err) {
    throw new InvalidAlertError(`${file} is not JSON: ${firstLine(err)}`);
  }
}

function firstLine(err: unknown): string {
  const message = typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : String(err);
  return message.split('\n')[0] ?? message;
}
