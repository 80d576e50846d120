/**
 * Contract: the Teams conversation store behaves the same on SQLite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { migrate } from '../../../src/adapters/store/migrate';
import { openSqlDb } from '../../../src/adapters/store/open-store';
import type { SqlDb } from '../../../src/adapters/store/sql-db';
import { SqlTeamsConversationStore } from '../../../src/adapters/store/teams-conversation-repository';
import type { TeamsConversationRecord } from '../../../src/ports/teams-conversations';

const databases: [string, () => SqlDb][] = [
  ['sqlite', () => openSqlDb('sqlite::memory:')],
  ['postgres', () => openSqlDb(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test')],
];

describe.each(databases)('Teams conversation store on %s', (_name, open) => {
  let db: SqlDb;
  let store: SqlTeamsConversationStore;
  // Unique ids per run: the Postgres database is shared with other suites, so nothing is truncated.
  const run = randomUUID().slice(0, 8);
  const channel = `19:${run}@thread.tacv2`;

  beforeAll(async () => {
    db = open();
    await migrate(db);
    store = new SqlTeamsConversationStore(db);
  });
  afterAll(() => db.close());

  const record = (over: Partial<TeamsConversationRecord> = {}): TeamsConversationRecord => ({
    conversationId: channel,
    kind: 'channel',
    teamId: `19:team-${run}@thread.tacv2`,
    tenantId: 'tenant-1',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    name: 'SOC alerts',
    reference: JSON.stringify({ conversation: { id: channel } }),
    updatedAt: '2026-11-27T02:00:00.000Z',
    ...over,
  });

  it('saves a reference and replaces it on the next activity, keeping a known name', async () => {
    await store.saveConversation(record());
    await store.saveConversation(record({ serviceUrl: 'https://smba.trafficmanager.net/amer/', name: undefined, updatedAt: '2026-11-27T03:00:00.000Z' }));
    const got = await store.getConversation(channel);
    expect(got).toMatchObject({ kind: 'channel', serviceUrl: 'https://smba.trafficmanager.net/amer/', name: 'SOC alerts', updatedAt: '2026-11-27T03:00:00.000Z' });
    expect((await store.listConversations()).filter((c) => c.conversationId === channel)).toHaveLength(1);
    expect(await store.getConversation(`19:unknown-${run}@thread.tacv2`)).toBeUndefined();
  });

  it('queues a post once per alert and channel, and forgets it once posted', async () => {
    const first = await store.enqueuePost(channel, 'alert-a', '2026-11-27T02:14:00.000Z');
    const again = await store.enqueuePost(channel, 'alert-a', '2026-11-27T02:15:00.000Z');
    const second = await store.enqueuePost(channel, 'alert-b', '2026-11-27T02:16:00.000Z');
    expect(again.id).toBe(first.id);
    expect((await store.waitingPosts(channel)).map((p) => p.alertId)).toEqual(['alert-a', 'alert-b']);
    await store.markPosted(first.id, '1700000000001');
    expect((await store.waitingPosts(channel)).map((p) => p.alertId)).toEqual(['alert-b']);
    expect(await store.getPost(first.id)).toMatchObject({ alertId: 'alert-a', state: { kind: 'posted', messageId: '1700000000001' } });
    expect(second.state).toEqual({ kind: 'waiting' });
  });

  it('lets exactly one claimant take a waiting post, and takes it back when sending failed', async () => {
    const post = await store.enqueuePost(channel, 'alert-c', '2026-11-27T02:17:00.000Z');
    expect(await store.claimPost(post.id, 'replica-1')).toBe(true);
    expect(await store.claimPost(post.id, 'replica-2')).toBe(false);
    expect((await store.getPost(post.id))?.state).toEqual({ kind: 'claimed', by: 'replica-1' });
    expect(await db.get('SELECT posted_message_id FROM teams_pending_posts WHERE id = $1', [post.id])).toEqual({ posted_message_id: 'claimed:replica-1' });
    expect((await store.waitingPosts(channel)).map((p) => p.alertId)).not.toContain('alert-c');
    await store.releasePost(post.id);
    expect((await store.waitingPosts(channel)).map((p) => p.alertId)).toContain('alert-c');
    expect(await store.claimPost(post.id, 'replica-2')).toBe(true);
    await store.markPosted(post.id, '1700000000002');
    await store.releasePost(post.id);
    expect(await store.getPost(post.id)).toMatchObject({ state: { kind: 'posted', messageId: '1700000000002' } });
  });

  it('marks a post whose alert is gone, stored as before (posted_message_id = alert-gone)', async () => {
    const post = await store.enqueuePost(channel, 'alert-d', '2026-11-27T02:18:00.000Z');
    expect(await store.claimPost(post.id, 'replica-1')).toBe(true);
    await store.markAlertGone(post.id);
    expect((await store.getPost(post.id))?.state).toEqual({ kind: 'alert-gone' });
    expect(await db.get('SELECT posted_message_id FROM teams_pending_posts WHERE id = $1', [post.id])).toEqual({ posted_message_id: 'alert-gone' });
    expect((await store.waitingPosts(channel)).map((p) => p.alertId)).not.toContain('alert-d');
  });
});
