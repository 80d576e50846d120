import pg from 'pg';
import type { SqlDb, SqlValue } from './sql-db';

// BIGINT (int8) comes back as a string by default; our counters and epoch-ms fit in a double.
pg.types.setTypeParser(20, (v: string) => Number(v));

type Queryable = pg.Pool | pg.PoolClient;

function view(q: Queryable, self: PostgresDb): SqlDb {
  return {
    dialect: 'postgres',
    run: async (sql, params) => ({ changes: (await q.query(sql, params as unknown[])).rowCount ?? 0 }),
    all: async <T>(sql: string, params?: SqlValue[]) => (await q.query(sql, params as unknown[])).rows as T[],
    get: async <T>(sql: string, params?: SqlValue[]) => (await q.query(sql, params as unknown[])).rows[0] as T | undefined,
    exec: async (sql) => void (await q.query(sql)),
    transaction: (fn) => (q instanceof pg.Pool ? self.transaction(fn) : fn(view(q, self))),
    close: async () => undefined,
  };
}

export class PostgresDb implements SqlDb {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly direct: SqlDb;

  constructor(connectionString: string, max = 10) {
    this.pool = new pg.Pool({ connectionString, max });
    // An idle client losing its server must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.direct = view(this.pool, this);
  }

  run(sql: string, params?: SqlValue[]) {
    return this.direct.run(sql, params);
  }
  all<T>(sql: string, params?: SqlValue[]) {
    return this.direct.all<T>(sql, params);
  }
  get<T>(sql: string, params?: SqlValue[]) {
    return this.direct.get<T>(sql, params);
  }
  exec(sql: string) {
    return this.direct.exec(sql);
  }

  async transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const value = await fn(view(client, this));
      await client.query('COMMIT');
      return value;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
