/**
 * `npm run bench -- --short` end to end: one JSON object on stdout with every benchmark's figures as
 * numbers, the targets beside them and the machine they ran on. Whether the targets are met is the
 * benchmark's report, not this test's business (speed is measured, not asserted in unit tests).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/bench.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const FIGURES: Record<string, string[]> = {
  ingest: ['ingest_ratio', 'alerts_per_s'],
  ack: ['p50_ms', 'p99_ms'],
  storm: ['seconds_to_visible', 'messages', 'rate_limited', 'lost'],
  memory: ['rss_mb', 'handoff_query_ms'],
  startup: ['ms'],
  poll: ['arm_cycle_ms', 'arm_requests', 'arm_bytes', 'arm_cpu_ms', 'graph_cycle_ms', 'graph_requests', 'graph_bytes', 'graph_cpu_ms'],
  correlate: ['ms', 'cold_ms', 'arm_ms'],
  webhook: ['accept_ms', 'loop_delay_max_ms', 'rss_mb'],
  analyze: ['recall', 'false_positive_rate', 'p50_ms', 'p99_ms', 'worst_ms', 'entries', 'benign'],
};

describe('npm run bench -- --short', () => {
  let result: { code: number | null; stdout: string; stderr: string };
  let output: Record<string, Record<string, unknown>>;

  beforeAll(async () => {
    result = await runBench(['--short']);
    output = JSON.parse(result.stdout) as Record<string, Record<string, unknown>>;
  }, 300_000);

  it('prints exactly one JSON object on stdout and exits 0', () => {
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(output.short).toBe(true);
  });

  it.each(Object.entries(FIGURES))('%s has its figures, as finite numbers', (bench, keys) => {
    for (const key of keys) {
      const value = output[bench]?.[key];
      expect({ key: `${bench}.${key}`, type: typeof value }).toEqual({ key: `${bench}.${key}`, type: 'number' });
      expect(Number.isFinite(value)).toBe(true);
    }
  });

  it('figures that cannot be negative are not, and every short-run alert is accounted for', () => {
    for (const [bench, keys] of Object.entries(FIGURES)) for (const key of keys) expect(output[bench]![key] as number).toBeGreaterThanOrEqual(0);
    expect(output.ack!.p99_ms as number).toBeGreaterThanOrEqual(output.ack!.p50_ms as number);
    expect(output.ingest!.posted).toBe(output.ingest!.alerts);
    expect(output.ack!.non_200).toBe(0);
    // Every changed alert is delivered by both pollers; Graph reads what changed, ARM everything retained.
    expect([output.poll!.arm_delivered, output.poll!.graph_delivered]).toEqual([10, 10]);
    expect(output.poll!.graph_bytes as number).toBeLessThan((output.poll!.arm_bytes as number) / 10);
    expect(output.correlate!.related_found as number).toBeGreaterThan(0);
    expect(output.webhook!.status).toBe(202);
  });

  it('prints each target beside its figure, and the machine', () => {
    const targets = output.targets as Record<string, { target: string; value: unknown; met: unknown }>;
    expect(Object.keys(targets)).toEqual(expect.arrayContaining(['ingest.ingest_ratio', 'ack.p99_ms', 'storm.messages', 'memory.rss_mb', 'startup.ms', 'poll.graph_cpu_ms', 'correlate.ms', 'analyze.recall', 'analyze.false_positive_rate', 'analyze.p99_ms', 'analyze.worst_ms']));
    for (const [metric, t] of Object.entries(targets)) {
      const [bench, key] = metric.split('.');
      expect(t.value).toBe(output[bench!]![key!]);
      // Short runs are not the sizes the targets are for: shown, not judged.
      expect(t.met).toBeNull();
      expect(t.target).toMatch(/\d/);
    }
    expect(output.machine).toEqual(expect.objectContaining({ nproc: expect.any(Number), node: process.version, cpu_model: expect.any(String) }));
  });
});

describe('npm run bench: bad options', () => {
  it('an unknown option exits 2 with one line on stderr and nothing on stdout', async () => {
    const r = await runBench(['--fast']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown option "--fast"/);
  }, 60_000);
});
