/**
 * startup: `node bin/triage-bot.js start` (what `npm start` runs) in local mode on a free port with a
 * fresh temporary DATABASE_URL, from spawn to ready: the "ready in" line the start command prints
 * once the HTTP host listens, the store is migrated, the outbox worker and the sources have started.
 * Also when /healthz first answers, and the CPU time the process had used when ready (a figure
 * that a busy machine does not inflate the way it inflates wall time). Several runs; medians.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, median, round, sleep } from './lib/measure';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'triage-bot.js');

export interface StartupFigures {
  ms: number;
  healthz_ms: number;
  cpu_ms: number;
  runs: number;
  min_ms: number;
  max_ms: number;
}

export async function benchStartup(runs: number): Promise<StartupFigures> {
  const ready: number[] = [];
  const healthz: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await startOnce();
    ready.push(r.readyMs);
    healthz.push(r.healthzMs);
    cpu.push(r.cpuMs);
  }
  return { ms: round(median(ready), 0), healthz_ms: round(median(healthz), 0), cpu_ms: round(median(cpu), 0), runs, min_ms: round(Math.min(...ready), 0), max_ms: round(Math.max(...ready), 0) };
}

async function startOnce(): Promise<{ readyMs: number; healthzMs: number; cpuMs: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-bench-start-'));
  const port = await freePort();
  // A clean environment: local mode, whatever the caller's shell has set.
  const env = { PATH: process.env.PATH ?? '', HOME: dir, PORT: String(port), DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`, LOG_LEVEL: 'warn' };
  const start = performance.now();
  const child = spawn(process.execPath, [BIN, 'start'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let healthzMs = NaN;
  const polling = (async () => {
    while (Number.isNaN(healthzMs) && child.exitCode === null) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) healthzMs = performance.now() - start;
      else await sleep(5);
    }
  })();
  try {
    let cpuMs = NaN;
    const readyMs = await new Promise<number>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString('utf8');
        if (!/ready in \d+ ms/.test(out)) return;
        const at = performance.now() - start;
        cpuMs = cpuTimeMs(child.pid);
        resolve(at);
      });
      child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
      child.on('exit', (code) => reject(new Error(`startup: triage-bot start exited with ${code} before ready: ${err.slice(-1000)}`)));
      setTimeout(() => reject(new Error('startup: not ready within 60 s')), 60_000).unref();
    });
    await polling;
    return { readyMs, healthzMs, cpuMs };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** user + system CPU time of a process so far, from /proc (Linux); NaN elsewhere. */
function cpuTimeMs(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}
