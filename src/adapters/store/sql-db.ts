/**
 * The little SQL both stores need. Repositories are written once, in SQL that SQLite and
 * PostgreSQL both accept, with `$1`-style placeholders (the SQLite driver rewrites them).
 */
export type SqlValue = string | number | bigint | null | boolean;

export interface SqlDb {
  readonly dialect: 'sqlite' | 'postgres';
  run(sql: string, params?: SqlValue[]): Promise<{ changes: number }>;
  all<T = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<T | undefined>;
  /** Runs fn in one transaction; concurrent callers are serialized (SQLite) or isolated (Postgres). */
  transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}
