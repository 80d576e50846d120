/** The triage repositories (votes, write-back queue, handoffs) behave the same on SQLite and PostgreSQL. */
import type { SqlStore } from '../../../src/adapters/store/open-store';
import type { Vote } from '../../../src/domain/votes/vote';
import { openTestStore, type StoreKind } from './test-databases';

const vote = (alertId: string, userId: string, at: string): Vote => ({
  alertId,
  voter: { platform: 'teams', userId, displayName: `'; DROP TABLE votes; -- ${userId}` },
  role: 'analyst',
  verdict: 'benign-positive',
  severity: 'Low',
  comment: 'it was the backup job $1 ?1',
  at,
});

describe.each<StoreKind>(['sqlite', 'postgres'])('triage repositories on %s', (kind) => {
  let store: SqlStore;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ store, dispose } = await openTestStore(kind)));
  afterEach(async () => dispose());

  it('votes: record returns the history before and after; histories group by alert', async () => {
    const first = await store.votes.record(vote('a', 'u1', '2026-11-27T01:00:00.000Z'));
    const second = await store.votes.record({ ...vote('a', 'u1', '2026-11-27T01:01:00.000Z'), severity: 'Medium' });
    await store.votes.record(vote('b', 'u2', '2026-11-27T01:02:00.000Z'));
    expect(first.before).toEqual([]);
    expect(second.before).toEqual([first.vote]);
    expect(second.after).toEqual([first.vote, second.vote]);
    expect(second.vote.seq).toBeGreaterThan(first.vote.seq);
    expect(await store.votes.history('a')).toEqual([first.vote, second.vote]);
    const all = await store.votes.histories(['a', 'b', 'none']);
    expect([...all.keys()].sort()).toEqual(['a', 'b']);
    expect(all.get('a')?.[0]).toEqual({ ...vote('a', 'u1', '2026-11-27T01:00:00.000Z'), seq: first.vote.seq });
  });

  it('votes: the same person casting their live vote again (a replayed click) writes nothing', async () => {
    const first = await store.votes.record(vote('a', 'u1', '2026-11-27T01:00:00.000Z'));
    const replay = await store.votes.record(vote('a', 'u1', '2026-11-27T01:00:05.000Z'));
    expect(replay).toEqual({ before: [first.vote], after: [first.vote], vote: first.vote, unchanged: true });
    const otherComment = await store.votes.record({ ...vote('a', 'u1', '2026-11-27T01:00:09.000Z'), comment: 'no, the patch job' });
    expect(otherComment.unchanged).toBeUndefined();
    expect(await store.votes.history('a')).toHaveLength(2);
  });

  it('votes: after a reopening, the same vote again is a new vote (the reopening ended the earlier one)', async () => {
    await store.votes.record(vote('a', 'u1', '2026-11-27T01:00:00.000Z'));
    await store.votes.record({ ...vote('a', 'lead', '2026-11-27T01:01:00.000Z'), role: 'lead', kind: 'reopen' });
    const again = await store.votes.record(vote('a', 'u1', '2026-11-27T01:02:00.000Z'));
    expect(again.unchanged).toBeUndefined();
    // A reopening by someone whose live vote has the same verdict and severity is still recorded.
    await store.votes.record({ ...vote('a', 'u1', '2026-11-27T01:03:00.000Z'), kind: 'reopen' });
    expect((await store.votes.history('a')).map((v) => v.kind ?? 'vote')).toEqual(['vote', 'reopen', 'vote', 'reopen']);
  });

  it('write-backs: a newer one supersedes a pending one; claims are exclusive; updates do not revive superseded ones', async () => {
    const t0 = '2026-11-27T02:00:00.000Z';
    const old = await store.writeBacks.enqueue('a', 'Resolved', 'slack:U1 (ana)', t0);
    const latest = await store.writeBacks.enqueue('a', 'InProgress', 'slack:L1 (lee)', t0);
    const claimed = await store.writeBacks.claimDue(t0, '2026-11-27T02:05:00.000Z');
    expect(claimed.map((w) => w.id)).toEqual([latest.id]);
    expect(await store.writeBacks.claimDue(t0, '2026-11-27T02:05:00.000Z')).toEqual([]); // leased
    await store.writeBacks.update(old.id, { state: 'done', attempts: 1, nextAttemptAt: t0, updatedAt: t0 });
    await store.writeBacks.update(latest.id, { state: 'pending', attempts: 1, nextAttemptAt: '2026-11-27T02:00:30.000Z', updatedAt: t0, lastError: 'HTTP 403', lastHttpStatus: 403 });
    expect(await store.writeBacks.latestFor('a')).toMatchObject({ id: latest.id, state: 'pending', attempts: 1, lastHttpStatus: 403, targetStatus: 'InProgress' });
    const oldRow = await store.db.get<{ state: string }>('SELECT state FROM write_backs WHERE id = $1', [old.id]);
    expect(oldRow?.state).toBe('superseded');
    expect((await store.writeBacks.claimDue('2026-11-27T02:00:31.000Z', '2026-11-27T02:06:00.000Z')).map((w) => w.id)).toEqual([latest.id]);
  });

  it('handoffs: one claim per id, notes by time window, acknowledgment once', async () => {
    const record = { id: 's1', shiftStart: 'a', shiftEnd: 'b', postedAt: 'c', postedBy: 'scheduler', cardJson: '{"kind":"custom"}' };
    expect(await store.handoffs.claim(record)).toBe(true);
    expect(await store.handoffs.claim(record)).toBe(false);
    await store.handoffs.addNote({ platform: 'slack', userId: 'U1', displayName: 'ana', text: 'in window', at: '2026-11-27T10:00:00.000Z' });
    await store.handoffs.addNote({ platform: 'slack', userId: 'U1', displayName: 'ana', text: 'after', at: '2026-11-27T14:00:00.000Z' });
    expect((await store.handoffs.notes('2026-11-27T06:00:00.000Z', '2026-11-27T14:00:00.000Z')).map((n) => n.text)).toEqual(['in window']);
    expect(await store.handoffs.acknowledge('s1', 'teams:x (Ines)', 't1')).toMatchObject({ acknowledgedBy: 'teams:x (Ines)', acknowledgedAt: 't1', cardJson: '{"kind":"custom"}' });
    expect(await store.handoffs.acknowledge('s1', 'slack:y (Bo)', 't2')).toMatchObject({ acknowledgedBy: 'teams:x (Ines)', acknowledgedAt: 't1' });
  });
});
