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
  analyze: {
    recall: 0.9,
    false_positive_rate: 0.021,
    p99_ms: 20,
    worst_ms: 250.5,
    misses: 1,
    per_technique: { T1218: { behaviours: 4, found: 3, recall: 0.75 } },
    per_finding: { 'lolbin-execute': { behaviours: 4, found: 3, recall: 0.75 } },
    top_misses: [{ entry: 'art-T1218-1', technique: 'T1218', finding: 'lolbin-execute', command: 'mavinject.exe 1000 /INJECTRUNNING x.dll' }],
    false_positives: [{ entry: 'benign-2', findings: ['download-cradle'], command: 'apt-get install -y curl' }],
  },
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
      'analyze.recall': true,
      'analyze.false_positive_rate': false,
      'analyze.p99_ms': true,
      'analyze.worst_ms': false,
    });
  });

  it('a missing benchmark or a storm that never became visible is not judged', () => {
    const checks = checkTargets({ ...full, startup: undefined, storm: { ...full.storm, seconds_to_visible: null } });
    expect(checks['startup.ms']).toEqual({ target: '≤ 1500', value: null, met: null });
    expect(checks['storm.seconds_to_visible']!.met).toBeNull();
  });

  it('a short run shows its figures beside the targets without judging them', () => {
    expect(Object.values(checkTargets(full, true)).map((c) => c.met)).toEqual(Array(14).fill(null));
    expect(prettyTable(full, 'h', true)).toMatch(/ingest\.ingest_ratio\s+1\.4\s+≤ 1\.5\s+n\/a \(short run\)/);
    expect(prettyTable(full, 'h')).toMatch(/ack\.p99_ms\s+51\s+≤ 50\s+NO/);
  });

  it('the analyze figures get their own tables: recall per technique and per finding, the misses, the false positives', () => {
    const table = prettyTable(full, 'h');
    expect(table).toMatch(/analyze\.recall\s+0\.9\s+≥ 0\.9\s+yes/);
    expect(table).toMatch(/recall per technique:\ntechnique\s+behaviours\s+found\s+recall\n[- ]+\nT1218\s+4\s+3\s+0\.75/);
    expect(table).toMatch(/art-T1218-1 lolbin-execute: mavinject\.exe/);
    expect(table).toMatch(/false positives on the benign set \(1\):\n {2}benign-2 download-cradle: apt-get/);
    expect(table).not.toMatch(/per_technique=/);
  });
});
