/**
 * Defender times → ISO 8601 UTC strings. REST gives 7-digit fractions ("…00.0000000Z"), the SDK gives
 * Date objects, exports sometimes drop the zone. Defender times are UTC, so a zoneless time is read as
 * UTC (JavaScript would read it as local time).
 */

const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const ISO_FRACTION = /(\.\d{3})\d+/;
/**
 * 1970 to 2200: a time outside is not a plausible alert time (and an investigation window around
 * year 0 or 9999 would leave the range KQL datetimes can express).
 */
const PLAUSIBLE_MS = [0, 7258118400000] as const;
/** Epoch milliseconds from 2000 to 2100: a number outside is not a plausible alert time. */
const EPOCH_MS_RANGE = [946684800000, 4102444800000] as const;

export function toIsoUtc(value: unknown): string | undefined {
  if (value instanceof Date) return validIso(value);
  if (typeof value === 'number') {
    return value >= EPOCH_MS_RANGE[0] && value <= EPOCH_MS_RANGE[1] ? validIso(new Date(value)) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  // "2026-11-26 02:16:04" (SQL-style) is ISO with a space: without the T, Date would read local time.
  let text = value.trim().replace(/^(\d{4}-\d{2}-\d{2}) (?=\d)/, '$1T').replace(ISO_FRACTION, '$1');
  if (ISO_WITHOUT_ZONE.test(text)) text += 'Z';
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  return validIso(new Date(text));
}

function validIso(date: Date): string | undefined {
  const ms = date.getTime();
  return Number.isNaN(ms) || ms < PLAUSIBLE_MS[0] || ms > PLAUSIBLE_MS[1] ? undefined : date.toISOString();
}
