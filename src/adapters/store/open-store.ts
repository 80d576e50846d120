/**
 * DATABASE_URL → a migrated Store. `sqlite:<path>` (default ./data/triage.db) or `postgres://…`.
 */
import type { Store } from '../../ports/store';
import { SqlAlertRepository } from './alert-repository';
import { SqlAuditLog } from './audit-log';
import { SqlMessageRefRepository } from './message-ref-repository';
import { migrate } from './migrate';
import { PostgresDb } from './postgres-db';
import type { SqlDb } from './sql-db';
import { SqliteDb } from './sqlite-db';

export const DEFAULT_DATABASE_URL = 'sqlite:./data/triage.db';

export class SqlStore implements Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly alerts: SqlAlertRepository;
  readonly messages: SqlMessageRefRepository;
  readonly audit: SqlAuditLog;

  constructor(readonly db: SqlDb) {
    this.kind = db.dialect;
    this.alerts = new SqlAlertRepository(db);
    this.messages = new SqlMessageRefRepository(db);
    this.audit = new SqlAuditLog(db);
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
