/** Every benchmark, with its full and CI-sized (short) parameters. */
import { benchAck } from './ack';
import { benchAnalyze } from './analyze';
import { benchCorrelate } from './correlate';
import { benchIngest } from './ingest';
import { benchMemory } from './memory';
import { benchPoll } from './poll';
import { benchStartup } from './startup';
import { benchStorm } from './storm';
import { benchWebhook } from './webhook';

export type BenchName = 'ingest' | 'ack' | 'storm' | 'memory' | 'startup' | 'poll' | 'correlate' | 'webhook' | 'analyze';

export const BENCHMARKS: Record<BenchName, (short: boolean) => Promise<object>> = {
  ingest: (short) => benchIngest(short ? 300 : 10_000, short ? 1 : 2),
  ack: (short) => benchAck({ clicks: short ? 50 : 600, clicksPerSecond: 20, investigationMs: 5000 }),
  memory: (short) => benchMemory(short ? 5000 : 100_000),
  startup: (short) => benchStartup(short ? 2 : 7),
  // One poll cycle of each source with this many alerts retained, 10 of them changed.
  poll: (short) => benchPoll(short ? 5000 : 100_000, 10),
  correlate: (short) => benchCorrelate(short ? 5000 : 100_000, short ? 3 : 5),
  // Short: fewer keys, so the run is CI-sized under the same real 1 post/s limit.
  webhook: (short) => benchWebhook(short ? 1000 : 10_000),
  // Short: one pass over the corpus (the same figures; fewer timed runs).
  analyze: (short) => benchAnalyze(short ? 1 : 5),
  storm: (short) => benchStorm(short ? { alerts: 60, types: 3, resources: 2, timeoutSeconds: 40 } : { alerts: 1000, types: 20, resources: 10, timeoutSeconds: 600 }),
};
