/**
 * The alert card answers who / where / what / when, shows the triage state, and its buttons go
 * through the action codec. Every card validates against the official 1.5 schema.
 */
import { decodeAction, encodeAction } from '../../../src/domain/action-codec';
import { BUDGETS } from '../../../src/adapters/cards/budget';
import { customViewData } from '../../../src/adapters/cards/custom-view';
import type { Alert } from '../../../src/domain/alert';
import type { AcElement, AdaptiveCard } from '../../../src/adapters/cards/adaptive-card';
import { checkTeamsCardLimits } from '../../../src/adapters/cards/limits';
import { renderAdaptiveCard } from '../../../src/adapters/cards/render-adaptive-card';
import type { AlertCardState, CardModel } from '../../../src/ports/card-model';
import { adaptiveCardSchemaErrors } from '../../helpers/adaptive-card-schema';
import { FLAGSHIP, flagshipAlert, makeAlert } from '../../helpers/alerts';
import { allElements, cardTexts, unescapeMd } from './card-walk';

const NOW = new Date('2026-11-26T02:28:04.000Z'); // 12 minutes after the flagship alert started

function alertCard(alert: Alert, state: Partial<AlertCardState> = {}): AdaptiveCard {
  return renderAdaptiveCard({ kind: 'alert', alert, state: { status: alert.status, ...state } }, NOW);
}

function expectValid(card: AdaptiveCard): void {
  expect(adaptiveCardSchemaErrors(card)).toEqual([]);
  expect(checkTeamsCardLimits(card)).toEqual([]);
}

function actions(card: AdaptiveCard): AcElement[] {
  return allElements(card).filter((e) => e.type === 'Action.Execute');
}

