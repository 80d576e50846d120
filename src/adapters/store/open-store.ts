/**
 * DATABASE_URL → a migrated Store. `sqlite:<path>` (default ./data/triage.db) or `postgres://…`.
 */
import type { Store } from '../../ports/store';
import { SqlAlertRepository } from './alert-repository';
import { SqlAuditLog } from './audit-log';
import { SqlHandoffRepository } from './handoff-repository';
import { SqlLeaseRepository } from './lease-repository';
import { SqlOutboxRepository } from './outbox-repository';
import { SqlPollStateRepository } from './poll-state-repository';
import { SqlCaseFindingsRepository } from './case-findings-repository';
import { SqlStormRepository } from './storm-repository';
import { SqlMessageRefRepository } from './message-ref-repository';
import { migrate } from './migrate';
import { PostgresDb } from './postgres-db';
import type { SqlDb } from './sql-db';
import { SqliteDb } from './sqlite-db';
import { SqlVoteRepository } from './vote-repository';
import { SqlWriteBackQueue } from './write-back-queue';
import { SqlTeamsConversationStore } from './teams-conversation-repository';

export const DEFAULT_DATABASE_URL = 'sqlite:./data/triage.db';

export class SqlStore implements Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly alerts: SqlAlertRepository;
  readonly messages: SqlMessageRefRepository;
  readonly audit: SqlAuditLog;
  readonly votes: SqlVoteRepository;
  readonly writeBacks: SqlWriteBackQueue;
  readonly handoffs: SqlHandoffRepository;
  readonly outbox: SqlOutboxRepository;
  readonly leases: SqlLeaseRepository;
  readonly pollState: SqlPollStateRepository;
  readonly storms: SqlStormRepository;
  readonly findings: SqlCaseFindingsRepository;
  /** Teams conversation references and pending posts (not part of the Store port: only Teams needs it). */
  readonly teams: SqlTeamsConversationStore;

  constructor(readonly db: SqlDb) {
    this.kind = db.dialect;
    this.alerts = new SqlAlertRepository(db);
    this.messages = new SqlMessageRefRepository(db);
    this.audit = new SqlAuditLog(db);
    this.votes = new SqlVoteRepository(db);
    this.writeBacks = new SqlWriteBackQueue(db);
    this.handoffs = new SqlHandoffRepository(db);
    this.outbox = new SqlOutboxRepository(db);
    this.leases = new SqlLeaseRepository(db);
    this.pollState = new SqlPollStateRepository(db);
    this.storms = new SqlStormRepository(db);
    this.findings = new SqlCaseFindingsRepository(db);
    this.teams = new SqlTeamsConversationStore(db);
  }

  atomically<T>(fn: (store: SqlStore) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(new SqlStore(tx)));
  }

  async ping(): Promise<void> {
    await this.db.get('SELECT 1 AS ok');
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

export function openSqlDb(databaseUrl: string = DEFAULT_DATABASE_URL): SqlDb {
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) {
    return new PostgresDb(databaseUrl);
  }
  if (databaseUrl.startsWith('sqlite:')) return new SqliteDb(databaseUrl.slice('sqlite:'.length) || ':memory:');
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${databaseUrl.slice(0, 40)}")`);
}

export async function openStore(databaseUrl?: string): Promise<SqlStore> {
  const db = openSqlDb(databaseUrl);
  await migrate(db);
  return new SqlStore(db);
}
