import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SqlDb, SqlValue } from './sql-db';

/**
 * `$1, $2` stay as they are: SQLite reads them as named parameters "1", "2", bound from an object,
 * so a placeholder used twice binds the same value (better-sqlite3 refuses `?1` with positional values).
 */
function toSqlite(sql: string): string {
  return sql;
}

function bind(params: SqlValue[] = []): [Record<string, unknown>] | [] {
  if (!params.length) return [];
  const named: Record<string, unknown> = {};
  params.forEach((p, i) => (named[String(i + 1)] = typeof p === 'boolean' ? (p ? 1 : 0) : p));
  return [named];
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Prepared statements kept per SQL text (the repositories' SQL is fixed; the cap bounds IN-list variants). */
const MAX_STATEMENTS = 500;

export class SqliteDb implements SqlDb {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /** better-sqlite3 is synchronous; async transactions are chained so they never interleave. */
  private queue: Promise<unknown> = Promise.resolve();
  private inTx = false;

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Checkpoints copy the WAL into the database and fsync it; every alert rewrites the same hot
    // pages (outbox, index leaves), so a longer WAL copies each of them once instead of many times.
    this.db.pragma('wal_autocheckpoint = 4000');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
  }

  async run(sql: string, params?: SqlValue[]): Promise<{ changes: number }> {
    await this.waitTurn();
    const info = this.prepare(sql).run(...bind(params));
    return { changes: info.changes };
  }

  async all<T>(sql: string, params?: SqlValue[]): Promise<T[]> {
    await this.waitTurn();
    return this.prepare(sql).all(...bind(params)) as T[];
  }

  async get<T>(sql: string, params?: SqlValue[]): Promise<T | undefined> {
    await this.waitTurn();
    return this.prepare(sql).get(...bind(params)) as T | undefined;
  }

  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  /**
   * Transactions run one after the other, each on a turn of the event loop of its own. better-sqlite3
   * never waits on I/O, so without that turn a caller storing alerts in a loop would hold the event
   * loop for the whole loop: no Slack ack, no timer, no answer from the sender thread until it ends
   * (a burst of 10,000 alerts posted nothing for seconds — measured by `npm run bench`).
   */
  transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T> {
    const result = this.queue.then(nextTurn).then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      this.inTx = true;
      try {
        const value = await fn(this.txView());
        this.db.exec('COMMIT');
        return value;
      } catch (err) {
        this.db.exec('ROLLBACK');
        throw err;
      } finally {
        this.inTx = false;
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.queue;
    this.db.close();
  }

  /** Preparing is a good part of a small statement's cost (measured by `npm run bench`): prepare once. */
  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= MAX_STATEMENTS) this.statements.clear();
      statement = this.db.prepare(toSqlite(sql));
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Statements outside a transaction wait for a running one, so they do not land inside it; and
   * look again after waiting, since the next queued transaction may have begun meanwhile.
   */
  private async waitTurn(): Promise<void> {
    while (this.inTx) await this.queue;
  }

  /** Inside a transaction, statements run directly on the connection. */
  private txView(): SqlDb {
    const db = this.db;
    return {
      dialect: 'sqlite',
      run: async (sql, params) => ({ changes: this.prepare(sql).run(...bind(params)).changes }),
      all: async <T>(sql: string, params?: SqlValue[]) => this.prepare(sql).all(...bind(params)) as T[],
      get: async <T>(sql: string, params?: SqlValue[]) => this.prepare(sql).get(...bind(params)) as T | undefined,
      exec: async (sql) => void db.exec(sql),
      transaction: (fn) => fn(this.txView()),
      close: async () => undefined,
    };
  }
}
