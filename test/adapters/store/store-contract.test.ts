/**
 * THE store contract: one suite, run against SQLite and PostgreSQL, for every repository the
 * ingest path and the core use (alerts, message refs, audit, outbox, leases, poll state, storms).
 */
import type { SqlStore } from '../../../src/adapters/store/open-store';
import { makeAlert } from '../../helpers/alerts';
import { openTestStore, type StoreKind } from './test-databases';

const KINDS: StoreKind[] = ['sqlite', 'postgres'];
const T0 = Date.parse('2026-11-27T02:00:00.000Z');
const isoAt = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

describe.each(KINDS)('store contract on %s', (kind) => {
  let store: SqlStore;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ store, dispose } = await openTestStore(kind));
  });
  afterEach(async () => dispose());

  describe('alerts', () => {
    it('reports first sight, repeats and status changes', async () => {
      const alert = makeAlert({ systemAlertId: 'a-1' });
      expect(await store.alerts.save(alert)).toEqual({ inserted: true, statusChanged: false });
      expect(await store.alerts.save(alert)).toEqual({ inserted: false, statusChanged: false, previousStatus: 'Active' });
      expect(await store.alerts.save({ ...alert, status: 'Resolved' })).toEqual({
        inserted: false,
        statusChanged: true,
        previousStatus: 'Active',
      });
      expect((await store.alerts.get('a-1'))?.status).toBe('Resolved');
      expect(await store.alerts.count()).toBe(1);
    });

    it('never lets an update dated before the stored state overwrite it (a status never goes backwards)', async () => {
      const alert = makeAlert({ systemAlertId: 'a-2', displayName: 'first' });
      await store.alerts.save(alert, { asOf: isoAt(0) });
      expect(await store.alerts.save({ ...alert, status: 'Resolved' }, { asOf: isoAt(10) })).toMatchObject({ statusChanged: true });
      // A late update from before the resolution: nothing changes, and the caller is told.
      expect(await store.alerts.save({ ...alert, status: 'Active', displayName: 'late' }, { asOf: isoAt(5) })).toEqual({
        inserted: false,
        statusChanged: false,
        previousStatus: 'Resolved',
        outdated: true,
      });
      expect(await store.alerts.get('a-2')).toMatchObject({ status: 'Resolved', displayName: 'first' });
      // Dated alike: arrival order. Later: applies. Undated: arrival order too.
      expect(await store.alerts.save({ ...alert, status: 'Dismissed' }, { asOf: isoAt(10) })).toMatchObject({ statusChanged: true });
      expect(await store.alerts.save({ ...alert, status: 'Active' }, { asOf: isoAt(20) })).toMatchObject({ statusChanged: true, previousStatus: 'Dismissed' });
      expect(await store.alerts.save({ ...alert, status: 'InProgress' })).toMatchObject({ statusChanged: true });
      // The stored date stays the newest seen: an update from before it is still refused.
      expect(await store.alerts.save({ ...alert, status: 'Resolved' }, { asOf: isoAt(15) })).toMatchObject({ outdated: true });
      expect((await store.alerts.get('a-2'))?.status).toBe('InProgress');
    });

    it('lets the event loop turn while a caller stores alerts in a loop: timers (and Slack acks) are not held up', async () => {
      let i = 0;
      let firedAt = -1;
      setTimeout(() => (firedAt = i), 0);
      for (; i < 200; i++) await store.alerts.save(makeAlert({ systemAlertId: `loop-${i}` }));
      expect(firedAt).toBeGreaterThanOrEqual(0);
      expect(firedAt).toBeLessThan(199);
      expect(await store.alerts.count()).toBe(200);
    });

    it('keeps attacker-controlled text byte for byte', async () => {
      const nasty = `'); DROP TABLE alerts; -- <script>alert(1)</script> $1 ?1 \\ "quoted" 🦠 ${'x'.repeat(5000)}`;
      const alert = makeAlert({ systemAlertId: `id-with-'quote`, description: nasty, displayName: '$2 ?2' });
      await store.alerts.save(alert);
      expect(await store.alerts.get(`id-with-'quote`)).toEqual(alert);
      expect(await store.alerts.get('missing')).toBeUndefined();
    });

    it('finds by time window and host, newest first, limited', async () => {
      const host = (name: string) => [{ kind: 'host' as const, hostName: name }];
      for (let i = 0; i < 5; i++)
        await store.alerts.save(
          makeAlert({ systemAlertId: `t-${i}`, generatedTime: isoAt(i * 10), where: host(i % 2 ? 'WEB-VM-01' : 'db-vm') }),
        );
      const ids = (alerts: { systemAlertId: string }[]) => alerts.map((a) => a.systemAlertId);
      expect(ids(await store.alerts.find({}))).toEqual(['t-4', 't-3', 't-2', 't-1', 't-0']);
      expect(ids(await store.alerts.find({ since: isoAt(10), until: isoAt(40) }))).toEqual(['t-3', 't-2', 't-1']);
      expect(ids(await store.alerts.find({ hostName: 'web-vm-01' }))).toEqual(['t-3', 't-1']);
      expect(ids(await store.alerts.find({ limit: 2 }))).toEqual(['t-4', 't-3']);
    });
  });

  describe('message refs', () => {
    const ref = (over: Partial<Parameters<SqlStore['messages']['save']>[0]> = {}) => ({
      platform: 'slack' as const,
      channelId: 'C1',
      messageId: '1700000000.000100',
      threadId: '1700000000.000100',
      alertId: 'a-1',
      role: 'root' as const,
      createdAt: isoAt(0),
      ...over,
    });

    it('finds an alert root by platform and channel, and an alert by its message', async () => {
      await store.messages.save(ref());
      await store.messages.save(ref({ channelId: 'C2', messageId: '2.0', threadId: '2.0', createdAt: isoAt(1) }));
      await store.messages.save(ref({ messageId: '3.0', role: 'storm-member', createdAt: isoAt(2) }));
      expect((await store.messages.findRoot('a-1', 'slack'))?.channelId).toBe('C1');
      expect((await store.messages.findRoot('a-1', 'slack', 'C2'))?.messageId).toBe('2.0');
      expect(await store.messages.findRoot('a-1', 'teams')).toBeUndefined();
      expect((await store.messages.findByMessage('slack', 'C1', '3.0'))?.role).toBe('storm-member');
      expect((await store.messages.listForAlert('a-1')).map((r) => r.messageId)).toEqual(['1700000000.000100', '2.0', '3.0']);
    });

    it('ignores saving the same message twice', async () => {
      await store.messages.save(ref());
      await store.messages.save(ref({ role: 'handoff' }));
      expect(await store.messages.listForAlert('a-1')).toEqual([ref()]);
    });

    it('reads roles as the typed MessageRole, leaving out a role this version does not know', async () => {
      await store.messages.save(ref());
      await store.db.run(
        `INSERT INTO message_refs (platform, channel_id, message_id, thread_id, alert_id, role, created_at) VALUES ('slack', 'C1', '9.0', '9.0', 'a-1', 'from-a-newer-version', $1)`,
        [isoAt(5)],
      );
      expect((await store.messages.listForAlert('a-1')).map((r) => r.role)).toEqual(['root']);
      expect(await store.messages.findByMessage('slack', 'C1', '9.0')).toBeUndefined();
    });
  });

  describe('audit log', () => {
    it('appends entries and reads them back in order with their before/after values', async () => {
      await store.audit.append({ at: isoAt(0), actor: 'ana', action: 'vote', alertId: 'a-1', after: { verdict: 'tp' } });
      await store.audit.append({ at: isoAt(5), actor: 'ben', action: 'snooze', before: null, after: [1, 'two'] });
      const all = await store.audit.since(isoAt(0));
      expect(all.map((e) => [e.actor, e.action, e.alertId, e.before, e.after])).toEqual([
        ['ana', 'vote', 'a-1', undefined, { verdict: 'tp' }],
        ['ben', 'snooze', undefined, null, [1, 'two']],
      ]);
      expect(all[0].id).toBeLessThan(all[1].id!);
      expect((await store.audit.since(isoAt(1))).map((e) => e.actor)).toEqual(['ben']);
    });
  });

  describe('outbox', () => {
    const post = (alertId: string, channelId = 'C1') => ({ alertId, platform: 'slack' as const, channelId, kind: 'post' as const });

    it('enqueues each (alert, channel, kind) once, however often it is enqueued', async () => {
      await store.outbox.enqueue([post('a-1'), post('a-1', 'C2')], T0);
      await store.outbox.enqueue([post('a-1')], T0 + 1);
      expect((await store.outbox.forAlert('a-1')).map((r) => [r.channelId, r.state])).toEqual([
        ['C1', 'pending'],
        ['C2', 'pending'],
      ]);
      const [row] = await store.outbox.claim('w1', 10, T0, 30_000);
      await store.outbox.complete(row.id, 'w1', T0);
      await store.outbox.enqueue([post('a-1')], T0 + 2);
      expect(await store.outbox.counts()).toEqual({ pending: 1, done: 1, dead: 0 });
    });

    it('leases claimed rows to one worker until the lease expires', async () => {
      await store.outbox.enqueue([post('a-1'), post('a-2'), post('a-3')], T0);
      const first = await store.outbox.claim('w1', 2, T0, 30_000);
      expect(first.map((r) => r.alertId)).toEqual(['a-1', 'a-2']);
      expect(first[0]).toMatchObject({ leaseOwner: 'w1', leaseUntil: T0 + 30_000, attempts: 1 });
      expect((await store.outbox.claim('w2', 10, T0 + 1, 30_000)).map((r) => r.alertId)).toEqual(['a-3']);
      // w1 died: its rows come back after the lease, and w1 can no longer complete them.
      const taken = await store.outbox.claim('w2', 10, T0 + 30_001, 30_000);
      expect(taken.map((r) => [r.alertId, r.attempts])).toEqual([
        ['a-1', 2],
        ['a-2', 2],
      ]);
      expect(await store.outbox.complete(taken[0].id, 'w1', T0)).toBe(false);
      expect(await store.outbox.complete(taken[0].id, 'w2', T0)).toBe(true);
      expect(await store.outbox.complete(taken[0].id, 'w2', T0)).toBe(false);
    });

    it('schedules retries and gives up as dead', async () => {
      await store.outbox.enqueue([post('a-1'), post('a-2')], T0);
      const [a, b] = await store.outbox.claim('w1', 10, T0, 30_000);
      expect(await store.outbox.retry(a.id, 'w1', 'rate limited', T0 + 5_000, false)).toBe(true);
      expect(await store.outbox.retry(b.id, 'w1', 'channel_not_found', T0, true)).toBe(true);
      expect(await store.outbox.claim('w1', 10, T0 + 4_999, 30_000)).toEqual([]);
      const again = await store.outbox.claim('w1', 10, T0 + 5_000, 30_000);
      expect(again.map((r) => [r.alertId, r.lastError])).toEqual([['a-1', 'rate limited']]);
      expect(await store.outbox.counts()).toEqual({ pending: 1, done: 0, dead: 1 });
    });

    it('coalesces counter updates and makes a done update pending again', async () => {
      const update = { alertId: 'anchor', platform: 'web' as const, channelId: 'alerts', kind: 'update' as const, anchorAlertId: 'anchor' };
      await store.outbox.enqueue([update, update], T0);
      const [row] = await store.outbox.claim('w1', 10, T0, 30_000);
      expect(row.anchorAlertId).toBe('anchor');
      await store.outbox.complete(row.id, 'w1', T0);
      await store.outbox.enqueue([update], T0 + 10);
      const rows = await store.outbox.forAlert('anchor');
      expect(rows.map((r) => [r.state, r.attempts])).toEqual([['pending', 0]]);
    });

    it('lets concurrent workers claim disjoint rows', async () => {
      const entries = Array.from({ length: 60 }, (_, i) => post(`c-${i}`));
      await store.outbox.enqueue(entries, T0);
      const claims = await Promise.all(['w1', 'w2', 'w3'].map((w) => store.outbox.claim(w, 25, T0, 30_000)));
      const ids = claims.flat().map((r) => r.alertId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(60);
    });
  });

  describe('leases', () => {
    it('has one holder until it stops renewing, then another takes over', async () => {
      expect(await store.leases.acquire('poll:s1', 'r1', 10_000, T0)).toBe(true);
      expect(await store.leases.acquire('poll:s1', 'r2', 10_000, T0 + 1)).toBe(false);
      expect(await store.leases.acquire('poll:s1', 'r1', 10_000, T0 + 5_000)).toBe(true);
      expect(await store.leases.get('poll:s1')).toEqual({ name: 'poll:s1', holder: 'r1', expiresAt: T0 + 15_000 });
      expect(await store.leases.acquire('poll:s1', 'r2', 10_000, T0 + 14_999)).toBe(false);
      expect(await store.leases.acquire('poll:s1', 'r2', 10_000, T0 + 15_001)).toBe(true);
      expect(await store.leases.acquire('poll:s1', 'r1', 10_000, T0 + 15_002)).toBe(false);
    });

    it('is released only by its holder', async () => {
      await store.leases.acquire('poll:s1', 'r1', 10_000, T0);
      await store.leases.release('poll:s1', 'r2');
      expect((await store.leases.get('poll:s1'))?.holder).toBe('r1');
      await store.leases.release('poll:s1', 'r1');
      expect(await store.leases.get('poll:s1')).toBeUndefined();
      expect(await store.leases.acquire('poll:s1', 'r2', 10_000, T0 + 1)).toBe(true);
    });

    it('gives a contested free lease to exactly one replica', async () => {
      const wins = await Promise.all(['r1', 'r2', 'r3', 'r4'].map((r) => store.leases.acquire('poll:s2', r, 10_000, T0)));
      expect(wins.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('poll state', () => {
    it('remembers (alert, status) seen and the high-water mark per subscription', async () => {
      expect(await store.pollState.highWater('s1')).toBeUndefined();
      await store.pollState.markSeen('s1', [
        { alertId: 'a-1', status: 'Active', generatedTime: isoAt(5) },
        { alertId: 'a-2', status: 'Active', generatedTime: isoAt(9) },
      ]);
      await store.pollState.markSeen('s1', [{ alertId: 'a-1', status: 'Resolved', generatedTime: isoAt(5) }]);
      await store.pollState.markSeen('s2', [{ alertId: 'a-9', status: 'Active', generatedTime: isoAt(1) }]);
      expect(await store.pollState.highWater('s1')).toBe(isoAt(9));
      expect([...(await store.pollState.seenStatuses('s1', ['a-1', 'a-2', 'a-9']))]).toEqual([
        ['a-1', 'Resolved'],
        ['a-2', 'Active'],
      ]);
      expect(await store.pollState.pruneSeen('s1', isoAt(6))).toBe(1);
      expect([...(await store.pollState.seenStatuses('s1', ['a-1', 'a-2']))]).toEqual([['a-2', 'Active']]);
      expect(await store.pollState.highWater('s1')).toBe(isoAt(9));
    });

    it('looks up more ids than one statement takes', async () => {
      const many = Array.from({ length: 1200 }, (_, i) => ({ alertId: `m-${i}`, status: 'Active', generatedTime: isoAt(i) }));
      await store.pollState.markSeen('s1', many);
      expect((await store.pollState.seenStatuses('s1', many.map((m) => m.alertId))).size).toBe(1200);
    });
  });

  describe('storms and snoozes', () => {
    const rules = { windowMinutes: 30, threshold: 3 };
    const place = (alertId: string, minute: number, key = 'vm_bf|vm-1', now = isoAt(minute)) =>
      store.storms.place({ alertId, stormKey: key, alertTime: isoAt(minute), now }, rules);

    it('groups alerts of one key from the threshold on, on the first card, and keeps the first placement', async () => {
      expect((await place('s-1', 0)).role).toBe('single');
      expect((await place('s-2', 1)).role).toBe('single');
      // The threshold is reached: the storm's first card becomes the group card, s-3 goes to its thread.
      expect(await place('s-3', 2)).toMatchObject({ role: 'member', anchorAlertId: 's-1', snoozed: false });
      expect(await store.storms.placement('s-1')).toMatchObject({ role: 'anchor', anchorAlertId: 's-1' });
      expect(await store.storms.placement('s-2')).toMatchObject({ role: 'single' });
      expect(await place('s-4', 20)).toMatchObject({ role: 'member', anchorAlertId: 's-1' });
      expect(await place('s-4', 20)).toMatchObject({ role: 'member', anchorAlertId: 's-1' });
      expect((await place('other', 3, 'other|vm-1')).role).toBe('single');
      expect(await store.storms.groupOfAnchor('s-1')).toMatchObject({ count: 4, snoozedCount: 0, firstAt: isoAt(0), lastAt: isoAt(20) });
      expect(await store.storms.groupOfAnchor('s-3')).toBeUndefined();
      // Past the window after the last member: a fresh start.
      expect((await place('s-5', 51)).role).toBe('single');
    });

    it('keeps snoozed alerts out of the channel but stored, counted and listed', async () => {
      await place('s-1', 0);
      await place('s-2', 1);
      await place('s-3', 2);
      await store.storms.setSnooze({ stormKey: 'vm_bf|vm-1', anchorAlertId: 's-1', until: isoAt(120), by: 'Ana', setAt: isoAt(3) });
      expect(await store.storms.activeSnooze('vm_bf|vm-1', isoAt(119))).toMatchObject({ by: 'Ana', until: isoAt(120) });
      expect(await store.storms.activeSnooze('vm_bf|vm-1', isoAt(120))).toBeUndefined();
      // Even beyond the storm window, a snoozed key keeps collecting on its group card.
      expect(await place('s-4', 90)).toMatchObject({ role: 'member', anchorAlertId: 's-1', snoozed: true, snoozedBy: 'Ana' });
      expect(await store.storms.groupOfAnchor('s-1')).toMatchObject({ count: 4, snoozedCount: 1 });
      expect((await store.storms.snoozedSince(isoAt(0))).map((p) => p.alertId)).toEqual(['s-4']);
      // Expired: back to normal placement.
      expect(await place('s-5', 130)).toMatchObject({ role: 'single', snoozed: false });
    });

    it('places concurrent alerts of one key consistently (one group card, one counter)', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => place(`c-${i}`, i % 5)));
      // Read back: the storm's first card was promoted to the group card after it was placed.
      const placements = await Promise.all(Array.from({ length: 20 }, async (_, i) => (await store.storms.placement(`c-${i}`))!));
      const roles = placements.map((p) => p.role);
      expect(roles.filter((r) => r === 'single')).toHaveLength(1);
      expect(roles.filter((r) => r === 'anchor')).toHaveLength(1);
      expect(roles.filter((r) => r === 'member')).toHaveLength(18);
      const anchor = placements.find((p) => p.role === 'anchor')!.alertId;
      expect(new Set(placements.filter((p) => p.role === 'member').map((p) => p.anchorAlertId))).toEqual(new Set([anchor]));
      expect((await store.storms.groupOfAnchor(anchor))?.count).toBe(20);
    });

    it('reports the snoozes of a period for the handoff: who, until when, how many alerts they held then', async () => {
      for (const [id, minute] of [['s-1', 0], ['s-2', 1], ['s-3', 2]] as const) await place(id, minute);
      await store.storms.setSnooze({ stormKey: 'vm_bf|vm-1', anchorAlertId: 's-1', until: isoAt(120), by: 'Ana', setAt: isoAt(3) });
      await store.storms.setSnooze({ stormKey: 'idle|vm-2', anchorAlertId: 'i-1', until: isoAt(30), by: 'Ben', setAt: isoAt(5) });
      await store.storms.setSnooze({ stormKey: 'old|vm-3', anchorAlertId: 'o-1', until: isoAt(9), by: 'Cy', setAt: isoAt(0) });
      for (let i = 0; i < 5; i++) await place(`h-${i}`, 10 + 20 * i); // minutes 10, 30, 50, 70, 90: all held
      const period = await store.storms.snoozesDuring(isoAt(10), isoAt(60));
      expect(period).toEqual([
        { stormKey: 'vm_bf|vm-1', anchorAlertId: 's-1', until: isoAt(120), by: 'Ana', setAt: isoAt(3), held: 3 },
        { stormKey: 'idle|vm-2', anchorAlertId: 'i-1', until: isoAt(30), by: 'Ben', setAt: isoAt(5), held: 0 },
      ]);
      // A snooze that ended before the period is left out unless it held alerts then.
      expect((await store.storms.snoozesDuring(isoAt(60), isoAt(200))).map((r) => [r.stormKey, r.held])).toEqual([['vm_bf|vm-1', 2]]);
      expect(await store.storms.snoozesDuring(isoAt(200), isoAt(300))).toEqual([]);
    });

    it('turns a lone card into a group card when it is snoozed', async () => {
      await place('lone', 0);
      await store.storms.setSnooze({ stormKey: 'vm_bf|vm-1', anchorAlertId: 'lone', until: isoAt(60), by: 'Ben', setAt: isoAt(1) });
      expect(await store.storms.placement('lone')).toMatchObject({ role: 'anchor', anchorAlertId: 'lone' });
      expect(await place('next', 2)).toMatchObject({ role: 'member', anchorAlertId: 'lone', snoozed: true });
      expect(await store.storms.groupOfAnchor('lone')).toMatchObject({ count: 2, snoozedCount: 1 });
    });
  });
});
