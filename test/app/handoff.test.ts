/**
 * Shift handoff end to end on a real store: a shift of 50 alerts with votes cast through the vote
 * use case at known times gives hand-computed MTTA/MTTR; the posted cards fit every platform's
 * limits; notes, carried-over alerts, the Acknowledge button (audited) and the scheduler's claim.
 */
import { renderAdaptiveCard } from '../../src/adapters/cards/render-adaptive-card';
import { renderBlockKit } from '../../src/adapters/cards/render-block-kit';
import { checkBlockKitLimits, checkTeamsCardLimits } from '../../src/adapters/cards/limits';
import type { SqlStore } from '../../src/adapters/store/open-store';
import { castVote } from '../../src/app/cast-vote';
import type { AppDeps } from '../../src/app/deps';
import { acknowledgeHandoff, addHandoffNote, requestHandoff, summarize } from '../../src/app/handoff';
import { postScheduledHandoff, startHandoffScheduler } from '../../src/app/handoff-scheduler';
import { handleIntent } from '../../src/app/handle-intent';
import { ingestAlert, ingestRaw } from '../../src/app/ingest-alert';
import { handoffThread } from '../../src/app/handoff-card';
import { OutboxWorker } from '../../src/app/outbox-worker';
import { decodeAction } from '../../src/domain/action-codec';
import { parseShifts, previousShift, type ShiftSchedule } from '../../src/domain/handoff/shifts';
import type { Actor, Verdict } from '../../src/domain/intent';
import type { CardModel } from '../../src/ports/card-model';
import { makeAlert } from '../helpers/alerts';
import type { RecordingSurface } from '../helpers/recording-surface';
import { openTestStore } from '../adapters/store/test-databases';
import { triageDeps, type TestClock } from './triage-test-deps';

const MIN = 60_000;
const SHIFT_START = Date.parse('2026-11-27T06:00:00.000Z'); // 07:00 Berlin
const BOUNDARY = Date.parse('2026-11-27T14:00:00.000Z'); // 15:00 Berlin
const schedule = (): ShiftSchedule => {
  const r = parseShifts('Europe/Berlin 07:00,15:00,23:00');
  if (!r.ok) throw new Error(r.reason);
  return r.schedule;
};
const analyst = (n: number): Actor => ({ platform: 'slack', userId: `U${n}`, displayName: `analyst ${n} <!channel>` });

