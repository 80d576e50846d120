/** Test helpers that walk an expanded Adaptive Card. */
import type { AcElement, AdaptiveCard } from '../../../src/adapters/cards/adaptive-card';
import { MARKDOWN_SPECIALS } from '../../../src/adapters/cards/text';

/** Every object with a `type` in the card (elements, actions, facts are not typed so facts are separate). */
export function allElements(card: AdaptiveCard): AcElement[] {
  const out: AcElement[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      if (typeof (v as AcElement).type === 'string' && v !== card) out.push(v as AcElement);
      Object.values(v).forEach(visit);
    }
  };
  visit(card);
  return out;
}

/** Every markdown text the card shows: TextBlock texts and fact values. */
export function cardTexts(card: AdaptiveCard): string[] {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      if (o.type === undefined && typeof o.title === 'string' && typeof o.value === 'string') out.push(o.value);
      Object.values(o).forEach(visit);
    }
  };
  visit(card.body);
  return out;
}

/** Reverses escapeMarkdown: what a markdown renderer displays for the escaped text. */
export function unescapeMd(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const next = text[i + 1];
    if (text[i] === '\\' && next !== undefined && MARKDOWN_SPECIALS.includes(next)) {
      out += next;
      i += 1;
    } else out += text[i];
  }
  return out;
}

/** Every fact of the card as "Title: value" (unescaped). */
export function cardFacts(card: AdaptiveCard): string[] {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === undefined && typeof o.title === 'string' && typeof o.value === 'string') out.push(`${unescapeMd(o.title)}: ${unescapeMd(o.value)}`);
      Object.values(o).forEach(visit);
    }
  };
  visit(card.body);
  return out;
}
