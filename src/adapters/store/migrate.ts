/**
 * Migrations are the .sql files in ./migrations, applied once each in name order. Number ranges
 * by concern keep parallel work from colliding: 0xx core, 1xx votes/handoff, 2xx ingest/outbox.
 * `{{AUTO_ID}}` stands for each dialect's auto-increment primary key.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SqlDb } from './sql-db';

const DIR = path.join(__dirname, 'migrations');

const AUTO_ID = {
  sqlite: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  postgres: 'BIGSERIAL PRIMARY KEY',
};

export async function migrate(db: SqlDb): Promise<string[]> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.sql')).sort();
  const applied: string[] = [];
  for (const file of files) {
    await db.transaction(async (tx) => {
      if (db.dialect === 'postgres') await tx.exec('SELECT pg_advisory_xact_lock(7201)'); // replicas starting together
      const done = await tx.get('SELECT id FROM schema_migrations WHERE id = $1', [file]);
      if (done) return;
      const sql = fs.readFileSync(path.join(DIR, file), 'utf8').replaceAll('{{AUTO_ID}}', AUTO_ID[db.dialect]);
      await tx.exec(sql);
      await tx.run('INSERT INTO schema_migrations (id, applied_at) VALUES ($1, $2)', [file, new Date().toISOString()]);
      applied.push(file);
    });
  }
  return applied;
}
