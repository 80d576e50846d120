/**
 * Alert text is attacker-controlled. These tests put hostile values in every field and check what
 * reaches Teams (markdown parsed by a real CommonMark parser) and Slack (mrkdwn), and that every
 * output stays within the platform limits whatever the input.
 */
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type { Alert } from '../../../src/domain/alert';
import { checkBlockKitLimits, checkTeamsCardLimits, type SlackMessage } from '../../../src/adapters/cards/limits';
import { renderAdaptiveCard } from '../../../src/adapters/cards/render-adaptive-card';
import { renderBlockKit } from '../../../src/adapters/cards/render-block-kit';
import type { CardModel } from '../../../src/ports/card-model';
import { adaptiveCardSchemaErrors } from '../../helpers/adaptive-card-schema';
import { flagshipAlert } from '../../helpers/alerts';
import { allElements, cardTexts, unescapeMd } from './card-walk';
import { alertWithEverywhere, MARKDOWN_PAYLOADS, SLACK_SPECIALS } from './hostile-alerts';

const NOW = new Date('2026-11-26T02:28:04.000Z');
const md = new MarkdownIt('commonmark');
const alertModel = (alert: Alert): CardModel => ({ kind: 'alert', alert, state: { status: 'Active' } });

/** Token types that would mean alert text became markup. */
const MARKUP = /^(link_open|image|html_inline|html_block|heading_open|bullet_list_open|ordered_list_open|blockquote_open|strong_open|em_open|code_inline|code_block|fence|hr|s_open)$/;

function markupTokens(text: string): string[] {
  const found: string[] = [];
  const walk = (tokens: ReturnType<MarkdownIt['parse']>): void => {
    for (const t of tokens) {
      if (MARKUP.test(t.type)) found.push(t.type);
      if (t.children) walk(t.children);
    }
  };
  walk(md.parse(text, {}));
  return found;
}

/** What a reader sees: the text content of the rendered markdown. */
function displayed(text: string): string {
  const parts: string[] = [];
  const walk = (tokens: ReturnType<MarkdownIt['parse']>): void => {
    for (const t of tokens) {
      if (t.type === 'text') parts.push(t.content);
      if (t.type === 'softbreak' || t.type === 'hardbreak') parts.push('\n');
      if (t.type === 'paragraph_close' && parts.length) parts.push('\n\n');
      if (t.children) walk(t.children);
    }
  };
  walk(md.parse(text, {}));
  return parts.join('').trim();
}

function slackTexts(msg: SlackMessage): string[] {
  const out = [msg.text];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(visit);
    }
  };
  visit(msg.blocks);
  return out;
}

describe('Teams card: alert text is never markup', () => {
  it.each(MARKDOWN_PAYLOADS)('%j in every field renders as literal text, no link/image/HTML/heading/list', (payload) => {
    const card = renderAdaptiveCard(alertModel(alertWithEverywhere(payload)), NOW);
    expect(adaptiveCardSchemaErrors(card)).toEqual([]);
    const texts = cardTexts(card);
    expect(texts.length).toBeGreaterThan(10);
    for (const text of texts) expect({ text, markup: markupTokens(text) }).toEqual({ text, markup: [] });
    // The description is shown exactly as the alert wrote it (CommonMark reads our escapes back).
    const description = texts.find((t) => unescapeMd(t) === payload);
    expect(description).toBeDefined();
    expect(displayed(description!)).toBe(payload);
  });

  it('the parser used here does find links in unescaped text (the check above can fail)', () => {
    expect(markupTokens(MARKDOWN_PAYLOADS[0]!)).toContain('link_open');
    expect(markupTokens('# Heading')).toContain('heading_open');
  });

  it('${…} in alert text comes out literally: the template is expanded once, data is never an expression', () => {
    const payloads = ['${1+1}', '${title}', '${$root.title}', "${if(true, 'a', 'b')}", '${json(\'{"type":"Image"}\')}', '$${x}'];
    for (const payload of payloads) {
      const card = renderAdaptiveCard(alertModel(alertWithEverywhere(payload)), NOW);
      const shown = cardTexts(card).map(unescapeMd);
      expect(shown).toContain(payload);
      expect(shown.every((t) => !t.includes('${') || t.includes(payload))).toBe(true);
      expect(allElements(card).some((e) => e.type === 'Image')).toBe(false);
    }
  });

  it('an object where a string belongs is shown as text (the alert is still shown), never inserted as an element', () => {
    const injected = { type: 'Image', url: 'https://evil.example/x.png' };
    const alert = flagshipAlert({
      description: injected as unknown as string,
      displayName: [injected] as unknown as string,
      who: [{ kind: 'account', name: { type: 'Action.OpenUrl', url: 'https://evil.example' } as unknown as string, isLocal: true, isEntra: false }],
      what: [{ kind: 'process', commandLine: { type: 'TextBlock', text: 'x' } as unknown as string }],
    });
    const card = renderAdaptiveCard(alertModel(alert), NOW);
    expect(adaptiveCardSchemaErrors(card)).toEqual([]);
    const types = allElements(card).map((e) => e.type);
    expect(types).not.toContain('Image');
    expect(types.filter((t) => t === 'Action.OpenUrl')).toHaveLength(2); // the two portal links only
    const shown = cardTexts(card).map(unescapeMd);
    expect(shown).toContain(JSON.stringify(injected));
    expect(shown.some((t) => t.startsWith('Medium · {"type":"Image"'))).toBe(true);
    expect(renderBlockKit(alertModel(alert), NOW).blocks.length).toBeGreaterThan(5);
  });
});

