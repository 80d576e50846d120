/** The targets of issues 8, 20 and 21, checked against the figures (printed beside them, never enforced). */
export interface Target {
  metric: string;
  target: string;
  value: (r: BenchResults) => number | null | undefined;
  met: (v: number) => boolean;
}

export type BenchResults = Record<string, Record<string, unknown> | undefined>;

const num = (r: BenchResults, bench: string, key: string): number | null | undefined => {
  const v = r[bench]?.[key];
  return typeof v === 'number' ? v : v === null ? null : undefined;
};

export const TARGETS: Target[] = [
  { metric: 'ingest.ingest_ratio', target: '≤ 1.5', value: (r) => num(r, 'ingest', 'ingest_ratio'), met: (v) => v <= 1.5 },
  { metric: 'ack.p99_ms', target: '≤ 50', value: (r) => num(r, 'ack', 'p99_ms'), met: (v) => v <= 50 },
  { metric: 'storm.seconds_to_visible', target: '≤ 60', value: (r) => num(r, 'storm', 'seconds_to_visible'), met: (v) => v <= 60 },
  { metric: 'storm.messages', target: '≤ 40', value: (r) => num(r, 'storm', 'messages'), met: (v) => v <= 40 },
  { metric: 'storm.lost', target: '0', value: (r) => num(r, 'storm', 'lost'), met: (v) => v === 0 },
  { metric: 'memory.rss_mb', target: '≤ 250 (100k alerts)', value: (r) => num(r, 'memory', 'rss_mb'), met: (v) => v <= 250 },
  { metric: 'memory.handoff_query_ms', target: '≤ 200', value: (r) => num(r, 'memory', 'handoff_query_ms'), met: (v) => v <= 200 },
  { metric: 'startup.ms', target: '≤ 1500', value: (r) => num(r, 'startup', 'ms'), met: (v) => v <= 1500 },
  { metric: 'poll.graph_cpu_ms', target: '≤ 50 (100k retained, 10 changed)', value: (r) => num(r, 'poll', 'graph_cpu_ms'), met: (v) => v <= 50 },
  { metric: 'analyze.recall', target: '≥ 0.9', value: (r) => num(r, 'analyze', 'recall'), met: (v) => v >= 0.9 },
  { metric: 'analyze.false_positive_rate', target: '≤ 0.02', value: (r) => num(r, 'analyze', 'false_positive_rate'), met: (v) => v <= 0.02 },
  { metric: 'analyze.p99_ms', target: '≤ 20 (per command line)', value: (r) => num(r, 'analyze', 'p99_ms'), met: (v) => v <= 20 },
  { metric: 'analyze.worst_ms', target: '≤ 250 (200 KB worst cases)', value: (r) => num(r, 'analyze', 'worst_ms'), met: (v) => v <= 250 },
  { metric: 'correlate.ms', target: '≤ 500 (100k alerts)', value: (r) => num(r, 'correlate', 'ms'), met: (v) => v <= 500 },
];

export interface TargetCheck {
  target: string;
  value: number | null;
  /** null: not measured, or a short run (the targets are for the full-size runs) */
  met: boolean | null;
}

/** Every target with the measured value; `met` is null when the benchmark gave no value or the run was short. */
export function checkTargets(results: BenchResults, short = false): Record<string, TargetCheck> {
  const out: Record<string, TargetCheck> = {};
  for (const t of TARGETS) {
    const v = t.value(results);
    out[t.metric] = { target: t.target, value: v ?? null, met: typeof v === 'number' && !short ? t.met(v) : null };
  }
  return out;
}
