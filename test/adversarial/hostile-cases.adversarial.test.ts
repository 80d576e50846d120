/**
 * Hand-written hostile alerts: the attacks a fuzzer is unlikely to stumble on — prototype keys,
 * cyclic and dangling $refs, deep nesting, huge inputs, patterns that make regular expressions
 * backtrack, impossible times, template expressions — through normalize, both renderers, the
 * command analysis and the query builders.
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderAdaptiveCard } from '../../src/adapters/cards/render-adaptive-card';
import { renderBlockKit } from '../../src/adapters/cards/render-block-kit';
import { defaultSettings } from '../../src/app/deps';
import type { Alert } from '../../src/domain/alert';
import { analyzeCommand } from '../../src/domain/command-analysis';
import { TriageError } from '../../src/domain/errors';
import { allQueriesFor } from '../../src/domain/investigation';
import { normalizeAlerts } from '../../src/domain/normalize';
import type { CardModel } from '../../src/ports/card-model';
import { MARKER } from './hostile-text';
import { readKql } from './kql-tokens';
import { adaptiveCardProblems, markdownTexts, slackProblems, slackTexts } from './output-checks';

const DEMO = path.resolve(__dirname, '../../demo/alerts');
const exportSample = () => JSON.parse(fs.readFileSync(path.join(DEMO, 'flagship-2-suspicious-powershell.export.json'), 'utf8')) as Record<string, unknown>;
const armSample = () => JSON.parse(fs.readFileSync(path.join(DEMO, 'flagship-1-rdp-brute-force.arm-2022-01-01.json'), 'utf8')) as { properties: Record<string, unknown> };

const card = (alert: Alert): CardModel => ({ kind: 'alert', alert, state: { status: 'Active' } });

/** Normalizes, renders on both platforms and builds every query; returns every problem found. */
function everyOutput(raw: unknown): { alerts: Alert[]; problems: string[] } {
  const alerts = normalizeAlerts(raw);
  const problems: string[] = [];
  for (const alert of alerts) {
    const slack = renderBlockKit(card(alert));
    const teams = renderAdaptiveCard(card(alert));
    problems.push(...slackProblems(slack).map((p) => `slack: ${p}`), ...adaptiveCardProblems(teams).map((p) => `teams: ${p}`));
    for (const text of [...slackTexts(slack), ...markdownTexts(teams)]) if (/Invalid Date|NaN|undefined|\[object Object\]/.test(text)) problems.push(`shows ${JSON.stringify(text.slice(0, 120))}`);
    for (const q of allQueriesFor(alert, defaultSettings)) {
      const reading = readKql(q.query);
      if (reading.errors.length) problems.push(`kql ${q.name}: ${reading.errors.join('; ')}`);
      if (reading.outsideLiterals.toUpperCase().includes(MARKER)) problems.push(`kql ${q.name}: alert text outside a literal`);
    }
  }
  return { alerts, problems };
}

/** A refusal must be a TriageError (a message for the sender); anything accepted must give clean outputs. */
function refusedOrClean(raw: unknown): string[] {
  try {
    normalizeAlerts(raw);
  } catch (err) {
    return err instanceof TriageError ? [] : [`crashed: ${String(err)}`];
  }
  return everyOutput(raw).problems;
}

