/**
 * `npm run bench`: every benchmark of bench/, each in its own process, then ONE JSON object on
 * stdout: {ingest, ack, storm, memory, startup, poll, correlate, webhook, analyze, targets, machine, short}. Progress goes to stderr.
 *
 *   --short        CI-sized runs (smaller counts; the same code paths)
 *   --pretty       a table (figures beside their targets) instead of JSON
 *   --only=a,b     run only these benchmarks (ingest, ack, storm, memory, startup, poll, correlate, webhook, analyze)
 *
 * A benchmark that fails is reported as {"error": "..."} under its key and the exit code is 1.
 * Targets are printed, not enforced: a missed target is a figure to report, not a failed run.
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import type { BenchName } from '../bench/benchmarks';
import { runTsChild } from '../bench/lib/child';
import { prettyTable } from '../bench/table';
import { checkTargets, type BenchResults } from '../bench/targets';

const ALL: BenchName[] = ['ingest', 'ack', 'storm', 'memory', 'startup', 'poll', 'correlate', 'webhook', 'analyze'];
const RUN_ONE = path.resolve(__dirname, '../bench/run-one.ts');

function parseArgs(argv: string[]): { short: boolean; pretty: boolean; only: BenchName[] } | string {
  let short = false;
  let pretty = false;
  let only = ALL;
  for (const a of argv) {
    if (a === '--short') short = true;
    else if (a === '--pretty') pretty = true;
    else if (a.startsWith('--only=')) {
      const names = a.slice('--only='.length).split(',').filter(Boolean);
      const unknown = names.find((n) => !ALL.includes(n as BenchName));
      if (unknown) return `unknown benchmark "${unknown.slice(0, 40)}" in --only (one of ${ALL.join(', ')})`;
      only = names as BenchName[];
    } else return `unknown option "${a.slice(0, 40)}" (use --short, --pretty, --only=${ALL.join(',')})`;
  }
  return { short, pretty, only };
}

export function machine(): Record<string, unknown> {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  return {
    nproc: os.availableParallelism(),
    cpu_model: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown',
    memory_gb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    load_average_1m: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`bench: ${args}\n`);
    return 2;
  }
  const before = machine();
  const results: BenchResults = {};
  let failed = false;
  for (const name of args.only) {
    const started = Date.now();
    process.stderr.write(`bench: ${name}${args.short ? ' (short)' : ''}…\n`);
    try {
      results[name] = await runTsChild<Record<string, unknown>>(RUN_ONE, [name, ...(args.short ? ['--short'] : [])]);
    } catch (err) {
      failed = true;
      results[name] = { error: err instanceof Error ? err.message : String(err) };
    }
    process.stderr.write(`bench: ${name} done in ${Math.round((Date.now() - started) / 1000)} s\n`);
  }
  const output = { ...results, targets: checkTargets(results, args.short), machine: { ...before, load_average_1m_after: machine().load_average_1m }, short: args.short };
  const header = `defender-triage-bot benchmarks${args.short ? ' (short)' : ''} — ${before.nproc} CPU ${before.cpu_model}, ${before.memory_gb} GB, node ${before.node}`;
  process.stdout.write(args.pretty ? prettyTable(results, header, args.short) : `${JSON.stringify(output)}\n`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
