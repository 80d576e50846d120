/**
 * From the Adaptive Card's markdown back to Slack text. The AC text is our template text plus
 * alert values escaped by escapeMarkdown, so the conversion is exact: `\x` is the literal x,
 * `**` is our bold, anything else is literal. The literal text is then escaped for Slack (`&`, `<`,
 * `>`), which makes `<!channel>`, `<@U…>` and `<http://x|y>` inert in mrkdwn and plain_text alike.
 */
import { cut, MARKDOWN_SPECIALS } from './text';

/** AC markdown → Slack mrkdwn source before entity escaping (`**b**` → `*b*`). */
export function acToSlackRaw(text: string, bold = '*'): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === '\\' && next !== undefined && MARKDOWN_SPECIALS.includes(next)) {
      out += next;
      i += 1;
    } else if (ch === '*' && next === '*') {
      out += bold;
      i += 1;
    } else {
      out += ch;
    }
  }
  return out;
}

/** AC markdown → plain text (no formatting at all), for headers and buttons. */
export function acToPlain(text: string): string {
  return acToSlackRaw(text, '');
}

export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escaped Slack text of at most `max` characters. Cutting happens on the raw text (so an entity
 * is never split); escaping can lengthen it, so the cut tightens until the result fits.
 */
export function fitSlack(raw: string, max: number): string {
  let limit = max;
  for (;;) {
    const text = escapeSlack(cut(raw, limit));
    if (text.length <= max || limit === 0) return text.slice(0, max);
    limit = Math.max(0, Math.min(limit - 1, Math.floor((limit * max) / text.length) - 1));
  }
}

/** A fenced code block Slack cannot break out of: backtick runs in the content are split. */
export function slackCode(raw: string, max: number): string {
  const body = fitSlack(raw.replace(/`/g, '`\u200b'), max - 8);
  return `\`\`\`\n${body}\n\`\`\``;
}

/**
 * AC markdown that may hold our own links `[label](https://…)` — alert text cannot make one: its
 * brackets arrive escaped (`\[`) — to Slack mrkdwn within `max`: each link becomes `<url|label>`
 * and is kept whole; the text around it is converted and escaped as acToSlackRaw + fitSlack do.
 */
export function acToSlackLinked(text: string, max: number): string {
  const segments = ownLinks(text);
  const links = segments.reduce((n, s) => n + (typeof s === 'string' ? 0 : s.slack.length), 0);
  if (links === 0 || links > max / 2) return fitSlack(acToSlackRaw(segments.map((s) => (typeof s === 'string' ? s : s.label)).join('')), max);
  let room = max - links;
  return segments
    .map((s) => {
      if (typeof s !== 'string') return s.slack;
      const out = fitSlack(acToSlackRaw(s), room);
      room -= out.length;
      return out;
    })
    .join('');
}

type Segment = string | { label: string; slack: string };

function ownLinks(text: string): Segment[] {
  const out: Segment[] = [];
  let plain = '';
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '\\') {
      plain += text.slice(i, i + 2);
      i += 1;
      continue;
    }
    const link = text[i] === '[' ? /^\[([^\]\\[]{1,80})\]\((https:\/\/[^\s()<>|\\]{1,500})\)/.exec(text.slice(i, i + 600)) : null;
    if (!link) {
      plain += text[i];
      continue;
    }
    out.push(plain, { label: link[1]!, slack: `<${escapeSlack(link[2]!)}|${escapeSlack(link[1]!)}>` });
    plain = '';
    i += link[0].length - 1;
  }
  return [...out, plain].filter((s) => s !== '');
}
