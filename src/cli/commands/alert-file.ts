/** Reading a Defender alert file for the CLI commands (any shape; one or many alerts). */
import { readFile } from 'node:fs/promises';
import type { Alert } from '../../domain/alert';
import { InvalidAlertError } from '../../domain/errors';
import { alertItems, normalizeAlerts } from '../../domain/normalize';

export interface AlertFile {
  alerts: Alert[];
  /** The file held one alert object (print one JSON object), not an array or a list response. */
  single: boolean;
}

export async function readAlertFile(file: string): Promise<Alert[]> {
  return (await readAlertFileShape(file)).alerts;
}

export async function readAlertFileShape(file: string): Promise<AlertFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InvalidAlertError(`cannot read ${file}: ${firstLine(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, '')); // exports saved by Windows tools start with a BOM
  } catch (err) {
    throw new InvalidAlertError(`${file} is not JSON: ${firstLine(err)}`);
  }
  const alerts = normalizeAlerts(json);
  if (!alerts.length) throw new InvalidAlertError(`${file} holds no alert`);
  return { alerts, single: !Array.isArray(json) && alertItems(json)[0] === json };
}

function firstLine(err: unknown): string {
  // Duck-typed: errors from node built-ins can come from another realm (jest's VM), failing instanceof.
  const message = typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : String(err);
  return message.split('\n')[0] ?? message;
}
