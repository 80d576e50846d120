/**
 * Ingest → durable outbox → chat surface: each alert posted once per routed channel, whatever is
 * delivered twice, whoever crashes; storms grouped with a live counter; snoozes kept and counted.
 */
import { renderAdaptiveCard } from '../../src/adapters/cards/render-adaptive-card';
import type { SqlStore } from '../../src/adapters/store/open-store';
import { type AppDeps, defaultSettings, silentLogger, type Route } from '../../src/app/deps';
import { handleIntent } from '../../src/app/handle-intent';
import { ingestAlert } from '../../src/app/ingest-alert';
import { nextClaimSize, OutboxWorker } from '../../src/app/outbox-worker';
import { decodeAction } from '../../src/domain/action-codec';
import type { Intent } from '../../src/domain/intent';
import type { CardModel } from '../../src/ports/card-model';
import { makeAlert } from '../helpers/alerts';
import { openTestStore } from '../adapters/store/test-databases';
import { RecordingSurface } from './outbox-recording-surface';

const T0 = Date.parse('2026-11-27T02:00:00.000Z');

function setup(store: SqlStore, routes: Route[] = [{ platform: 'slack', channelId: 'C1' }]) {
  const slack = new RecordingSurface('slack');
  const clock = { t: T0, now: () => new Date(clock.t) };
  const deps: AppDeps = {
    store,
    surfaces: { slack },
    clock,
    logger: silentLogger,
    settings: { ...defaultSettings, stormWindowMinutes: 30, stormThreshold: 3 },
    routes: () => routes,
  };
  const worker = (owner = 'replica-a', leaseMs = 10_000) => new OutboxWorker(deps, { owner, leaseMs, random: () => 0.5 });
  return { slack, clock, deps, worker };
}

const alertAt = (id: string, minute: number, over = {}) =>
  makeAlert({ systemAlertId: id, alertType: `Type_${id}`, generatedTime: new Date(T0 + minute * 60_000).toISOString(), ...over });

const byAlert = <T extends { alertId?: string }>(messages: T[]): Record<string, T> =>
  Object.fromEntries(messages.map((m) => [m.alertId ?? '', m]));
const groupCount = (card: CardModel) => (card.kind === 'alert' ? card.state.groupCount : undefined);

/** The intents of a card's snooze buttons, as a click on the rendered card sends them back. */
const snoozeClicks = (card: CardModel): Intent[] =>
  [...JSON.stringify(renderAdaptiveCard(card)).matchAll(/"verb":"(dtb\.snooze)","data":(\{[^}]*\})/g)].map((m) => {
    const decoded = decodeAction(m[1]!, JSON.parse(m[2]!));
    if (!decoded.ok) throw new Error(decoded.reason);
    return decoded.intent;
  });

