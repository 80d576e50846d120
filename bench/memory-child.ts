/**
 * The two halves of the memory benchmark, each in its own process (started by memory.ts):
 *   seed <sqlite file> <n>  — stores n alerts (one normalized Defender alert, copied with its own id,
 *                              type, host and time, spread over the last 30 days and received then)
 *                              through the store;
 *   measure <sqlite file>   — the bot as `triage-bot start` builds it (local mode, that database),
 *                              then the handoff query of the current shift over those alerts.
 * Each prints one JSON line; `measure` reports its peak RSS (the kernel's maxrss for the process).
 */
import os from 'node:os';
import { SqlAlertRepository } from '../src/adapters/store/alert-repository';
import { openStore, type SqlStore } from '../src/adapters/store/open-store';
import { silentLogger } from '../src/app/deps';
import { handoffMessages } from '../src/app/handoff-card';
import { summarize } from '../src/app/handoff';
import { buildApp } from '../src/composition-root';
import { loadConfig } from '../src/config/load-config';
import type { Alert } from '../src/domain/alert';
import { DEFAULT_SHIFTS, shiftAt } from '../src/domain/handoff/shifts';
import { normalizeAlerts } from '../src/domain/normalize';
import { freePort, median, peakRssMb, round } from './lib/measure';
import { armAlert, benchAlertId } from './lib/raw-alerts';

const DAY_MS = 86_400_000;

async function seed(file: string, n: number): Promise<object> {
  const store = (await openStore(`sqlite:${file}`)) as SqlStore;
  const [template] = normalizeAlerts(armAlert({ index: 0, run: 'mem', alertType: 'VM_Mem', vm: 'mem-vm-0', at: new Date().toISOString() }));
  const now = Date.now();
  const start = performance.now();
  const statuses: Alert['status'][] = ['Active', 'Active', 'InProgress', 'Resolved', 'Dismissed'];
  // The store's own alert repository, 1000 saves per transaction (seeding speed only; the saves are the bot's).
  const batch = async (from: number, to: number) =>
    store.db.transaction(async (tx) => {
      const alerts = new SqlAlertRepository(tx);
      // Received when it happened: a store filled by 30 days of ingest, not by one burst now.
      for (let i = from; i < to; i++) {
        const alert = alertNumber(i);
        await alerts.save(alert, { receivedAt: alert.generatedTime });
      }
    });
  const alertNumber = (i: number): Alert => {
    const at = new Date(now - Math.floor((i / n) * 30 * DAY_MS)).toISOString();
    const id = benchAlertId(i, 'mem');
    const alert: Alert = { ...template!, systemAlertId: id, alertType: `VM_Mem_${i % 50}`, status: statuses[i % statuses.length]!, startTime: at, endTime: at, generatedTime: at };
    alert.displayName = `Memory bench alert ${i} on mem-vm-${i % 200}`;
    alert.compromisedEntity = `mem-vm-${i % 200}`;
    return alert;
  };
  for (let i = 0; i < n; i += 1000) await batch(i, Math.min(n, i + 1000));
  const seedMs = performance.now() - start;
  const count = await store.alerts.count();
  await store.close();
  return { alerts: count, seed_ms: Math.round(seedMs), seed_peak_rss_mb: round(peakRssMb(), 1) };
}

async function measure(file: string): Promise<object> {
  const config = loadConfig({ DATABASE_URL: `sqlite:${file}`, PORT: String(await freePort()), LOG_LEVEL: 'silent', LOCAL_DEMO: 'false' });
  const app = await buildApp(config, { logger: silentLogger });
  await app.start();
  try {
    const count = await app.deps.store.alerts.count();
    const now = app.deps.clock.now();
    const shift = { ...shiftAt(app.deps.settings.shifts ?? DEFAULT_SHIFTS, now), end: now };
    const runs: number[] = [];
    let summary: Awaited<ReturnType<typeof summarize>> | undefined;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      summary = await summarize(shift, app.deps);
      handoffMessages(summary, `bench-${i}`);
      runs.push(performance.now() - start);
    }
    return {
      alerts_in_store: count,
      handoff_query_ms: round(runs[0]!, 1),
      handoff_query_warm_ms: round(median(runs.slice(1)), 1),
      shift_alerts: summary?.total ?? null,
      rss_mb: round(peakRssMb(), 1),
      free_system_memory_mb: Math.round(os.freemem() / 1048576),
    };
  } finally {
    await app.stop();
  }
}

async function main(): Promise<void> {
  const [op, file, n] = process.argv.slice(2);
  if (!file || (op !== 'seed' && op !== 'measure')) throw new Error('usage: memory-child.ts seed <file> <n> | measure <file>');
  const result = op === 'seed' ? await seed(file, Number(n)) : await measure(file);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`memory-child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
