/** Reading a Defender alert file for the CLI commands (any shape; one or many alerts). */
import { readFile } from 'node:fs/promises';
import type { Alert } from '../../domain/alert';
import { InvalidAlertError } from '../../domain/errors';
import { alertItems, normalizeAlerts } from '../../domain/normalize';
import { parseAlertJson } from '../../domain/normalize/alert-json';

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
  const parsed = parseAlertJson(text);
  if (!parsed.ok) throw new InvalidAlertError(`${file}: ${parsed.reason}`);
  const json = parsed.value;
  let alerts: Alert[];
  try {
    alerts = normalizeAlerts(json);
  } catch (err) {
    // The normalizer's reason is about the alert; the reader must also know which file it was.
    if (err instanceof InvalidAlertError) throw new InvalidAlertError(`${file}: ${err.message}`);
    throw err;
  }
  if (!alerts.length) throw new InvalidAlertError(`${file} holds no alert`);
  return { alerts, single: !Array.isArray(json) && alertItems(json)[0] === json };
}

function firstLine(err: unknown): string {
  // Duck-typed: errors from node built-ins can come from another realm (jest's VM), failing instanceof.
  const message = typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : String(err);
  return message.split('\n')[0] ?? message;
}