describe('Slack: alert text reaches Slack escaped', () => {
  it.each(SLACK_SPECIALS)('%s in every field arrives inert (&lt; … &gt;), never as a mention or link', (payload) => {
    const msg = renderBlockKit(alertModel(alertWithEverywhere(`${payload} & more`)), NOW);
    expect(checkBlockKitLimits(msg)).toEqual([]);
    const texts = slackTexts(msg);
    const escaped = payload.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    expect(texts.filter((t) => t.includes(`${escaped} &amp; more`)).length).toBeGreaterThan(10);
    for (const t of texts) {
      expect(t).not.toMatch(/[<>]/);
      expect(t).not.toMatch(/&(?!(amp|lt|gt);)/);
    }
  });

  it('every mrkdwn text is verbatim: no auto-linked URLs or channel names, no parsed bare mentions', () => {
    const msg = renderBlockKit(alertModel(alertWithEverywhere('@here @channel #general http://evil.example')), NOW);
    const mrkdwnObjects: Record<string, unknown>[] = [];
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') {
        if ((v as { type?: string }).type === 'mrkdwn') mrkdwnObjects.push(v as Record<string, unknown>);
        Object.values(v).forEach(visit);
      }
    };
    visit(msg.blocks);
    expect(mrkdwnObjects.length).toBeGreaterThan(10);
    expect(mrkdwnObjects.filter((o) => o.verbatim !== true)).toEqual([]);
  });

  it('markdown escapes added for Teams do not leak into Slack text', () => {
    const msg = renderBlockKit(alertModel(alertWithEverywhere('a_b *c* [d](e) 1.2-3 C:\\Temp')), NOW);
    expect(slackTexts(msg).some((t) => t.includes('a_b *c* [d](e) 1.2-3 C:\\Temp'))).toBe(true);
    expect(slackTexts(msg).join('\n')).not.toContain('\\_');
  });

  it('a command line cannot break out of its Slack code block', () => {
    const msg = renderBlockKit(alertModel(flagshipAlert({ what: [{ kind: 'process', commandLine: 'x ```\n<!channel> *owned*' }] })), NOW);
    const code = slackTexts(msg).find((t) => t.startsWith('```'))!;
    expect(code.match(/```/g)).toHaveLength(2);
    expect(code).toContain('&lt;!channel&gt;');
  });
});

describe('every output fits the limits', () => {
  const big = (n: number, unit = 'A') => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

  it.each([
    ['letters', 'A'],
    ['markdown specials (escaping doubles them)', '*_[]'],
    ['astral emoji (4 bytes each)', '😈'],
    ['Slack specials (escaping quintuples them)', '<&>'],
  ])('a 100 KB command line of %s still gives a card within the limits, with a visible cut marker', (_name, unit) => {
    const alert = flagshipAlert({ what: [{ kind: 'process', commandLine: big(100_000, unit) }] });
    const card = renderAdaptiveCard(alertModel(alert), NOW);
    expect(checkTeamsCardLimits(card)).toEqual([]);
    expect(adaptiveCardSchemaErrors(card)).toEqual([]);
    const mono = allElements(card).find((e) => e.fontType === 'Monospace')!;
    expect(unescapeMd(String(mono.text))).toMatch(/… \[cut, \d{1,3}(,\d{3})* more characters\]$/);
    const msg = renderBlockKit(alertModel(alert), NOW);
    expect(checkBlockKitLimits(msg)).toEqual([]);
    expect(slackTexts(msg).join('\n')).toMatch(/more characters\]/);
  });

  it('huge everything: long fields, hundreds of entities, a big tally — still within the limits, buttons kept', () => {
    const alert = alertWithEverywhere(big(20_000, '<*>'));
    alert.what = Array.from({ length: 300 }, (_, i) => ({ kind: 'process' as const, commandLine: `${big(5000)}${i}` }));
    alert.who = Array.from({ length: 300 }, (_, i) => ({ kind: 'account' as const, name: `user${i}${big(3000)}`, isLocal: true, isEntra: false }));
    const votes = Array.from({ length: 500 }, (_, i) => ({ voter: `analyst-${i}-${big(300)}`, verdict: 'true-positive' as const, at: '2026-11-26T02:20:00Z' }));
    const model: CardModel = {
      kind: 'alert',
      alert,
      state: { status: 'Active', running: [big(5000)], notice: big(50_000), tally: { counts: { 'true-positive': 500, 'benign-positive': 0, 'false-positive': 0 }, votes, quorum: 3 } },
    };
    const card = renderAdaptiveCard(model, NOW);
    expect(checkTeamsCardLimits(card)).toEqual([]);
    expect(adaptiveCardSchemaErrors(card)).toEqual([]);
    expect(allElements(card).filter((e) => e.type === 'Action.Execute')).toHaveLength(6);
    const msg = renderBlockKit(model, NOW);
    expect(checkBlockKitLimits(msg)).toEqual([]);
    expect(msg.blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as unknown[]).length).toBeGreaterThanOrEqual(6);
  });

  it('an investigation result with many big tables and queries fits both platforms', () => {
    const model: CardModel = {
      kind: 'investigation-result',
      result: {
        title: big(1000),
        answer: big(50_000, '*'),
        status: 'partial',
        tables: Array.from({ length: 20 }, (_, t) => ({
          title: `table ${t}`,
          columns: Array.from({ length: 20 }, (_, c) => `col${c}`),
          rows: Array.from({ length: 500 }, () => Array.from({ length: 20 }, () => big(400, '<_>'))),
          truncated: true,
        })),
        queries: Array.from({ length: 10 }, () => ({ name: 'q', query: big(20_000) })),
        links: [{ label: 'Open in Log Analytics', href: 'https://portal.azure.com/#logs' }],
        facts: Array.from({ length: 100 }, (_, i) => ({ title: `f${i}`, value: big(3000) })),
      },
    };
    const card = renderAdaptiveCard(model, NOW);
    expect(checkTeamsCardLimits(card)).toEqual([]);
    expect(adaptiveCardSchemaErrors(card)).toEqual([]);
    expect(checkBlockKitLimits(renderBlockKit(model, NOW))).toEqual([]);
  });

  it('fast-check: random strings in every field keep every limit and the schema', () => {
    const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 3000 }), fc.constantFrom(...MARKDOWN_PAYLOADS, ...SLACK_SPECIALS));
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 40_000 }), (text, repeat) => {
        const value = text.length * repeat > 200_000 ? text : text.repeat(Math.max(1, Math.floor(repeat / Math.max(1, text.length))));
        const model = alertModel(alertWithEverywhere(value));
        const card = renderAdaptiveCard(model, NOW);
        expect(checkTeamsCardLimits(card)).toEqual([]);
        expect(adaptiveCardSchemaErrors(card)).toEqual([]);
        for (const t of cardTexts(card)) expect(markupTokens(t)).toEqual([]);
        const msg = renderBlockKit(model, NOW);
        expect(checkBlockKitLimits(msg)).toEqual([]);
        for (const t of slackTexts(msg)) expect(t).not.toMatch(/[<>]/);
      }),
      { numRuns: 60 },
    );
  });
});
