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

export { securityAlertRowIds } from './security-alert-row';

/** Lists inside lists (an array of list responses) are unwrapped this deep, no deeper. */
const MAX_LIST_DEPTH = 4;

/** Every alert in the input, in order. Throws InvalidAlertError naming the first item that is not an alert. */
export function normalizeAlerts(input: unknown): Alert[] {
  const items = alertItems(input);
  return items.map((item, index) => {
    try {
      return normalizeOne(item);
    } catch (err) {
      if (err instanceof InvalidAlertError && items.length > 1) throw new InvalidAlertError(`item ${index + 1}: ${err.message}`);
      throw err;
    }
  });
}

/** Exactly one alert; a list must hold exactly one. */
export function normalizeAlert(input: unknown): Alert {
  const alerts = normalizeAlerts(input);
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
