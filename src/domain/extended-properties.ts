/**
 * Defender's `extendedProperties` are a free-form bag whose key spelling varies by plan and shape
 * ("Client IP address", "client_ip_address", "ClientIpAddress"): keys are compared with spaces,
 * underscores and dashes removed, case-insensitively.
 */

export function normalizedKey(key: string): string {
  return key.replace(/[\s_\-.]+/g, '').toLowerCase();
}

/** The original key of the first of `names` (given normalized, e.g. "authenticationtype") present. */
export function extendedKey(extended: Record<string, string>, ...names: string[]): string | undefined {
  const keys = Object.keys(extended);
  for (const name of names) {
    const key = keys.find((k) => normalizedKey(k) === name);
    if (key !== undefined) return key;
  }
  return undefined;
}

/** The value of the first of `names` present and not blank. */
export function extendedValue(extended: Record<string, string>, ...names: string[]): string | undefined {
  for (const name of names) {
    const key = extendedKey(extended, name);
    const value = key === undefined ? undefined : extended[key];
    if (value !== undefined && value.trim() !== '') return value;
  }
  return undefined;
}
