/**
 * Any Defender alert shape → Alert (see normalize-alert.ts for the shapes and rules).
 * Inputs holding several alerts: a JSON array, an API list response `{ value: [...] }` (ARM or
 * Graph's `{ "@odata.context", value, "@odata.nextLink" }`), or one of
 * Microsoft's published API examples (`{ parameters, responses: { "200": { body } } }`).
 */
import type { Alert } from '../alert';
import { InvalidAlertError } from '../errors';
import { isObject } from './fields';
import { normalizeOne } from './normalize-alert';
import { withUsableTimes } from './time-unknown';

export interface NormalizeOptions {
  /**
   * When the bot received the input: the times of an alert that carries none (see
   * time-unknown.ts). Whoever stores the alert passes its clock's time; default: now.
   */
  receivedAt?: string;
}

export { securityAlertRowIds } from './security-alert-row';

/** Lists inside lists (an array of list responses) are unwrapped this deep, no deeper. */
const MAX_LIST_DEPTH = 4;

/**
 * Every alert in the input, in order. Throws InvalidAlertError naming the first item that is not an
 * alert (no identity); every item that has one comes back, with its times usable (time-unknown.ts).
 */
export function normalizeAlerts(input: unknown, options: NormalizeOptions = {}): Alert[] {
  const items = alertItems(input);
  const receivedAt = options.receivedAt ?? new Date().toISOString();
  return items.map((item, index) => normalizeItem(item, index, items.length, { receivedAt }));
}

/**
 * Item `index` of `count` from alertItems, for callers that normalize a long list a part at a
 * time (between turns of the event loop); a refusal names the item when there are several.
 */
export function normalizeItem(item: unknown, index: number, count: number, options: NormalizeOptions = {}): Alert {
  try {
    return withUsableTimes(normalizeOne(item), options.receivedAt ?? new Date().toISOString());
  } catch (err) {
    if (err instanceof InvalidAlertError && count > 1) throw new InvalidAlertError(`item ${index + 1}: ${err.message}`);
    throw err;
  }
}

/** Exactly one alert; a list must hold exactly one. */
export function normalizeAlert(input: unknown, options: NormalizeOptions = {}): Alert {
  const alerts = normalizeAlerts(input, options);
  if (alerts.length !== 1) throw new InvalidAlertError(`expected one alert, found ${alerts.length}`);
  return alerts[0] as Alert;
}

/**
 * The alert objects in the input, not yet normalized: for callers that want to keep the good alerts
 * of a list and report the bad ones (replay, ingest), normalizing each with normalizeAlert.
 */
export function alertItems(input: unknown, depth = 0): unknown[] {
  if (depth > MAX_LIST_DEPTH) return [input];
  if (Array.isArray(input)) return input.flatMap((item) => alertItems(item, depth + 1));
  if (!isObject(input) || looksLikeOneAlert(input)) return [input];
  if (Array.isArray(input.value)) return alertItems(input.value, depth + 1);
  const body = apiExampleBody(input);
  return body === undefined ? [input] : alertItems(body, depth + 1);
}

/** An alert is never unwrapped, even if (hostile) it carries a `value` or `responses` field. */
function looksLikeOneAlert(input: Record<string, unknown>): boolean {
  return ONE_ALERT_KEYS.some((key) => key in input) || isObject(input.properties);
}

/** Keys of one alert in some shape (ARM/export, Graph alerts_v2, a SecurityAlert row). */
const ONE_ALERT_KEYS = ['systemAlertId', 'SystemAlertId', 'providerAlertId', '@odata.type', 'VendorOriginalId'];

function apiExampleBody(input: Record<string, unknown>): unknown {
  const responses = input.responses;
  if (!isObject(responses)) return undefined;
  const ok = responses['200'];
  return isObject(ok) ? ok.body : undefined;
}
