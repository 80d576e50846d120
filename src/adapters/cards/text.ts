/**
 * Turning untrusted alert values into safe card text: coerce anything to a string, drop invisible
 * control and bidi characters (they spoof what an analyst reads and bloat JSON), cut long values
 * with a visible marker, and escape Adaptive Card markdown so alert text can never become markup.
 */

// C0 controls except \t and \n, DEL, C1 controls, and bidi embeddings/overrides/isolates.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Any value → display text. Objects where a string belongs become their JSON, never elements. */
export function toText(value: unknown): string {
  return rawText(value).replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
}

function rawText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (Array.isArray(value)) return value.map(rawText).join(', ');
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '[unreadable value]';
  }
}

/** Text on one line: for facts and titles, where a newline would break the layout. */
export function oneLine(value: unknown): string {
  return toText(value).replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Cuts text to at most `max` characters (for max ≥ 16), ending with a visible marker:
 * "… [cut, 12,345 more characters]", or "…[+12,345]" where the long marker would take over half
 * of a short field.
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let marker = (more: number) => `… [cut, ${groupDigits(more)} more characters]`;
  if (marker(text.length).length > max / 2) marker = (more) => `…[+${groupDigits(more)}]`;
  let keep = Math.max(0, max - marker(text.length).length);
  if (keep > 0 && isHighSurrogate(text.charCodeAt(keep - 1))) keep -= 1;
  return `${text.slice(0, keep)}${marker(text.length - keep)}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Characters that carry meaning in the markdown TextBlocks render (CommonMark + Teams' subset):
 * emphasis, links, images, headings, lists, quotes, code, tables, setext underlines, HTML and
 * entities. Escaping every one of them (all are ASCII punctuation, so `\x` is a valid CommonMark
 * escape) also covers leading list/heading markers, which are built from the same characters.
 */
export const MARKDOWN_SPECIALS = '\\`*_{}[]()#+-.!>~|<&=';
const MARKDOWN_SPECIAL_RE = /[\\`*_{}[\]()#+\-.!>~|<&=]/g;

export function escapeMarkdown(text: string): string {
  // Indentation has no escape: a line starting with a tab or 4 spaces would become a code block.
  return text.replace(/^[ \t]+/gm, '').replace(MARKDOWN_SPECIAL_RE, '\\$&');
}

/** The one path alert text takes into a markdown TextBlock or Fact: coerce, cut, escape. */
export function mdText(value: unknown, max: number): string {
  return escapeMarkdown(cut(toText(value), max));
}

/** Same, on one line. */
export function mdLine(value: unknown, max: number): string {
  return escapeMarkdown(cut(oneLine(value), max));
}

/** Only https links leave a card: an alert-supplied javascript: or http: link is dropped. */
export function safeHttpsUrl(value: unknown): string | undefined {
  const text = toText(value).trim();
  if (!/^https:\/\//i.test(text) || text.length > 2000) return undefined;
  try {
    return new URL(text).href;
  } catch {
    return undefined;
  }
}

/**
 * Alert text on one line for a card's fallbackText (Teams shows it, and may render it as markdown;
 * Slack's notification text comes from it): the characters that make links, emphasis, code or HTML
 * escaped, and URL schemes defanged (`https[:]//…`), so no client turns alert text into a link.
 */
export function plainLine(value: unknown, max: number): string {
  const text = oneLine(value).replace(/:\/\//g, '[:]//');
  return cut(text.replace(/[\\`*_[\]()<>!~|#&]/g, '\\$&'), max);
}
