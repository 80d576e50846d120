/**
 * What every output must keep, whatever the alert said. Each check returns the list of problems
 * (empty = fine), so a failing property shows all of them at once.
 */
import MarkdownIt from 'markdown-it';
import { checkBlockKitLimits, checkTeamsCardLimits, type SlackMessage } from '../../src/adapters/cards/limits';
import { MARKER } from './hostile-text';

const md = new MarkdownIt('commonmark');
/** Markdown tokens that would make alert text a link, an image or HTML. */
const ACTIVE = /^(link_open|image|html_inline|html_block)$/;
/** What an expanded template expression of the hostile payloads would produce. */
const EVALUATED = /EVALED/;

/** Slack: within limits; no `<` or `>` at all in text (every one from alert text is escaped, and the renderer makes no links in text); `&` only as an entity. */
export function slackProblems(msg: SlackMessage): string[] {
  const problems = checkBlockKitLimits(msg).map((p) => `limit: ${p}`);
  for (const text of slackTexts(msg)) {
    if (/[<>]/.test(text)) problems.push(`unescaped < or > in ${JSON.stringify(text.slice(0, 200))}`);
    if (/&(?!amp;|lt;|gt;)/.test(text)) problems.push(`bare & in ${JSON.stringify(text.slice(0, 200))}`);
    if (EVALUATED.test(text)) problems.push(`template expression evaluated: ${JSON.stringify(text.slice(0, 200))}`);
  }
  for (const url of urlsIn(msg.blocks)) if (!/^https:\/\//.test(url)) problems.push(`non-https link ${url.slice(0, 100)}`);
  return problems;
}

/** Adaptive Card: version 1.5 within Teams' limits; no markdown link, image or HTML in any shown text; templates expanded once; https links only. */
export function adaptiveCardProblems(card: unknown): string[] {
  const problems = checkTeamsCardLimits(card).map((p) => `limit: ${p}`);
  if ((card as { version?: unknown }).version !== '1.5') problems.push('version is not 1.5');
  for (const text of markdownTexts(card)) {
    const active = activeTokens(text);
    if (active.length) problems.push(`markdown ${active.join(',')} in ${JSON.stringify(text.slice(0, 200))}`);
    if (EVALUATED.test(text)) problems.push(`template expression evaluated: ${JSON.stringify(text.slice(0, 200))}`);
  }
  if (EVALUATED.test(JSON.stringify(card))) problems.push('template expression evaluated somewhere in the card');
  for (const url of urlsIn(card)) if (!/^https:\/\//.test(url)) problems.push(`non-https url ${url.slice(0, 100)}`);
  return problems;
}

/** Every mrkdwn / plain_text / table cell string of a Slack message, and its fallback text. */
export function slackTexts(msg: SlackMessage): string[] {
  const out = [msg.text];
  walk(msg.blocks, (o) => {
    // Table block cells too: raw_text, and the header row's rich text runs.
    if ((o.type === 'mrkdwn' || o.type === 'plain_text' || o.type === 'raw_text' || o.type === 'text') && typeof o.text === 'string') out.push(o.text);
  });
  return out;
}

/** TextBlock texts, fact titles and values, and RichText runs: what Teams renders (TextBlock and facts as markdown). */
export function markdownTexts(card: unknown): string[] {
  const out: string[] = [];
  walk(card, (o) => {
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (o.type === undefined && typeof o.title === 'string' && typeof o.value === 'string') out.push(o.title, o.value);
  });
  return out;
}

export function activeTokens(text: string): string[] {
  const found: string[] = [];
  const visit = (tokens: ReturnType<MarkdownIt['parse']>): void => {
    for (const t of tokens) {
      if (ACTIVE.test(t.type)) found.push(t.type);
      if (t.children) visit(t.children);
    }
  };
  visit(md.parse(text, {}));
  return found;
}

export function containsMarker(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes(MARKER);
}

function urlsIn(value: unknown): string[] {
  const out: string[] = [];
  walk(value, (o) => {
    if (typeof o.url === 'string') out.push(o.url);
  });
  return out;
}

function walk(value: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
  else if (value && typeof value === 'object') {
    visit(value as Record<string, unknown>);
    Object.values(value).forEach((v) => walk(v, visit));
  }
}
