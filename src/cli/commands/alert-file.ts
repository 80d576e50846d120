/** Reading a Defender alert file for the investigation commands (any shape; one or many alerts). */
import { readFile } from 'node:fs/promises';
import type { Alert } from '../../domain/alert';
import { InvalidAlertError } from '../../domain/errors';
import { normalizeAlerts } from '../../domain/normalize';

export async function readAlertFile(file: string): Promise<Alert[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InvalidAlertError(`cannot read ${file}: ${firstLine(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new InvalidAlertError(`${file} is not JSON: ${firstLine(err)}`);
  }
  const alerts = normalizeAlerts(json);
  if (!alerts.length) throw new InvalidAlertError(`${file} holds no alert`);
  return alerts;
}

function firstLine(err: unknown): string {
  const message = typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : String(err);
  return message.split('\n')[0] ?? message;
}
