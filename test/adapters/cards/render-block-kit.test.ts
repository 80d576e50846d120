/** Slack gets a Block Kit rendering of the same expanded card, its buttons through the same codec. */
import { inputIdFromActionId, verbFromActionId } from '../../../src/adapters/cards/slack-action-id';
import { decodeAction } from '../../../src/domain/action-codec';
import { checkBlockKitLimits, checkTeamsCardLimits, SLACK, type SlackBlock } from '../../../src/adapters/cards/limits';
import { adaptiveCardToBlockKit, renderBlockKit } from '../../../src/adapters/cards/render-block-kit';
import type { CardModel } from '../../../src/ports/card-model';
import { FLAGSHIP, flagshipAlert } from '../../helpers/alerts';

const NOW = new Date('2026-11-26T02:28:04.000Z');
const model: CardModel = { kind: 'alert', alert: flagshipAlert(), state: { status: 'Active', running: ['Who?'] } };
const msg = renderBlockKit(model, NOW);

type Text = { type: string; text: string };
const textOf = (b: SlackBlock): string => (b.text as Text | undefined)?.text ?? '';
const fieldsOf = (b: SlackBlock): string[] => ((b.fields as Text[] | undefined) ?? []).map((f) => f.text);

describe('alert card (Slack)', () => {
  it('is within every Block Kit limit and has a plain fallback text', () => {
    expect(checkBlockKitLimits(msg)).toEqual([]);
    expect(msg.text).toBe('Medium alert: Suspicious PowerShell command line on web-vm-01');
  });

  it('maps the card: header title, subtle context, the local-account warning, facts as fields, the command line as code', () => {
    expect(msg.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Medium · Suspicious PowerShell command line', emoji: true } });
    expect(msg.blocks[1]).toMatchObject({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Status: Active · Microsoft Defender for Cloud' }] });
    expect(textOf(msg.blocks[2]!)).toBe('*⚠ No Entra ID identity — local account only*');
    const who = msg.blocks.find((b) => textOf(b) === '*Who*')!;
    expect(fieldsOf(who)).toEqual(['*Account*\nWEB-VM-01\\svc-backup · local account · SID S-1-5-21-3623811015-3361044348-30300820-1013']);
    const when = msg.blocks.find((b) => textOf(b) === '*When*')!;
    expect(fieldsOf(when)[0]).toBe('*Start*\n2026-11-26 02:16:04 UTC (12 min ago)');
    expect(msg.blocks.map(textOf)).toContain('```\n' + FLAGSHIP.commandLine + '\n```');
  });

  it('renders buttons whose action_id and value decode, through the codec, to the same intents as the Teams card', () => {
    const buttons = msg.blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as Record<string, string>[]);
    const codecButtons = buttons.filter((b) => b.type === 'button' && !b.url);
    expect(codecButtons.map((b) => b.action_id)).toEqual([
      'dtb.investigate.identity',
      'dtb.investigate.correlation',
      'dtb.investigate.analyze',
      'dtb.vote.true-positive',
      'dtb.vote.benign-positive',
      'dtb.vote.false-positive',
    ]);
    const alertId = flagshipAlert().systemAlertId;
    expect(decodeAction(verbFromActionId(codecButtons[0]!.action_id!)!, codecButtons[0]!.value)).toEqual({
      ok: true,
      intent: { kind: 'investigate', investigation: 'identity', alertId },
    });
    expect(decodeAction(verbFromActionId(codecButtons[4]!.action_id!)!, codecButtons[4]!.value)).toMatchObject({
      ok: true,
      intent: { kind: 'vote', verdict: 'benign-positive', alertId },
    });
    const links = buttons.filter((b) => b.url);
    expect(links.map((b) => [b.action_id, b.url])).toEqual([
      ['link.1', expect.stringMatching(/^https:\/\/portal\.azure\.com\/#blade\/Microsoft_Azure_Security\/AlertBlade\/alertId\//)],
      ['link.2', expect.stringMatching(/^https:\/\/portal\.azure\.com\/#@\/resource\/subscriptions\//)],
    ]);
  });

  it('renders the severity choice as a select in the vote buttons\' row, preselected, whose pick alone decodes to nothing', () => {
    const row = msg.blocks.find((b) => b.type === 'actions' && (b.elements as { action_id: string }[]).some((e) => e.action_id === 'dtb.vote.true-positive'))!;
    const elements = row.elements as Record<string, unknown>[];
    expect(elements.map((e) => e.action_id)).toEqual(['dtb.input.severity', 'dtb.vote.true-positive', 'dtb.vote.benign-positive', 'dtb.vote.false-positive']);
    const select = elements[0] as { type: string; options: { text: Text; value: string }[]; initial_option: { text: Text; value: string } };
    expect(select.type).toBe('static_select');
    expect(select.options.map((o) => [o.text.text, o.value])).toEqual([
      ['Severity: High', 'High'],
      ['Severity: Medium', 'Medium'],
      ['Severity: Low', 'Low'],
      ['Severity: Informational', 'Informational'],
    ]);
    expect(select.initial_option).toEqual(select.options[1]);
    expect(inputIdFromActionId('dtb.input.severity')).toBe('severity');
    expect(verbFromActionId('dtb.input.severity')).toBeUndefined();
    const decided = renderBlockKit({ kind: 'alert', alert: flagshipAlert(), state: { status: 'Active', decision: { verdict: 'true-positive', severity: 'Informational', decidedBy: ['a'], at: '2026-11-26T02:21:00Z' } } }, NOW);
    expect(checkBlockKitLimits(decided)).toEqual([]);
    // Decided: the vote row (severity select and verdicts) gives way to the Reopen button.
    expect(JSON.stringify(decided.blocks)).not.toContain('static_select');
    expect(JSON.stringify(decided.blocks)).toContain('"action_id":"dtb.reopen"');
  });

  it('a storm group card: counter and snooze as fields, three snooze buttons that decode to the snooze intent', () => {
    const group = renderBlockKit({ kind: 'alert', alert: flagshipAlert(), state: { status: 'Active', groupCount: 5, snooze: { until: '2026-11-26T03:00:00Z', by: 'Ana' } } }, NOW);
    expect(checkBlockKitLimits(group)).toEqual([]);
    const storm = group.blocks.find((b) => textOf(b) === '*Alert storm*')!;
    expect(fieldsOf(storm)).toEqual(['*Storm*\n5 alerts of this type on this resource; later ones go to this thread', '*Snoozed*\nuntil 2026-11-26 03:00:00 UTC by Ana']);
    const snoozes = group.blocks
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements as Record<string, string>[])
      .filter((b) => verbFromActionId(b.action_id!) === 'dtb.snooze');
    expect(snoozes.map((b) => [b.action_id, (b.text as unknown as Text).text])).toEqual([
      ['dtb.snooze.60', 'Snooze 1 h'],
      ['dtb.snooze.240', 'Snooze 4 h'],
      ['dtb.snooze.1440', 'Snooze 24 h'],
    ]);
    expect(snoozes.map((b) => decodeAction(verbFromActionId(b.action_id!)!, JSON.parse(b.value!)))).toEqual(
      [60, 240, 1440].map((minutes) => ({ ok: true, intent: { kind: 'snooze', alertId: flagshipAlert().systemAlertId, minutes } })),
    );
    const single = renderBlockKit(model, NOW);
    expect(JSON.stringify(single)).not.toContain('dtb.snooze');
  });

  it('renders the same output for the same input (pure)', () => {
    expect(renderBlockKit(model, NOW)).toEqual(msg);
  });

  it('splits more than 10 facts into several sections and keeps the buttons when content exceeds 50 blocks', () => {
    const alert = flagshipAlert({ what: Array.from({ length: 120 }, (_, i) => ({ kind: 'process' as const, commandLine: `cmd ${i}` })) });
    const many = renderBlockKit({ kind: 'investigation-result', result: {
      title: 't', answer: 'a', status: 'ok', tables: [], queries: [], links: [],
      facts: Array.from({ length: 25 }, (_, i) => ({ title: `f${i}`, value: `v${i}` })),
    } }, NOW);
    expect(many.blocks.filter((b) => fieldsOf(b).length > 0).map((b) => fieldsOf(b).length)).toEqual([10, 2]);
    expect(checkBlockKitLimits(renderBlockKit({ kind: 'alert', alert, state: { status: 'Active' } }, NOW))).toEqual([]);
    const long = adaptiveCardToBlockKit({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        ...Array.from({ length: 80 }, (_, i) => ({ type: 'TextBlock', text: `line ${i}` })),
        { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Who?', verb: 'dtb.investigate', data: { investigation: 'identity', alertId: 'a' } }] },
      ],
    });
    expect(checkBlockKitLimits(long)).toEqual([]);
    expect(long.blocks).toHaveLength(50);
    expect(long.blocks[47]).toMatchObject({ type: 'section', text: { text: 'line 47' } });
    expect(long.blocks[48]).toMatchObject({ type: 'context', elements: [{ text: '… 32 more blocks not shown' }] });
    expect(long.blocks[49]).toMatchObject({ type: 'actions', elements: [{ action_id: 'dtb.investigate.identity' }] });
  });

  it('investigation tables become one line per row, header in bold', () => {
    const out = renderBlockKit({ kind: 'investigation-result', result: {
      title: 'Who?', answer: 'RDP logon', status: 'ok', queries: [], links: [],
      tables: [{ title: 'Logons', columns: ['Account', 'IpAddress'], rows: [['WEB-VM-01\\svc-backup', '198.51.100.23']] }],
    } }, NOW);
    expect(out.blocks.map(textOf)).toContain('*Account* | *Ip Address*\nWEB-VM-01\\svc-backup | 198.51.100.23');
  });
});

describe("Slack's table block for compact result tables", () => {
  const result = (tables: { title: string; columns: string[]; rows: string[][] }[]): CardModel => ({
    kind: 'investigation-result',
    result: { title: 'Who?', answer: 'RDP logon', status: 'ok', queries: [], links: [], tables },
  });
  const logons = { title: 'Logons', columns: ['Account', 'IpAddress'], rows: [['WEB-VM-01\\svc-backup <!channel>', '198.51.100.23']] };
  const failures = { title: 'Failures', columns: ['Account', 'Count'], rows: [['svc-backup', '40']] };

  it('the first table becomes a table block (bold header row, raw_text cells, escaped); the next keeps its text lines', () => {
    const out = renderBlockKit(result([logons, failures]), NOW, { tables: true });
    expect(checkBlockKitLimits(out)).toEqual([]);
    const tables = out.blocks.filter((b) => b.type === 'table');
    expect(tables).toHaveLength(1);
    const rows = tables[0]!.rows as Record<string, unknown>[][];
    expect(JSON.stringify(rows[0])).toContain('"text":"Account","style":{"bold":true}');
    expect(rows[1]).toEqual([{ type: 'raw_text', text: 'WEB-VM-01\\svc-backup &lt;!channel&gt;' }, { type: 'raw_text', text: '198.51.100.23' }]);
    expect(tables[0]!.column_settings).toEqual([{ is_wrapped: true }, { is_wrapped: true }]);
    expect(out.blocks.map(textOf)).toContain('*Account* | *Count*\nsvc-backup | 40');
    expect(JSON.stringify(out)).not.toContain('tableBlock');
  });

  it('falls back to text lines: without the option, and for a table over 20 columns', () => {
    expect(renderBlockKit(result([logons]), NOW).blocks.some((b) => b.type === 'table')).toBe(false);
    const row = (n: number, v: string) => ({ type: 'TableRow', cells: Array.from({ length: n }, (_, i) => ({ type: 'TableCell', items: [{ type: 'TextBlock', text: `${v}${i}` }] })) });
    const acTable = (n: number, v: string) => ({ type: 'Table', firstRowAsHeader: true, columns: [], rows: [row(n, 'h'), row(n, v)] });
    const out = adaptiveCardToBlockKit({ type: 'AdaptiveCard', version: '1.5', body: [acTable(21, 'wide'), acTable(2, 'compact')] }, { tables: true });
    expect(checkBlockKitLimits(out)).toEqual([]);
    // The wide one stays text; the compact one after it gets the message's one table.
    expect(out.blocks.map(textOf).join('\n')).toContain('wide20');
    expect(out.blocks.filter((b) => b.type === 'table')).toHaveLength(1);
    expect(JSON.stringify(out.blocks.find((b) => b.type === 'table'))).toContain('compact1');
  });

  it('the limit check refuses two tables, too many cells and unknown cell types', () => {
    const t = { type: 'table', rows: [[{ type: 'raw_text', text: 'x' }]] };
    expect(checkBlockKitLimits({ text: 't', blocks: [t, t] })).toContain('blocks: more than one table');
    expect(checkBlockKitLimits({ text: 't', blocks: [{ type: 'table', rows: [Array(21).fill({ type: 'raw_text', text: 'x' })] }] })[0]).toMatch(/1\.\.20 cells/);
    expect(checkBlockKitLimits({ text: 't', blocks: [{ type: 'table', rows: [[{ type: 'mrkdwn', text: 'x' }]] }] })[0]).toMatch(/type: "mrkdwn"/);
  });
});

describe('limit checks report violations (they are used by other tests, so they must be able to fail)', () => {
  it('Block Kit', () => {
    const long = 'x'.repeat(3001);
    const bad = {
      text: '',
      blocks: [
        { type: 'header', text: { type: 'mrkdwn', text: 'x'.repeat(151) } },
        { type: 'section', text: { type: 'mrkdwn', text: long }, fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'y'.repeat(2001) })) },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'b'.repeat(76) }, action_id: 'a'.repeat(256), value: 'v'.repeat(2001) }] },
        ...Array.from({ length: 48 }, () => ({ type: 'divider' })),
      ],
    };
    const problems = checkBlockKitLimits(bad);
    for (const expected of ['text: missing', 'blocks: 51 > 50', 'blocks[0].text.type: must be plain_text', 'blocks[0].text.text: 151 > 150', 'blocks[1].text.text: 3001 > 3000', 'blocks[1].fields: 11 > 10', 'blocks[1].fields[0].text: 2001 > 2000', 'blocks[2].elements[0].text.text: 76 > 75', 'blocks[2].elements[0].action_id', 'blocks[2].elements[0].value: 2001 > 2000']) {
      expect(problems.some((p) => p.startsWith(expected))).toBe(true);
    }
    expect(SLACK.maxBlocks).toBe(50);
    const option = (text: string, value: string) => ({ text: { type: 'plain_text', text }, value });
    const select = (extra: object) => ({ type: 'static_select', action_id: 'dtb.input.severity', placeholder: { type: 'plain_text', text: 'Severity' }, options: [option('High', 'High')], ...extra });
    const selects = checkBlockKitLimits({
      text: 't',
      blocks: [
        { type: 'actions', elements: [select({ options: [option('x'.repeat(76), 'v'.repeat(151))], initial_option: option('Low', 'Low') })] },
        { type: 'actions', elements: [select({ placeholder: undefined, options: [] })] },
      ],
    });
    for (const expected of ['blocks[0].elements[0].options[0].text.text: 76 > 75', 'blocks[0].elements[0].options[0].value', 'blocks[0].elements[0].initial_option', 'blocks[1].elements[0].placeholder', 'blocks[1].elements[0].options: 0']) {
      expect(selects.some((p) => p.startsWith(expected))).toBe(true);
    }
    expect(checkBlockKitLimits({ text: 't', blocks: [{ type: 'actions', elements: [select({ initial_option: option('High', 'High') })] }] })).toEqual([]);
  });

  it('Teams', () => {
    expect(checkTeamsCardLimits({ type: 'AdaptiveCard', version: '1.4', body: [{ type: 'TextBlock', text: 'x'.repeat(30_000) }], refresh: { userIds: Array(61).fill('u') } })).toEqual([
      'version: "1.4", expected 1.5',
      expect.stringMatching(/^size: \d+ bytes > 28672$/),
      'refresh.userIds: 61 > 60',
    ]);
  });
});
