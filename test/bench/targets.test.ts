/** The targets printed beside the figures: judged on full runs, shown but not judged on short ones. */
import { checkTargets } from '../../bench/targets';
import { prettyTable } from '../../bench/table';

const full = {
  ingest: { ingest_ratio: 1.4, alerts_per_s: 900 },
  ack: { p50_ms: 5, p99_ms: 51 },
  storm: { seconds_to_visible: 60, messages: 41, rate_limited: 3, lost: 0 },
  memory: { rss_mb: 250, handoff_query_ms: 200.5 },
  startup: { ms: 1500 },
  poll: { arm_cycle_ms: 9000, graph_cycle_ms: 120, graph_cpu_ms: 50.5 },
  correlate: { ms: 500 },
};

describe('benchmark targets', () => {
  it('judges each figure of a full run against its target, bounds included', () => {
    const met = Object.fromEntries(Object.entries(checkTargets(full)).map(([k, v]) => [k, v.met]));
    expect(met).toEqual({
      'ingest.ingest_ratio': true,
      'ack.p99_ms': false,
      'storm.seconds_to_visible': true,
      'storm.messages': false,
      'storm.lost': true,
      'memory.rss_mb': true,
      'memory.handoff_query_ms': false,
      'startup.ms': true,
      'poll.graph_cpu_ms': false,
      'correlate.ms': true,
    });
  });

  it('a missing benchmark or a storm that never became visible is not judged', () => {
    const checks = checkTargets({ ...full, startup: undefined, storm: { ...full.storm, seconds_to_visible: null } });
    expect(checks['startup.ms']).toEqual({ target: '≤ 1500', value: null, met: null });
    expect(checks['storm.seconds_to_visible']!.met).toBeNull();
  });

  it('a short run shows its figures beside the targets without judging them', () => {
    expect(Object.values(checkTargets(full, true)).map((c) => c.met)).toEqual(Array(10).fill(null));
    expect(prettyTable(full, 'h', true)).toMatch(/ingest\.ingest_ratio\s+1\.4\s+≤ 1\.5\s+n\/a \(short run\)/);
    expect(prettyTable(full, 'h')).toMatch(/ack\.p99_ms\s+51\s+≤ 50\s+NO/);
  });
});
