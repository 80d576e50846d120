/**
 * Names that are not what they look like. A host or account name from an alert may carry
 * invisible characters (zero-width spaces and joiners, bidi controls that reorder what is shown,
 * soft hyphens) or mix Latin with Cyrillic or Greek letters that look the same (`аdmin` with a
 * Cyrillic а). Either makes a name read as another one. `inspectName` finds both: what to warn
 * about, and the name with every invisible character made visible (`⟨U+200B⟩`).
 */

/** Format characters that show nothing: zero-width, bidi marks/embeddings/overrides/isolates, BOM, soft hyphen… */
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/gu;

const SCRIPTS: { name: string; re: RegExp }[] = [
  { name: 'Latin', re: /\p{Script=Latin}/u },
  { name: 'Cyrillic', re: /\p{Script=Cyrillic}/u },
  { name: 'Greek', re: /\p{Script=Greek}/u },
];

/** Bounded work: names longer than this are only checked in their first part. */
const MAX_CHECKED = 2000;

export interface NameInspection {
  /** The name with invisible characters shown as ⟨U+XXXX⟩. */
  shown: string;
  /** Plain-language warnings; empty when the name is what it looks like. */
  warnings: string[];
}

export function inspectName(name: string): NameInspection {
  const head = name.slice(0, MAX_CHECKED);
  const warnings: string[] = [];
  const invisible = head.match(INVISIBLE) ?? [];
  if (invisible.length) warnings.push(`contains ${invisible.length} invisible character${invisible.length > 1 ? 's' : ''} (${[...new Set(invisible.map(codePoint))].slice(0, 4).join(', ')})`);
  const mixed = mixedScriptWords(head.replace(INVISIBLE, ''));
  if (mixed.length) warnings.push(`mixes ${mixed.join(' and ')} letters in one word (look-alike characters)`);
  return { shown: name.replace(INVISIBLE, (c) => `⟨${codePoint(c)}⟩`), warnings };
}

/** The scripts mixed inside any one word (split at separators, as `corp\admin`, `web-vm-01.contoso.com` are). */
function mixedScriptWords(text: string): string[] {
  const found = new Set<string>();
  for (const word of text.split(/[^\p{L}\p{M}\p{N}]+/u)) {
    const scripts = SCRIPTS.filter((s) => s.re.test(word)).map((s) => s.name);
    if (scripts.length > 1) scripts.forEach((s) => found.add(s));
  }
  return SCRIPTS.map((s) => s.name).filter((n) => found.has(n));
}

function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
