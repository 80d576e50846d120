/**
 * Migrations are applied by name, each once (migrate.ts), so a database made by either line of work
 * gains the other's: 120 (triage events: votes.kind, received-time indexes; the first-hour work)
 * and 203 (alerts.state_as_of; the ingest work). A database migrated fully is taken back to what
 * each line alone left, then opened again, on SQLite and PostgreSQL.
 */
import { openStore, type SqlStore } from '../../../src/adapters/store/open-store';
import { makeAlert } from '../../helpers/alerts';
import { createTestDatabase, type StoreKind, type TestDatabase } from './test-databases';

const KINDS: StoreKind[] = ['sqlite', 'postgres'];
const RECEIVED = '2026-11-27T02:00:00.000Z';

/** What each migration added, removed again: the database as it was before that migration. */
const UNDO: Record<string, string[]> = {
  '120-triage-events.sql': ['DROP INDEX votes_at', 'DROP INDEX alerts_received', 'DROP INDEX alerts_status_received', 'ALTER TABLE votes DROP COLUMN kind'],
  '203-alert-state-as-of.sql': ['ALTER TABLE alerts DROP COLUMN state_as_of'],
};

describe.each(KINDS)('migrations on %s', (kind) => {
  let db: TestDatabase;
  let store: SqlStore | undefined;

  beforeEach(async () => {
    db = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await store?.close();
    await db.drop();
  });

  async function applied(s: SqlStore): Promise<string[]> {
    return (await s.db.all<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id')).map((r) => r.id);
  }

  /** A fresh database migrated fully, then without `missing` (as a branch without it left it). */
  async function existingWithout(missing: string): Promise<void> {
    const fresh = await openStore(db.url);
    expect(await applied(fresh)).toEqual(expect.arrayContaining(['120-triage-events.sql', '203-alert-state-as-of.sql']));
    await fresh.alerts.save(makeAlert({ systemAlertId: 'kept' }), { receivedAt: RECEIVED });
    for (const sql of UNDO[missing]!) await fresh.db.exec(sql);
    await fresh.db.run('DELETE FROM schema_migrations WHERE id = $1', [missing]);
    await fresh.close();
  }

  async function bothWork(s: SqlStore): Promise<void> {
    expect(await applied(s)).toEqual(expect.arrayContaining(['120-triage-events.sql', '203-alert-state-as-of.sql']));
    // The alert stored before is still there, found by when it was received (120's index column).
    const { alerts } = await s.alerts.receivedBetween(RECEIVED, '2026-11-27T03:00:00.000Z', 10);
    expect(alerts.map((a) => a.alert.systemAlertId)).toEqual(['kept']);
    // Dated updates (203): an older one changes nothing.
    const alert = makeAlert({ systemAlertId: 'dated' });
    await s.alerts.save({ ...alert, status: 'Resolved' }, { asOf: '2026-11-27T02:10:00.000Z', receivedAt: RECEIVED });
    expect(await s.alerts.save({ ...alert, status: 'Active' }, { asOf: '2026-11-27T02:05:00.000Z' })).toMatchObject({ outdated: true });
    expect((await s.alerts.get('dated'))?.status).toBe('Resolved');
    // Triage events (120): votes have their kind.
    await s.db.exec(
      "INSERT INTO votes (alert_id, platform, user_id, display_name, role, verdict, severity, at) VALUES ('dated', 'web', 'u', 'u', 'analyst', 'true-positive', 'High', '2026-11-27T02:20:00.000Z')",
    );
    expect(await s.db.get<{ kind: string }>('SELECT kind FROM votes')).toEqual({ kind: 'vote' });
  }

  it('migrates a fresh database with both', async () => {
    store = await openStore(db.url);
    await store.alerts.save(makeAlert({ systemAlertId: 'kept' }), { receivedAt: RECEIVED });
    await bothWork(store);
  });

  it('adds 120 to a database the ingest work migrated (203 applied, 120 not)', async () => {
    await existingWithout('120-triage-events.sql');
    store = await openStore(db.url);
    await bothWork(store);
  });

  it('adds 203 to a database the first-hour work migrated (120 applied, 203 not)', async () => {
    await existingWithout('203-alert-state-as-of.sql');
    store = await openStore(db.url);
    await bothWork(store);
  });
});
