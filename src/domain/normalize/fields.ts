/**
 * Reading untrusted alert JSON without trusting its types. Defender's shapes differ mostly in key
 * casing (camelCase REST/SDK, PascalCase export), so fields are looked up case-insensitively, and
 * every value is coerced: a malformed field becomes text or nothing, it never throws.
 */

export type JsonObject = Record<string, unknown>;

/** An object cut into text is at most this long: enough to read, too short to flood a card. */
export const COERCED_OBJECT_MAX = 1000;
const CUT_MARKER = '…[cut]';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A case-insensitive view of one object's own keys (the first spelling of a key wins). */
export class Fields {
  private readonly byLowerKey = new Map<string, unknown>();

  constructor(...sources: unknown[]) {
    for (const source of sources) {
      if (!isObject(source)) continue;
      for (const key of Object.keys(source)) {
        const lower = key.toLowerCase();
        if (!this.byLowerKey.has(lower)) this.byLowerKey.set(lower, source[key]);
      }
    }
  }

  /** The raw value of the first of `names` that is present and not null. */
  raw(...names: string[]): unknown {
    for (const name of names) {
      const value = this.byLowerKey.get(name.toLowerCase());
      if (value !== undefined && value !== null) return value;
    }
    return undefined;
  }

  /** Text of the first present field; empty strings count as absent. */
  text(...names: string[]): string | undefined {
    for (const name of names) {
      const value = asText(this.byLowerKey.get(name.toLowerCase()));
      if (value !== undefined && value.trim() !== '') return value;
    }
    return undefined;
  }

  object(...names: string[]): JsonObject | undefined {
    const value = parseIfJsonText(this.raw(...names));
    return isObject(value) ? value : undefined;
  }

  list(...names: string[]): unknown[] {
    const value = parseIfJsonText(this.raw(...names));
    if (Array.isArray(value)) return value;
    return value === undefined ? [] : [value];
  }

  bool(...names: string[]): boolean {
    const value = this.raw(...names);
    return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
  }
}

/** Any value as text: strings as they are, scalars printed, objects as cut JSON, nothing as undefined. */
export function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  return cut(safeStringify(value), COERCED_OBJECT_MAX);
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    // Cycles (possible in SDK objects) or BigInts: say so rather than lose the alert.
    return '[unreadable value]';
  }
}

export function cut(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - CUT_MARKER.length) + CUT_MARKER;
}

/**
 * Log Analytics' SecurityAlert table and some automation payloads carry lists and objects as JSON
 * text (Entities, ExtendedProperties, RemediationSteps): parse those, leave any other text alone.
 */
export function parseIfJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!(trimmed.startsWith('[') || trimmed.startsWith('{'))) return value;
  try {
    return JSON.parse(trimmed);
  } catch {
    return value;
  }
}

/** A list of non-empty texts from an array, a JSON-text array, or a single (comma-separated) text. */
export function textList(value: unknown, separator?: RegExp): string[] {
  const parsed = parseIfJsonText(value);
  const items = Array.isArray(parsed) ? parsed : parsed === undefined ? [] : [parsed];
  const texts = items.flatMap((item) => {
    const text = asText(item);
    if (text === undefined) return [];
    return separator && typeof item === 'string' ? text.split(separator) : [text];
  });
  return unique(texts.map((t) => t.trim()).filter((t) => t !== ''));
}

export function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Optional fields absent rather than `undefined`, so alerts compare and serialize cleanly. */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