describe('hand-written hostile alerts', () => {
  it('__proto__ and constructor keys pollute nothing', () => {
    const raw = JSON.parse(
      JSON.stringify(exportSample()).replace('"ExtendedProperties": {', '"ExtendedProperties": {"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}},'),
    ) as Record<string, unknown>;
    raw.Entities = [...(raw.Entities as unknown[]), JSON.parse('{"$id": "99", "Type": "host", "HostName": "h", "__proto__": {"polluted": "yes"}}')];
    const { problems } = everyOutput(JSON.parse(`{"__proto__": {"polluted": "yes"}, ${JSON.stringify(raw).slice(1)}`));
    expect(problems).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('cyclic and self-referencing $refs end, and dangling ones are absence', () => {
    const raw = exportSample();
    raw.Entities = [
      { $id: '1', Type: 'host', HostName: `${MARKER}host`, Account: { $ref: '2' } },
      { $id: '2', Type: 'account', Name: `${MARKER}acct`, Host: { $ref: '1' }, Self: { $ref: '2' } },
      { $id: '3', Type: 'process', CommandLine: `${MARKER} cmd`, Account: { $ref: '2' }, ImageFile: { $ref: '404' }, ParentProcess: { $ref: '3' } },
      { $ref: '3' },
      { $ref: '1' },
    ];
    const { alerts, problems } = everyOutput(raw);
    expect(problems).toEqual([]);
    expect(alerts[0]!.who.map((a) => a.name)).toEqual([`${MARKER}acct`]);
  });

  it('nesting 5,000 levels deep in extended properties is refused or flattened, never a stack overflow', () => {
    const raw = exportSample();
    raw.ExtendedProperties = JSON.parse(`${'{"a":'.repeat(5000)}"deep"${'}'.repeat(5000)}`);
    expect(refusedOrClean(raw)).toEqual([]);
  });

  it('2,000 entities and a 1 MB command line still give outputs within every limit', () => {
    const raw = exportSample();
    const big = `${MARKER}${'<!channel> [x](http://evil.example) '.repeat(30_000)}`;
    raw.Entities = Array.from({ length: 2000 }, (_, i) => ({ $id: String(i + 1), Type: i % 2 ? 'account' : 'ip', Name: `${MARKER}u${i}`, Address: `198.51.100.${i % 255}` }));
    (raw.ExtendedProperties as Record<string, unknown>)['Command line'] = big;
    expect(everyOutput(raw).problems).toEqual([]);
  });

  it.each([
    ['dashes', '-'.repeat(200_000)],
    ['spaces then a letter', `${' '.repeat(200_000)}x`],
    ['dotted host', `http://${'a.'.repeat(100_000)}`],
    ['carets and backticks', '^`'.repeat(100_000)],
    ['unterminated quotes', `"${"'".repeat(100_000)}`],
    ['huge -EncodedCommand of garbage', `powershell -enc ${'QUJD'.repeat(100_000)}!`],
    ['percent-encoding', '%41'.repeat(100_000)],
    ['IPv6-ish', '::'.repeat(100_000)],
  ])('command analysis of %s (200 KB) ends within the test timeout and keeps IOCs bounded', (_name, commandLine) => {
    const analysis = analyzeCommand(commandLine);
    expect(JSON.stringify(analysis).length).toBeLessThan(2_000_000);
  });

  it.each([
    ['year 0', '0000-01-01T00:00:00Z'],
    ['the last minutes of year 9999', '9999-12-31T23:30:00Z'],
    ['beyond the last Date', '+275760-09-13T00:00:00.001Z'],
    ['month 13', '2026-13-45T25:61:61Z'],
    ['epoch text', '-8640000000000001'],
    ['empty', ''],
    ['words', 'yesterday'],
  ])('impossible time (%s) shows no Invalid Date/NaN and builds bounded queries', (_name, time) => {
    const raw = exportSample();
    for (const key of ['StartTimeUtc', 'EndTimeUtc', 'TimeGenerated', 'ProcessingEndTime']) raw[key] = time;
    expect(refusedOrClean(raw)).toEqual([]);
  });

  it('template expressions in alert text are shown as written, never evaluated', () => {
    const raw = armSample();
    const text = "${concat('EVAL','ED')} ${$root.alert.systemAlertId} {{x}}";
    raw.properties.alertDisplayName = text;
    raw.properties.description = text;
    const [alert] = normalizeAlerts(raw);
    const teams = JSON.stringify(renderAdaptiveCard(card(alert!)));
    const slack = renderBlockKit(card(alert!));
    expect(teams).not.toMatch(/EVALED/);
    expect(teams).toContain('concat\\\\('); // markdown-escaped `concat\(`, which shows as concat(
    expect(slackTexts(slack).join('\n')).toContain("${concat('EVAL','ED')}");
    expect(slackProblems(slack)).toEqual([]);
  });

  it('cards rendered one after another share nothing (templates are prepared once, expanded per card)', () => {
    const first = armSample();
    first.properties.alertDisplayName = `${MARKER}first`;
    const second = armSample();
    second.properties.systemAlertId = 'second-id';
    second.properties.alertDisplayName = 'second';
    const [a] = normalizeAlerts(first);
    const [b] = normalizeAlerts(second);
    const cardA = renderAdaptiveCard(card(a!));
    // Whatever a caller does to one card must not reach the next one expanded from the same template.
    (cardA.body as unknown[]).splice(0, cardA.body.length, { type: 'TextBlock', text: `${MARKER}tampered` });
    const cardB = JSON.stringify(renderAdaptiveCard(card(b!)));
    expect(cardB).not.toContain(MARKER);
    expect(cardB).toContain('second');
    expect(JSON.stringify(renderAdaptiveCard(card(a!)))).toContain(`${MARKER}first`);
  });

  it('Slack mentions and links in every text field arrive as inert text', () => {
    const raw = armSample();
    for (const key of ['alertDisplayName', 'description', 'compromisedEntity', 'productName']) raw.properties[key] = '<!channel> <@U0123ABCD> <http://evil.example|portal> &';
    const [alert] = normalizeAlerts(raw);
    const texts = slackTexts(renderBlockKit(card(alert!))).join('\n');
    expect(texts).toContain('&lt;!channel&gt; &lt;@U0123ABCD&gt; &lt;http://evil.example|portal&gt; &amp;');
    expect(texts).not.toMatch(/<[!@#h]/);
  });

  it('a list of 1,000 alerts with one bad item is refused naming that item, not crashing', () => {
    const good = armSample();
    const list = Array.from({ length: 1000 }, (_, i) => ({ ...good, properties: { ...good.properties, systemAlertId: `id-${i}` } }));
    list[737] = { properties: { description: 'no id at all' } } as never;
    expect(() => normalizeAlerts(list)).toThrow(/item 738/);
  });

  // Every button of the card carries the id: an unbounded one (an authenticated webhook sender can
  // send any) would grow the card past Teams' 28 KB budget and past the action codec's field limit.
  it('a 3,000-character alert id is refused with a reason, and a 256-character one keeps the card within budget', () => {
    const raw = armSample();
    raw.properties.systemAlertId = '<!channel>'.repeat(300);
    expect(() => normalizeAlerts(raw)).toThrow(/3000 characters .*at most 256/);
    raw.properties.systemAlertId = '<!channel>'.repeat(25) + 'x'.repeat(6);
    const [alert] = normalizeAlerts(raw);
    expect(alert!.systemAlertId).toHaveLength(256);
    expect(adaptiveCardProblems(renderAdaptiveCard(card(alert!)))).toEqual([]);
  });
});
