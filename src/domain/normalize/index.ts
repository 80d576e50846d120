/**
 * Any Defender alert shape → Alert. See normalize-alert.ts.
 * (Placeholder signature until the normalizer lands; the foundation issue builds it.)
 */
import type { Alert } from '../alert';
import { InvalidAlertError } from '../errors';

/** One alert, an array of alerts, or an API list response (`{ value: [...] }`) → Alerts. */
export function normalizeAlerts(input: unknown): Alert[] {
  void input;
  throw new InvalidAlertError('normalizer not built yet');
}

export function normalizeAlert(input: unknown): Alert {
  const [alert] = normalizeAlerts(input);
  if (!alert) throw new InvalidAlertError('no alert in input');
  return alert;
}