describe('durable outbox', () => {
  let store: SqlStore;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ store, dispose } = await openTestStore('sqlite')));
  afterEach(async () => dispose());

  it('posts each alert once per routed channel, however often it is delivered', async () => {
    const { slack, deps, worker } = setup(store, [
      { platform: 'slack', channelId: 'C1' },
      { platform: 'slack', channelId: 'C2' },
    ]);
    for (const id of ['a', 'b', 'a', 'b', 'a']) await ingestAlert(alertAt(id, 0), deps);
    await worker().drainAll();
    await ingestAlert(alertAt('a', 0), deps);
    await worker().drainAll();
    expect(slack.roots().map((m) => `${m.alertId}@${m.ref.channelId}`).sort()).toEqual(['a@C1', 'a@C2', 'b@C1', 'b@C2']);
    expect((await store.messages.findRoot('a', 'slack', 'C2'))?.messageId).toBeDefined();
    expect(await store.outbox.counts()).toEqual({ pending: 0, done: 4, dead: 0 });
  });

  it('after a crash between posting and recording, finds the post instead of posting again', async () => {
    const { slack, deps, worker, clock } = setup(store);
    await ingestAlert(alertAt('a', 0), deps);
    // A replica posts, then dies before it records the post: the message exists, no ref is stored.
    const [row] = await store.outbox.claim('dead-replica', 10, clock.t, 10_000);
    await slack.post('C1', { kind: 'notice', tone: 'info', text: 'x' }, { alertId: row.alertId });
    clock.t += 10_001; // its lease runs out
    await worker('replica-b').drainAll();
    expect(slack.roots().filter((m) => m.alertId === 'a')).toHaveLength(1);
    expect((await store.messages.findRoot('a', 'slack', 'C1'))?.messageId).toBe(slack.roots()[0].ref.messageId);
  });

  it("after a crash between replying and recording, finds a storm member's reply in the thread instead of replying again", async () => {
    const { slack, deps, worker, clock } = setup(store);
    const storm = (id: string, minute: number) => alertAt(id, minute, { alertType: 'VM_RdpBruteForce', resourceId: '/subs/x/vm/web-vm-01' });
    for (const [id, minute] of [['s1', 0], ['s2', 1]] as const) await ingestAlert(storm(id, minute), deps);
    await worker().drainAll();
    await ingestAlert(storm('s3', 2), deps); // the third: s1's card becomes the group card, s3 a reply in its thread
    // A replica replies as the outbox does, then dies before it records the reply.
    const rows = await store.outbox.claim('dead-replica', 10, clock.t, 10_000);
    const reply = rows.find((r) => r.kind === 'reply' && r.alertId === 's3')!;
    const root = (await store.messages.findRoot('s1', 'slack', 'C1'))!;
    await slack.reply(root, { kind: 'notice', tone: 'info', text: 'x' }, { alertId: 's3', role: 'storm-member' as const });
    clock.t += 10_001; // its lease runs out
    await worker('replica-b').drainAll();
    expect(slack.repliesTo(root.messageId).filter((m) => m.alertId === 's3')).toHaveLength(1);
    const refs = await store.messages.listForAlert('s3');
    expect(refs.map((r) => [r.role, r.messageId])).toEqual([['storm-member', slack.repliesTo(root.messageId)[0]!.ref.messageId]]);
    expect((await store.outbox.forAlert('s3')).find((r) => r.id === reply.id)?.state).toBe('done');
  });

  it('takes its own rows back at once after a restart under the same name', async () => {
    const { slack, deps, worker } = setup(store);
    await ingestAlert(alertAt('a', 0), deps);
    await store.outbox.claim('replica-a', 10, T0, 10_000); // claimed, then the process was killed
    const restarted = worker('replica-a');
    await restarted.start();
    await restarted.stop();
    await restarted.drainAll();
    expect(slack.roots().map((m) => m.alertId)).toEqual(['a']);
  });

  it('claims more rows per round while the surface keeps up, up to maxBatchSize', async () => {
    const { slack, deps } = setup(store);
    for (let i = 0; i < 120; i++) await ingestAlert(alertAt(`q${i}`, 0), deps);
    const worker = new OutboxWorker(deps, { owner: 'replica-a', leaseMs: 10_000, batchSize: 10, maxBatchSize: 50 });
    const rounds: number[] = [];
    for (let n = await worker.drainOnce(); n > 0; n = await worker.drainOnce()) rounds.push(n);
    expect(rounds).toEqual([10, 50, 50, 10]);
    expect(new Set(slack.roots().map((m) => m.alertId)).size).toBe(120);
  });

  it('keeps claims at batchSize when a round is slow for its lease', async () => {
    const { deps } = setup(store);
    const slow = new (class extends RecordingSurface {
      override async post(...args: Parameters<RecordingSurface['post']>) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return super.post(...args);
      }
    })('slack');
    deps.surfaces.slack = slow;
    for (let i = 0; i < 30; i++) await ingestAlert(alertAt(`s${i}`, 0), deps);
    // 10 rows in ≥ 20 ms is ≥ 2 ms a row: two rounds of 50 would not fit a quarter of a 100 ms lease.
    const worker = new OutboxWorker(deps, { owner: 'replica-a', leaseMs: 100, batchSize: 10, maxBatchSize: 50 });
    const rounds: number[] = [];
    for (let n = await worker.drainOnce(); n > 0; n = await worker.drainOnce()) rounds.push(n);
    expect(rounds).toEqual([10, 10, 10]);
    expect(slow.roots()).toHaveLength(30);
  });

  it('does not send a row twice when its lease runs out while its own earlier round still holds it', async () => {
    const { deps, clock } = setup(store);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = new (class extends RecordingSurface {
      waiting = 0;
      override async post(...args: Parameters<RecordingSurface['post']>) {
        this.waiting++;
        await gate; // queued behind a paced channel
        return super.post(...args);
      }
    })('slack');
    deps.surfaces.slack = held;
    await ingestAlert(alertAt('a', 0), deps);
    const worker = new OutboxWorker(deps, { owner: 'replica-a', leaseMs: 10_000 });
    const first = worker.drainOnce();
    while (held.waiting === 0) await new Promise((resolve) => setImmediate(resolve));
    clock.t += 10_001; // the row's lease runs out while its post still waits
    const second = worker.drainOnce();
    // Let the second round go as far as it would before the first post is through.
    await Promise.race([second, new Promise((resolve) => setTimeout(resolve, 200))]);
    release();
    expect(await Promise.all([first, second])).toEqual([1, 1]); // claimed twice…
    expect(held.roots().map((m) => m.alertId)).toEqual(['a']); // …sent once
    expect(await store.outbox.counts()).toEqual({ pending: 0, done: 1, dead: 0 });
  });

  it('waits for Retry-After, backs off on errors, and keeps what it gives up on as dead', async () => {
    const { slack, deps, worker, clock } = setup(store);
    await ingestAlert(alertAt('a', 0), deps);
    slack.faults.push(Object.assign(new Error('ratelimited'), { retryAfterMs: 7_000 }));
    await worker().drainAll();
    expect(slack.messages).toHaveLength(0);
    clock.t += 6_999;
    await worker().drainAll();
    expect(slack.messages).toHaveLength(0);
    clock.t += 1;
    await worker().drainAll();
    expect(slack.roots().map((m) => m.alertId)).toEqual(['a']);

    await ingestAlert(alertAt('b', 0), deps);
    for (let i = 0; i < 20; i++) slack.faults.push(new Error('channel_not_found'));
    for (let i = 0; i < 12; i++) {
      await worker().drainAll();
      clock.t += 120_000;
    }
    const [row] = await store.outbox.forAlert('b');
    expect(row).toMatchObject({ state: 'dead', lastError: 'channel_not_found', attempts: 8 });
  });

  it('updates the card in place when Defender changes the status, for a card and for a storm reply', async () => {
    const { slack, deps, worker } = setup(store);
    const storm = (id: string, minute: number, status: 'Active' | 'Resolved' = 'Active') =>
      alertAt(id, minute, { alertType: 'VM_RdpBruteForce', resourceId: '/subs/x/vm/web-vm-01', status });
    for (const [id, minute] of [['s1', 0], ['s2', 1], ['s3', 2], ['s4', 3]] as const) await ingestAlert(storm(id, minute), deps);
    await worker().drainAll();
    await ingestAlert(storm('s1', 0, 'Resolved'), deps);
    await ingestAlert(storm('s4', 3, 'Resolved'), deps);
    await worker().drainAll();
    const status = (id: string) => {
      const m = slack.messages.find((x) => x.alertId === id)!;
      const card = slack.current(m);
      return card.kind === 'alert' ? card.state.status : undefined;
    };
    expect([status('s1'), status('s2'), status('s3'), status('s4')]).toEqual(['Resolved', 'Active', 'Active', 'Resolved']);
    expect(slack.messages).toHaveLength(4);
  });

  it('groups a storm: one group card with a live counter, the rest in its thread', async () => {
    const { slack, deps, worker } = setup(store);
    const storm = (id: string, minute: number) => alertAt(id, minute, { alertType: 'VM_RdpBruteForce', resourceId: '/subs/x/vm/web-vm-01' });
    for (const [id, minute] of [['s1', 0], ['s2', 2], ['s3', 4], ['s4', 6], ['s5', 8]] as const) await ingestAlert(storm(id, minute), deps);
    await worker().drainAll();
    // The storm's first card became the group card in place: no extra card in the channel.
    // (Cards of one batch are posted concurrently, so their order in the channel is not asserted.)
    const roots = byAlert(slack.roots());
    expect(Object.keys(roots).sort()).toEqual(['s1', 's2']);
    const group = roots.s1!;
    expect(slack.repliesTo(group.ref.messageId).map((m) => m.alertId)).toEqual(['s3', 's4', 's5']);
    expect(groupCount(slack.current(group))).toBe(5);
    expect(groupCount(slack.current(roots.s2!))).toBeUndefined();
  });

  it('snoozes a storm: later alerts stored and counted on the card, not posted; who and until shown; audited', async () => {
    const { slack, deps, worker, clock } = setup(store);
    const storm = (id: string, minute: number) => alertAt(id, minute, { alertType: 'VM_RdpBruteForce', resourceId: '/subs/x/vm/web-vm-01' });
    for (const [id, minute] of [['s1', 0], ['s2', 1], ['s3', 2]] as const) await ingestAlert(storm(id, minute), deps);
    await worker().drainAll();
    const { s1: group, s2: single } = byAlert(slack.roots());
    expect(snoozeClicks(slack.current(single!))).toEqual([]);
    const clicks = snoozeClicks(slack.current(group!));
    expect(clicks).toEqual([60, 240, 1440].map((minutes) => ({ kind: 'snooze', alertId: 's1', minutes })));
    const result = await handleIntent(
      {
        intent: clicks[0]!, // "Snooze 1 h" on the group card
        actor: { platform: 'slack', userId: 'U1', displayName: 'Ana' },
        origin: { platform: 'slack', channelId: 'C1' },
      },
      deps,
    );
    const until = new Date(clock.t + 60 * 60_000).toISOString();
    expect(result.alertCard).toMatchObject({ state: { groupCount: 3, snooze: { until, by: 'Ana' } } });
    await ingestAlert(storm('s4', 3), deps);
    await worker().drainAll();
    expect(slack.messages.map((m) => m.alertId).sort()).toEqual(['s1', 's2', 's3']);
    expect(await store.alerts.get('s4')).toBeDefined();
    expect(slack.current(group!)).toMatchObject({ state: { groupCount: 4, snoozedCount: 1, snooze: { until, by: 'Ana' } } });
    expect(JSON.stringify(renderAdaptiveCard(slack.current(group!)))).toContain('1 held back by a snooze');
    expect((await store.storms.snoozedSince(new Date(T0).toISOString())).map((p) => p.alertId)).toEqual(['s4']);
    const [entry] = await store.audit.since(new Date(T0).toISOString());
    expect(entry).toMatchObject({ actor: 'slack:U1', action: 'snooze', alertId: 's1', after: { until, by: 'Ana', minutes: 60 } });
  });
});

describe('nextClaimSize', () => {
  const o = { batchSize: 10, maxBatchSize: 50, leaseMs: 60_000, rounds: 2 };
  it.each([
    ['a quick round (0.5 ms a row)', 10, 5, 50],
    ['a round paced at one post a second', 10, 10_000, 10],
    ['a round at 200 ms a row: two rounds of 37 fit a quarter of the lease', 10, 2_000, 37],
    ['a round far slower than its lease', 50, 600_000, 10],
    ['a round that took no measurable time', 10, 0, 50],
  ])('%s', (_what, rows, elapsedMs, expected) => {
    expect(nextClaimSize(rows, elapsedMs, o)).toBe(expected);
  });
});
