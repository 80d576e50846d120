/**
 * Fresh stores for tests: SQLite in a temp file, PostgreSQL in a database created for the test and
 * dropped after it (the server at TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { openStore, type SqlStore } from '../../../src/adapters/store/open-store';

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type StoreKind = 'sqlite' | 'postgres';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `t_ingest_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    url: withDatabase(POSTGRES_ADMIN_URL, name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export function createSqliteDatabase(): TestDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-store-'));
  return {
    url: `sqlite:${path.join(dir, 'triage.db')}`,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export function createTestDatabase(kind: StoreKind): Promise<TestDatabase> {
  return kind === 'postgres' ? createPostgresDatabase() : Promise.resolve(createSqliteDatabase());
}

/** A migrated store on a fresh database; `dispose` closes it and drops the database. */
export async function openTestStore(kind: StoreKind): Promise<{ store: SqlStore; url: string; dispose(): Promise<void> }> {
  const db = await createTestDatabase(kind);
  const store = await openStore(db.url);
  return {
    store,
    url: db.url,
    dispose: async () => {
      await store.close();
      await db.drop();
    },
  };
}
