/** Every benchmark, with its full and CI-sized (short) parameters. */
import { benchAck } from './ack';
import { benchIngest } from './ingest';
import { benchMemory } from './memory';
import { benchStartup } from './startup';
import { benchStorm } from './storm';
import { benchWebhook } from './webhook';

export type BenchName = 'ingest' | 'ack' | 'storm' | 'memory' | 'startup' | 'webhook';

export const BENCHMARKS: Record<BenchName, (short: boolean) => Promise<object>> = {
  ingest: (short) => benchIngest(short ? 300 : 10_000, short ? 1 : 2),
  ack: (short) => benchAck({ clicks: short ? 50 : 600, clicksPerSecond: 20, investigationMs: 5000 }),
  memory: (short) => benchMemory(short ? 5000 : 100_000),
  startup: (short) => benchStartup(short ? 2 : 7),
  // Short: fewer keys, so the run is CI-sized under the same real 1 post/s limit.
  webhook: (short) => benchWebhook(short ? 1000 : 10_000),
  storm: (short) => benchStorm(short ? { alerts: 60, types: 3, resources: 2, timeoutSeconds: 40 } : { alerts: 1000, types: 20, resources: 10, timeoutSeconds: 600 }),
};
