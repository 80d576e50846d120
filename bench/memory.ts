/**
 * memory: peak RSS of the bot with `n` alerts in its store, and the handoff query over them.
 * Seeding and measuring run in separate processes (memory-child.ts), so the measured RSS is the
 * bot's own, not the seeding's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTsChild } from './lib/child';

export interface MemoryFigures {
  rss_mb: number;
  handoff_query_ms: number;
  handoff_query_warm_ms: number;
  alerts_in_store: number;
  shift_alerts: number;
  seed_ms: number;
}

export async function benchMemory(n: number): Promise<MemoryFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-bench-mem-'));
  const file = path.join(dir, 'triage.db');
  const child = path.join(__dirname, 'memory-child.ts');
  try {
    const seeded = await runTsChild<{ seed_ms: number }>(child, ['seed', file, String(n)]);
    const measured = await runTsChild<Omit<MemoryFigures, 'seed_ms'>>(child, ['measure', file]);
    return { ...measured, seed_ms: seeded.seed_ms };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
