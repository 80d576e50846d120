/**
 * `triage-bot card <alert.json> [--platform teams|slack]`: print the card the bot would post.
 * Teams (the default): the Adaptive Card object; Slack: {"text", "blocks"}. One alert object → one
 * JSON object; an array or a list response (`value`) → a JSON array, one card per alert.
 * Bad arguments or input → exit 2 with one line on stderr.
 */
import { renderAdaptiveCard } from '../../adapters/cards/render-adaptive-card';
import { renderBlockKit } from '../../adapters/cards/render-block-kit';
import type { Alert } from '../../domain/alert';
import type { CliIo } from '../command';
import { readAlertFileShape } from './alert-file';
import type { CardModel } from '../../ports/card-model';

const PLATFORMS = ['teams', 'slack'] as const;
type CardPlatform = (typeof PLATFORMS)[number];
const USAGE = 'usage: triage-bot card <alert.json> [--platform teams|slack]';

export async function card(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`triage-bot card: ${parsed}\n`);
    return 2;
  }
  const { alerts, single } = await readAlertFileShape(parsed.file);
  const cards = alerts.map((alert) => render(alert, parsed.platform));
  io.stdout(`${JSON.stringify(single ? cards[0] : cards, null, 2)}\n`);
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