describe('alert card (Teams)', () => {
  const card = alertCard(flagshipAlert());
  const texts = cardTexts(card).map(unescapeMd);

  it('is a valid Adaptive Card 1.5 with full width in Teams', () => {
    expectValid(card);
    expect(card.version).toBe('1.5');
    expect(card.msteams).toEqual({ width: 'Full' });
  });

  it('shows what happened, with the severity colour and description', () => {
    const title = allElements(card).find((e) => e.type === 'TextBlock' && e.size === 'Large')!;
    expect(unescapeMd(String(title.text))).toBe('Medium · Suspicious PowerShell command line');
    expect(title.color).toBe('warning');
    expect(texts).toContain(flagshipAlert().description);
    expect(texts.some((t) => t.includes('Status: Active'))).toBe(true);
  });

  it.each([
    ['High', 'attention'],
    ['Medium', 'warning'],
    ['Low', 'accent'],
    ['Informational', 'default'],
  ] as const)('colours a %s alert %s', (severity, color) => {
    const title = allElements(alertCard(makeAlert({ severity })))!.find((e) => e.size === 'Large')!;
    expect(title.color).toBe(color);
  });

  it('answers who: the local account with its domain and SID, and warns there is no Entra ID identity', () => {
    expect(texts).toContain('WEB-VM-01\\svc-backup · local account · SID S-1-5-21-3623811015-3361044348-30300820-1013');
    const warning = allElements(card).find((e) => e.type === 'TextBlock' && String(e.text).includes('No Entra ID'))!;
    expect(unescapeMd(String(warning.text))).toBe('⚠ No Entra ID identity — local account only');
    expect(warning.color).toBe('attention');
  });

  it('shows no local-account warning when an account is an Entra ID one, or when no account is named', () => {
    const entra = flagshipAlert({
      hasEntraIdentity: true,
      who: [{ kind: 'account', name: 'alice', upn: 'alice@contoso.com', aadUserId: 'a1', isLocal: false, isEntra: true }],
    });
    for (const alert of [entra, flagshipAlert({ who: [] })]) {
      expect(cardTexts(alertCard(alert)).join('\n')).not.toContain('No Entra ID');
    }
    expect(cardTexts(alertCard(entra)).map(unescapeMd)).toContain('alice · Entra ID account · UPN alice@contoso.com · Entra ID object a1');
  });

  it('answers where: host, resource, subscription, resource group, workspace, with portal links', () => {
    for (const expected of ['web-vm-01 (Windows Server 2019)', FLAGSHIP.subscriptionId, 'rg-prod-web', `${FLAGSHIP.workspaceId} · rg rg-soc-monitoring`]) {
      expect(texts).toContain(expected);
    }
    const links = allElements(card).filter((e) => e.type === 'Action.OpenUrl').map((e) => e.url);
    // Built from the alert's ids (never copied from its alertUri, which our button stands for).
    expect(links).toEqual([
      `https://portal.azure.com/#blade/Microsoft_Azure_Security/AlertBlade/alertId/${flagshipAlert().systemAlertId}/subscriptionId/${FLAGSHIP.subscriptionId}/resourceGroup/rg-prod-web/referencedFrom/alertDeepLink/location/westeurope`,
      `https://portal.azure.com/#@/resource/subscriptions/${FLAGSHIP.subscriptionId}/resourceGroups/rg-prod-web/providers/Microsoft.Compute/virtualMachines/web-vm-01`,
    ]);
  });

  it('drops links that are not https (an alert cannot smuggle javascript: or http: links)', () => {
    const alert = flagshipAlert({
      portalUrl: 'javascript:alert(1)',
      resourceId: 'not-an-arm-id',
      links: [
        { label: 'x', href: 'http://evil.example/' },
        { label: 'report', href: 'https://contoso.com/report' },
      ],
    });
    const links = allElements(alertCard(alert)).filter((e) => e.type === 'Action.OpenUrl');
    expect(links.map((e) => [e.title, e.url])).toEqual([
      ['Open in Defender portal', expect.stringMatching(/^https:\/\/portal\.azure\.com\/#blade\/Microsoft_Azure_Security\/AlertBlade\/alertId\//)],
      ['Link in the alert: contoso.com', 'https://contoso.com/report'],
    ]);
  });

  it('answers what: MITRE tactics and techniques, the command line in monospace, IPs and URLs', () => {
    expect(texts).toContain('Execution, CommandAndControl');
    expect(texts).toContain('T1059, T1105, T1059.001');
    expect(texts).toContain(FLAGSHIP.downloadIp);
    expect(texts).toContain(FLAGSHIP.downloadUrl);
    const mono = allElements(card).filter((e) => e.fontType === 'Monospace');
    expect(mono.map((e) => unescapeMd(String(e.text)))).toEqual([FLAGSHIP.commandLine]);
  });

  it('answers when: start, end and generated in UTC and relative to the render time', () => {
    expect(texts).toContain('2026-11-26 02:16:04 UTC (12 min ago)');
    expect(texts).toContain('2026-11-26 02:16:41 UTC (11 min ago)');
    const later = renderAdaptiveCard({ kind: 'alert', alert: flagshipAlert(), state: { status: 'Active' } }, new Date('2026-11-26T05:16:04Z'));
    expect(cardTexts(later).map(unescapeMd)).toContain('2026-11-26 02:16:04 UTC (3 h ago)');
  });

  it('has Who? / Correlate / Analyze and vote buttons that decode to their intents, with a Submit fallback carrying the verb', () => {
    const alertId = flagshipAlert().systemAlertId;
    const buttons = actions(card);
    expect(buttons.map((b) => b.title)).toEqual(['Who?', 'Correlate', 'Analyze', 'True positive', 'Benign positive', 'False positive']);
    const intents = buttons.map((b) => decodeAction(String(b.verb), b.data));
    expect(intents).toEqual([
      { ok: true, intent: { kind: 'investigate', investigation: 'identity', alertId } },
      { ok: true, intent: { kind: 'investigate', investigation: 'correlation', alertId } },
      { ok: true, intent: { kind: 'investigate', investigation: 'analyze', alertId } },
      { ok: true, intent: expect.objectContaining({ kind: 'vote', verdict: 'true-positive', alertId }) },
      { ok: true, intent: expect.objectContaining({ kind: 'vote', verdict: 'benign-positive', alertId }) },
      { ok: true, intent: expect.objectContaining({ kind: 'vote', verdict: 'false-positive', alertId }) },
    ]);
    for (const b of buttons) {
      const fallback = b.fallback as { type: string; title: string; data: Record<string, string> };
      expect(fallback.type).toBe('Action.Submit');
      expect(fallback.title).toBe(b.title);
      expect(decodeAction(fallback.data.verb!, fallback.data)).toEqual(decodeAction(String(b.verb), b.data));
    }
  });

  it('has a compact severity choice right above the vote buttons, preselected with the alert severity, then the decided one', () => {
    const alertId = flagshipAlert().systemAlertId;
    const body = card.body;
    const at = body.findIndex((e) => e.type === 'Input.ChoiceSet');
    const choice = body[at]!;
    expect(choice).toMatchObject({ id: 'severity', style: 'compact', value: 'Medium' });
    expect((choice.choices as { value: string }[]).map((c) => c.value)).toEqual(['High', 'Medium', 'Low', 'Informational']);
    const votes = body[at + 1]!.actions as AcElement[];
    expect(votes.map((a) => a.title)).toEqual(['True positive', 'Benign positive', 'False positive']);
    // What Teams and the browser renderer send: the button's data with the input values merged in.
    const vote = votes[0]!;
    expect(decodeAction(String(vote.verb), { ...(vote.data as object), severity: 'High' })).toMatchObject({ ok: true, intent: { kind: 'vote', alertId, severity: 'High' } });
    const fallback = vote.fallback as { data: Record<string, string> };
    expect(decodeAction(fallback.data.verb!, { ...fallback.data, severity: 'Low' })).toMatchObject({ ok: true, intent: { kind: 'vote', severity: 'Low' } });
    // Investigations take no inputs: a Who? click does not carry the severity along.
    for (const a of actions(card).filter((a) => a.verb === 'dtb.investigate')) {
      expect(a.associatedInputs).toBe('none');
      expect((a.fallback as AcElement).associatedInputs).toBe('none');
    }
    const decided = alertCard(flagshipAlert(), { decision: { verdict: 'true-positive', severity: 'Low', decidedBy: ['alice'], at: '2026-11-26T02:21:00Z' } });
    expectValid(decided);
    // Decided: no severity choice and no vote buttons (votes would not count); a Reopen button instead.
    expect(decided.body.find((e) => e.type === 'Input.ChoiceSet')).toBeUndefined();
    expect(actions(decided).filter((a) => a.verb === 'dtb.vote')).toEqual([]);
    const reopen = actions(decided).find((a) => a.verb === 'dtb.reopen')!;
    expect(reopen.title).toMatch(/Reopen/);
    expect(decodeAction(String(reopen.verb), reopen.data)).toMatchObject({ ok: true, intent: { kind: 'reopen', alertId } });
    expect(actions(card).filter((a) => a.verb === 'dtb.reopen')).toEqual([]);
    const odd = alertCard(flagshipAlert({ severity: '${title}' as never }));
    expectValid(odd);
    expect(odd.body.find((e) => e.type === 'Input.ChoiceSet')!.value).toBe('');
  });

  it('shows the live state: running investigations, tally with voters, decision, group count, snooze, notice', () => {
    const stateful = alertCard(flagshipAlert(), {
      status: 'InProgress',
      running: ['Who?'],
      groupCount: 3,
      tally: {
        counts: { 'true-positive': 2, 'benign-positive': 0, 'false-positive': 1 },
        votes: [
          { voter: 'alice', verdict: 'true-positive', severity: 'Medium', at: '2026-11-26T02:20:00Z' },
          { voter: 'bob', verdict: 'true-positive', at: '2026-11-26T02:21:00Z' },
          { voter: 'carol', verdict: 'false-positive', at: '2026-11-26T02:22:00Z' },
        ],
        quorum: 2,
      },
      decision: { verdict: 'true-positive', severity: 'Medium', decidedBy: ['alice', 'bob'], at: '2026-11-26T02:21:00Z' },
      snooze: { until: '2026-11-26T04:00:00Z', by: 'dave' },
      notice: 'Write-back to Defender failed: 403',
    });
    expectValid(stateful);
    const t = cardTexts(stateful).map(unescapeMd);
    expect(t.some((x) => x.startsWith('Status: InProgress · ×3 alerts'))).toBe(true);
    expect(t).toContain('Who?…');
    expect(t).toContain('True positive: 2 · Benign positive: 0 · False positive: 1 (quorum 2)');
    expect(t).toContain('alice → True positive (Medium); bob → True positive; carol → False positive');
    expect(t).toContain('True positive (Medium), decided by alice, bob at 2026-11-26 02:21:00 UTC');
    expect(t).toContain('until 2026-11-26 04:00:00 UTC by dave');
    expect(t).toContain('Write-back to Defender failed: 403');
  });
});

describe('storm group card (Teams)', () => {
  const snoozeActions = (card: AdaptiveCard) => actions(card).filter((a) => String(a.verb).startsWith('dtb.snooze'));
  const alertId = flagshipAlert().systemAlertId;

  it('a group card offers Snooze 1 h / 4 h / 24 h, encoded by the codec, next to the counter', () => {
    const card = alertCard(flagshipAlert(), { groupCount: 7, snoozedCount: 2 });
    expectValid(card);
    const buttons = snoozeActions(card);
    expect(buttons.map((a) => a.title)).toEqual(['Snooze 1 h', 'Snooze 4 h', 'Snooze 24 h']);
    for (const [i, minutes] of [60, 240, 1440].entries()) {
      const a = buttons[i]!;
      expect(a).toMatchObject(encodeAction({ kind: 'snooze', alertId, minutes }));
      expect(decodeAction(String(a.verb), a.data)).toEqual({ ok: true, intent: { kind: 'snooze', alertId, minutes } });
      const fallback = a.fallback as { data: Record<string, string> };
      expect(decodeAction(fallback.data.verb!, fallback.data)).toEqual({ ok: true, intent: { kind: 'snooze', alertId, minutes } });
      expect(a.associatedInputs).toBe('none'); // the severity choice is for votes only
    }
    const t = cardTexts(card).map(unescapeMd);
    expect(t).toContain('7 alerts of this type on this resource; later ones go to this thread · 2 held back by a snooze (stored and counted, not posted)');
    // The storm section comes right under the title, before the description.
    expect(t.indexOf('Alert storm')).toBeLessThan(t.indexOf(flagshipAlert().description));
  });

  it('a single alert\'s card has no snooze buttons and no storm section', () => {
    for (const state of [{}, { groupCount: 1 }]) {
      const card = alertCard(flagshipAlert(), state);
      expect(snoozeActions(card)).toEqual([]);
      expect(cardTexts(card)).not.toContain('Alert storm');
    }
  });

  it('shows who snoozed and until when beside the counter, and still offers the buttons (to change it)', () => {
    const card = alertCard(flagshipAlert(), { groupCount: 4, snooze: { until: '2026-11-26T03:28:04.000Z', by: 'Ana *bold*' } });
    expectValid(card);
    const storm = card.body.find((e) => e.type === 'Container' && JSON.stringify(e).includes('Alert storm'))!;
    const facts = allElements({ ...card, body: [storm] }).find((e) => e.type === 'FactSet')!.facts as { title: string; value: string }[];
    expect(facts.map((f) => [f.title, unescapeMd(f.value)])).toEqual([
      ['Storm', '4 alerts of this type on this resource; later ones go to this thread'],
      ['Snoozed', 'until 2026-11-26 03:28:04 UTC by Ana *bold*'],
    ]);
    expect(snoozeActions(card)).toHaveLength(3);
  });

  it('a group card of a huge alert still fits 28 KB, keeping the snooze buttons', () => {
    const huge = flagshipAlert({ description: 'x'.repeat(60_000), tactics: Array.from({ length: 300 }, (_, i) => `Tactic ${i} ${'y'.repeat(50)}`) });
    const card = alertCard(huge, { groupCount: 1000, snooze: { until: '2026-11-26T04:00:00Z', by: 'z'.repeat(5000) } });
    expectValid(card);
    expect(snoozeActions(card)).toHaveLength(3);
  });
});

describe('other cards', () => {
  const models: [string, CardModel][] = [
    [
      'investigation result',
      {
        kind: 'investigation-result',
        result: {
          alertId: 'a1',
          title: 'Who? — web-vm-01',
          answer: 'WEB-VM-01\\svc-backup logged on over RDP from 198.51.100.23 at 02:13 UTC.',
          status: 'ok',
          facts: [{ title: 'Window', value: '01:16–02:46 UTC' }],
          tables: [{ title: 'Logons', columns: ['TimeGenerated', 'Account', 'LogonType', 'IpAddress'], rows: [['2026-11-26T02:13:00Z', 'WEB-VM-01\\svc-backup', '10', '198.51.100.23']] }],
          queries: [{ name: 'Logons', query: "SecurityEvent | where Computer =~ 'web-vm-01' | take 50" }],
          links: [{ label: 'Open in Log Analytics', href: 'https://portal.azure.com/#blade/Microsoft_OperationsManagementSuite_Workspace/Logs.ReactView' }],
        },
      },
    ],
    ['notice', { kind: 'notice', title: 'Not available yet', text: 'Voting lands with issue 5.', tone: 'warning' }],
    ['custom', { kind: 'custom', template: 'notice', data: { hasTitle: true, title: 'T', text: '*x*', color: 'good' }, fallbackText: 'T: x' }],
  ];

  it('an investigation with nothing found is a short valid card, without empty tables', () => {
    const card = renderAdaptiveCard({ kind: 'investigation-result', result: { title: 'Correlate', answer: 'No related alerts.', status: 'no-rows', tables: [{ title: 'x', columns: [], rows: [] }], queries: [], links: [] } }, NOW);
    expectValid(card);
    expect(allElements(card).map((e) => e.type)).not.toContain('Table');
  });

  it.each(models)('%s validates and fits', (_name, model) => {
    expectValid(renderAdaptiveCard(model, NOW));
  });

  it('investigation result: answer first, status visible, evidence as a Table, KQL in monospace, Log Analytics link', () => {
    const card = renderAdaptiveCard(models[0]![1], NOW);
    const body = allElements(card);
    const texts = cardTexts(card).map(unescapeMd);
    expect(texts.indexOf('WEB-VM-01\\svc-backup logged on over RDP from 198.51.100.23 at 02:13 UTC.')).toBeLessThan(texts.indexOf('Logons'));
    expect(body.find((e) => e.color === 'good')?.text).toBe('✔ Completed');
    const tableEl = body.find((e) => e.type === 'Table')!;
    expect((tableEl.rows as unknown[]).length).toBe(2);
    expect(texts).toContain('198.51.100.23');
    expect(body.filter((e) => e.fontType === 'Monospace').map((e) => unescapeMd(String(e.text)))).toEqual([
      "SecurityEvent | where Computer =~ 'web-vm-01' | take 50",
    ]);
    expect(body.find((e) => e.type === 'Action.OpenUrl')?.title).toBe('Open in Log Analytics');
  });

  it.each([
    ['partial', 'warning'],
    ['no-rows', 'default'],
    ['failed', 'attention'],
  ] as const)('investigation status %s is shown in %s', (status, color) => {
    const model = models[0]![1] as Extract<CardModel, { kind: 'investigation-result' }>;
    const card = renderAdaptiveCard({ ...model, result: { ...model.result, status } }, NOW);
    expect(allElements(card)[1]).toMatchObject({ color });
  });

  it('custom: an unknown template name or a path is refused with a message that names it', () => {
    expect(() => renderAdaptiveCard({ kind: 'custom', template: '../package', data: {}, fallbackText: 'x' })).toThrow(/card template name/);
    expect(() => renderAdaptiveCard({ kind: 'custom', template: 'no-such-card', data: {}, fallbackText: 'x' })).toThrow(/no card template cards\/no-such-card.json/);
  });
});

describe('custom cards', () => {
  it('escape every text leaf but keep codec-encoded buttons as button data (ids with - . _ survive)', () => {
    const ack = encodeAction({ kind: 'handoff-ack', handoffId: 'shift-2026.11.27_a' });
    expect(customViewData({ ack, note: 'a-b' }, BUDGETS[0]!)).toEqual({
      ack: { verb: 'dtb.handoff-ack', data: { handoffId: 'shift-2026.11.27_a' }, submitData: { handoffId: 'shift-2026.11.27_a', verb: 'dtb.handoff-ack' } },
      note: 'a\\-b',
    });
  });
});