describe('shift handoff', () => {
  let store: SqlStore;
  let dispose: () => Promise<void>;
  let deps: AppDeps;
  let web: RecordingSurface;
  let clock: TestClock;

  beforeEach(async () => {
    ({ store, dispose } = await openTestStore('sqlite'));
    ({ deps, web, clock } = triageDeps(store, { voteQuorum: 2, shifts: schedule(), handoffRoutes: [{ platform: 'web', channelId: 'handoff' }] }));
  });
  afterEach(async () => dispose());

  async function voteAt(at: number, who: Actor, alertId: string, verdict: Verdict) {
    clock.t = at;
    const r = await castVote({ intent: { kind: 'vote', alertId, verdict }, actor: who, origin: { platform: 'web', channelId: 'soc' } }, deps);
    await r.followUp;
  }

  /**
   * 50 alerts, alert i generated at 06:00 + 9·i min. First vote (i mod 5 + 1)·2 min later: delays
   * 2, 4, 6, 8, 10 min, ten times each → MTTA = 6 min. Even i get a second agreeing vote 10 min
   * after the first, which decides (quorum 2): the 25 even i have i mod 5 = 0,2,4,1,3 five times
   * each → first-vote delays average 6 min → MTTR = 6 + 10 = 16 min. Odd i stay at one vote.
   */
  async function givenBusyShift() {
    for (let i = 0; i < 50; i++) {
      const generated = SHIFT_START + 9 * i * MIN;
      const id = `shift-alert-${String(i).padStart(2, '0')}`;
      await store.alerts.save(
        makeAlert({ systemAlertId: id, displayName: `Alert ${i} [x](http://evil.example) ${'long '.repeat(60)}`, severity: (['High', 'Medium', 'Low', 'Informational'] as const)[i % 4], generatedTime: new Date(generated).toISOString() }),
        { receivedAt: new Date(generated).toISOString() },
      );
      const first = generated + (((i % 5) + 1) * 2) * MIN;
      await voteAt(first, analyst(1), id, 'true-positive');
      if (i % 2 === 0) await voteAt(first + 10 * MIN, analyst(2), id, 'true-positive');
    }
    // Carried over from the night shift, still open; and one closed in Defender (not open).
    await store.alerts.save(makeAlert({ systemAlertId: 'night-open', displayName: 'Night alert', generatedTime: '2026-11-27T01:00:00.000Z' }), { receivedAt: '2026-11-27T01:00:00.000Z' });
    await store.alerts.save(makeAlert({ systemAlertId: 'night-closed', status: 'Resolved', generatedTime: '2026-11-27T01:30:00.000Z' }), { receivedAt: '2026-11-27T01:30:00.000Z' });
    clock.t = SHIFT_START + 400 * MIN;
    await addHandoffNote({ intent: { kind: 'handoff-note', note: 'web-vm-01 isolated; ask *infra* about ${svc-backup}' }, actor: analyst(1), origin: { platform: 'web', channelId: 'soc' } }, deps);
    web.calls.length = 0;
  }

  it('gives MTTA and MTTR equal to the hand-computed values over a shift of 50 alerts', async () => {
    await givenBusyShift();
    const summary = await summarize(previousShift(schedule(), new Date(BOUNDARY + 30_000)), deps);
    expect(summary.total).toBe(50);
    expect(summary.metrics).toEqual({ mttaMs: 6 * MIN, mttrMs: 16 * MIN, acknowledged: 50, decided: 25 });
    expect(summary.bySeverity).toEqual([
      { severity: 'High', count: 13 },
      { severity: 'Medium', count: 13 },
      { severity: 'Low', count: 12 },
      { severity: 'Informational', count: 12 },
    ]);
    expect(summary.decided).toHaveLength(25);
    expect(summary.decided[0]).toMatchObject({ verdict: 'true-positive', deciders: ['analyst 1 <!channel>', 'analyst 2 <!channel>'] });
    expect(summary.open.map((o) => o.alertId).slice(0, 3)).toEqual(['night-open', 'shift-alert-01', 'shift-alert-03']);
    expect(summary.open).toHaveLength(26);
    expect(summary.pendingVotes).toHaveLength(25);
    expect(summary.notes).toEqual([{ author: 'analyst 1 <!channel>', text: 'web-vm-01 isolated; ask *infra* about ${svc-backup}', at: new Date(SHIFT_START + 400 * MIN).toISOString() }]);
  });

  it('posts a root card and a thread at the boundary that fit every platform, once across replicas', async () => {
    await givenBusyShift();
    clock.t = BOUNDARY + 30_000;
    expect(await postScheduledHandoff(deps, schedule(), clock.now())).toBe(true);
    expect(await postScheduledHandoff(deps, schedule(), clock.now())).toBe(false); // another replica: already claimed

    const [root, ...rest] = web.calls;
    if (root?.op !== 'post' || root.card.kind !== 'custom') throw new Error('expected the handoff root post');
    expect(root.channelId).toBe('handoff');
    expect(rest.every((c) => c.op === 'reply' && c.root.messageId === root.ref.messageId)).toBe(true);
    const facts = root.card.data.facts as { title: string; value: string }[];
    expect(facts).toContainEqual({ title: 'MTTA (alert → first vote)', value: '6 min over 50 alert(s)' });
    expect(facts).toContainEqual({ title: 'MTTR (alert → decision)', value: '16 min over 25 alert(s)' });

    const cards: CardModel[] = web.calls.map((c) => c.card);
    expect(cards.length).toBeGreaterThan(6); // sections split into messages
    for (const card of cards) {
      const teams = renderAdaptiveCard(card);
      const slack = renderBlockKit(card);
      expect(checkTeamsCardLimits(teams)).toEqual([]);
      expect(checkBlockKitLimits(slack)).toEqual([]);
      const json = JSON.stringify(slack);
      expect(json).not.toContain('<!channel>'); // display names are escaped for Slack
      expect(JSON.stringify(teams)).not.toContain('](http://evil.example)'); // alert text is not a link
    }
    const slackText = JSON.stringify(cards.map((c) => renderBlockKit(c)));
    expect(slackText).toContain('${svc-backup}'); // data is never expanded as a template

    // The Acknowledge button decodes to the handoff it belongs to, on Teams and Slack.
    const teamsRoot = renderAdaptiveCard(root.card);
    const action = JSON.stringify(teamsRoot).match(/"verb":"(dtb\.handoff-ack)","data":(\{[^}]*\})/);
    expect(action).not.toBeNull();
    const decoded = decodeAction(action![1]!, JSON.parse(action![2]!));
    expect(decoded).toEqual({ ok: true, intent: { kind: 'handoff-ack', handoffId: 's20261127T140000Z' } });
  });

  it('records the acknowledgment once, in the audit log, and marks the card', async () => {
    clock.t = BOUNDARY + 30_000;
    await postScheduledHandoff(deps, schedule(), clock.now());
    const rootRef = web.calls[0]!;
    clock.t = BOUNDARY + 5 * MIN;
    const incoming: Actor = { platform: 'teams', userId: 'aad-9', displayName: 'Ines' };
    const ack = await acknowledgeHandoff({ intent: { kind: 'handoff-ack', handoffId: 's20261127T140000Z' }, actor: incoming, origin: { platform: 'web', channelId: 'handoff' } }, deps);
    await ack.followUp;
    expect(ack.reply).toMatchObject({ tone: 'good', text: expect.stringContaining('Acknowledged by Ines at 14:05 UTC') });
    const audit = await store.audit.since('1970-01-01');
    expect(audit).toEqual([
      expect.objectContaining({ action: 'handoff-ack', actor: 'teams:aad-9 (Ines)', at: '2026-11-27T14:05:00.000Z', after: { handoffId: 's20261127T140000Z', acknowledgedBy: 'teams:aad-9 (Ines)' } }),
    ]);
    const updated = web.calls.find((c) => c.op === 'update');
    expect(updated?.op === 'update' && updated.message.messageId).toBe(rootRef.op === 'post' ? rootRef.ref.messageId : '');
    const card = updated?.card;
    expect(card?.kind === 'custom' && card.data.acknowledged).toBe('Acknowledged by Ines at 14:05 UTC');
    expect(JSON.stringify(renderAdaptiveCard(card!))).not.toContain('dtb.handoff-ack'); // the button is gone

    const again = await acknowledgeHandoff({ intent: { kind: 'handoff-ack', handoffId: 's20261127T140000Z' }, actor: analyst(3), origin: { platform: 'web', channelId: 'handoff' } }, deps);
    expect(again.reply).toMatchObject({ text: expect.stringContaining('Already acknowledged by teams:aad-9 (Ines)') });
    expect((await store.audit.since('1970-01-01')).length).toBe(1);
  });

  it('lists the storms snoozed during the shift: who, until when, how many alerts were held; the held alerts too', async () => {
    const rdp = (n: number, minute: number) =>
      makeAlert({
        systemAlertId: `rdp-${n}`,
        displayName: 'RDP brute force <!channel>',
        alertType: 'VM_RdpBruteForce',
        resourceId: '/subscriptions/s1/resourceGroups/rg-prod-web/providers/Microsoft.Compute/virtualMachines/web-vm-01',
        resourceName: 'web-vm-01',
        generatedTime: new Date(SHIFT_START + 60 * MIN + minute * MIN).toISOString(),
      });
    const drain = () => new OutboxWorker(deps, { owner: 'handoff-test' }).drainAll();
    clock.t = SHIFT_START + 60 * MIN; // 07:00 UTC
    for (const n of [1, 2, 3]) await ingestAlert(rdp(n, n), deps);
    await drain();
    clock.t = SHIFT_START + 70 * MIN;
    const ana: Actor = { platform: 'slack', userId: 'U7', displayName: 'Ana' };
    // rdp-3 started the storm: rdp-1's card became the group card, and the snooze is set there.
    await handleIntent({ intent: { kind: 'snooze', alertId: 'rdp-1', minutes: 240 }, actor: ana, origin: { platform: 'web', channelId: 'soc' } }, deps);
    for (const n of [4, 5, 6, 7]) {
      clock.t = SHIFT_START + (70 + n) * MIN;
      await ingestAlert(rdp(n, 10 + n), deps);
    }
    await drain();
    const shown = web.calls.filter((c) => c.op !== 'update').map((c) => (c.card.kind === 'alert' ? c.card.alert.systemAlertId : ''));
    expect(shown.sort()).toEqual(['rdp-1', 'rdp-2', 'rdp-3']);

    const summary = await summarize(previousShift(schedule(), new Date(BOUNDARY + 30_000)), deps);
    expect(summary.snoozed).toEqual([
      {
        alertId: 'rdp-1',
        title: 'RDP brute force <!channel>',
        alertType: 'VM_RdpBruteForce',
        resource: 'web-vm-01',
        by: 'Ana',
        setAt: '2026-11-27T07:10:00.000Z',
        until: '2026-11-27T11:10:00.000Z',
        held: 4,
      },
    ]);
    // The held alerts are not dropped from the shift's alerts either.
    expect(summary.alerts.map((a) => a.alertId)).toEqual(['rdp-1', 'rdp-2', 'rdp-3', 'rdp-4', 'rdp-5', 'rdp-6', 'rdp-7']);

    web.calls.length = 0;
    clock.t = BOUNDARY + 30_000;
    expect(await postScheduledHandoff(deps, schedule(), clock.now())).toBe(true);
    const [root, ...thread] = web.calls.map((c) => c.card);
    expect(root?.kind === 'custom' && root.data.facts).toContainEqual({ title: 'Snoozed storms', value: '1 (4 alert(s) held, listed in the thread)' });
    const section = thread.find((c) => c.kind === 'custom' && String(c.data.title).startsWith('Snoozed storms'));
    expect(section?.kind === 'custom' && section.data.items).toEqual([
      {
        text: 'RDP brute force <!channel> (VM_RdpBruteForce) on web-vm-01 — snoozed by Ana at 2026-11-27 07:10 UTC until 2026-11-27 11:10 UTC; 4 alert(s) held this shift',
      },
    ]);
    for (const card of [root!, ...thread]) {
      expect(checkTeamsCardLimits(renderAdaptiveCard(card))).toEqual([]);
      expect(checkBlockKitLimits(renderBlockKit(card))).toEqual([]);
      expect(JSON.stringify(renderBlockKit(card))).not.toContain('<!channel>');
    }
  });

  it('says so when nothing was snoozed', async () => {
    clock.t = BOUNDARY + 30_000;
    await postScheduledHandoff(deps, schedule(), clock.now());
    const cards = web.calls.map((c) => c.card);
    expect(cards[0]?.kind === 'custom' && cards[0].data.facts).toContainEqual({ title: 'Snoozed storms', value: '0' });
    expect(cards.some((c) => c.kind === 'custom' && JSON.stringify(c.data.items) === '[{"text":"Nothing was snoozed."}]')).toBe(true);
  });

  it('/handoff posts the current shift so far in the channel it was asked from', async () => {
    await store.alerts.save(makeAlert({ systemAlertId: 'early', generatedTime: '2026-11-27T06:10:00.000Z' }), { receivedAt: '2026-11-27T06:10:00.000Z' });
    clock.t = Date.parse('2026-11-27T09:00:00.000Z');
    const result = await requestHandoff({ intent: { kind: 'handoff' }, actor: analyst(1), origin: { platform: 'web', channelId: 'soc' } }, deps);
    expect(result.reply).toMatchObject({ text: expect.stringContaining('07:00–15:00 Europe/Berlin') });
    await result.followUp;
    const root = web.calls[0];
    expect(root?.op === 'post' && root.channelId).toBe('soc');
    expect(root?.card.kind === 'custom' && root.card.data.period).toBe('2026-11-27 06:00 UTC – 2026-11-27 09:00 UTC');
  });
  it('counts a time-unknown alert in the shift it was received in, aged from that receipt and saying so', async () => {
    clock.t = Date.parse('2026-11-27T08:00:00.000Z');
    await ingestRaw({ SystemAlertId: 'no-time-1', AlertDisplayName: 'No time of its own', CompromisedEntity: 'web-vm-01', StartTimeUtc: 'not a time' }, deps);
    clock.t = Date.parse('2026-11-27T09:00:00.000Z');
    const summary = await summarize({ start: new Date(SHIFT_START), end: new Date(clock.t), label: 'day' }, deps);
    expect(summary.alerts.map((a) => a.alertId)).toEqual(['no-time-1']);
    const lines = handoffThread(summary).flatMap((c) => (c.kind === 'custom' ? ((c.data.items ?? []) as { text: string }[]).map((i) => i.text) : []));
    expect(lines).toContain('No time of its own — Medium, Active, received 1 h 00 min ago (time unknown), 0 vote(s)');
  });

  it('the scheduler posts when a boundary passes, once', async () => {
    clock.t = BOUNDARY - MIN;
    const stop = startHandoffScheduler(deps, schedule(), 5);
    try {
      await new Promise((r) => setTimeout(r, 40));
      expect(web.posts()).toHaveLength(0);
      clock.t = BOUNDARY + 1000;
      for (let i = 0; i < 100 && web.posts().length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 40));
      expect(web.posts()).toHaveLength(1);
      expect(await store.handoffs.get('s20261127T140000Z')).toMatchObject({ shiftStart: '2026-11-27T06:00:00.000Z', postedBy: 'scheduler' });
    } finally {
      stop();
    }
  });
});
