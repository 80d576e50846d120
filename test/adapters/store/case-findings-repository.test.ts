/** The case findings repository behaves the same on SQLite and PostgreSQL: a re-run replaces its kind's finding. */
import type { SqlStore } from '../../../src/adapters/store/open-store';
import { findingsOf } from '../../../src/ports/case-findings';
import { openTestStore, type StoreKind } from './test-databases';

describe.each<StoreKind>(['sqlite', 'postgres'])('case findings on %s', (kind) => {
  let store: SqlStore;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ store, dispose } = await openTestStore(kind)));
  afterEach(async () => dispose());

  it('keeps the latest finding of each investigation per alert, with where its answer is', async () => {
    const answer = { platform: 'web' as const, channelId: 'soc', messageId: 'm1', threadId: 'root' };
    await store.findings.save('a', { kind: 'analyze', part: { kind: 'analyze', failed: 'timed out' }, answers: [answer], updatedAt: '2026-11-27T01:00:00.000Z' });
    await store.findings.save('a', { kind: 'identity', part: { kind: 'identity', localOnly: true, account: "o'brien $1" }, answers: [], updatedAt: '2026-11-27T01:00:00.000Z' });
    await store.findings.save('a', { kind: 'analyze', part: { kind: 'analyze', behaviours: ['download-cradle'], iocs: [], downloads: [] }, answers: [{ ...answer, messageId: 'm2' }], updatedAt: '2026-11-27T01:05:00.000Z' });
    await store.findings.save('b', { kind: 'identity', part: { kind: 'identity', localOnly: false }, answers: [], updatedAt: '2026-11-27T01:00:00.000Z' });
    const stored = await store.findings.list('a');
    expect(stored.map((s) => s.kind)).toEqual(['identity', 'analyze']);
    expect(stored[1]).toMatchObject({ answers: [{ messageId: 'm2' }], updatedAt: '2026-11-27T01:05:00.000Z' });
    expect(findingsOf(stored)).toEqual({ who: { kind: 'identity', localOnly: true, account: "o'brien $1" }, command: { kind: 'analyze', behaviours: ['download-cradle'], iocs: [], downloads: [] } });
  });
});
