/**
 * poll: one poll cycle of each source with `retained` alerts retained and `changed` of them changed
 * since the last cycle, against local fakes of each API in their own process:
 *   arm   — the Defender poller (DefenderAlertLister over @azure/arm-security's pipeline): the Alerts
 *           API has no time filter, so a cycle lists every retained alert and compares each with
 *           what was seen (warm-up: one cycle that sees them all);
 *   graph — the Graph alerts_v2 poller: a cycle asks for what changed since the cursor (left where
 *           a previous pass put it: after the retained alerts' last update).
 * Changed alerts go through the real ingest into a SQLite store. Figures per source: wall time of
 * the cycle, requests made, response bytes read, and this process's CPU time (user + system) during it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefenderAlertLister } from '../src/adapters/azure/defender-alert-lister';
import { DefenderPoller } from '../src/adapters/azure/defender-poller';
import { GraphAlertPoller, graphCursorKey } from '../src/adapters/azure/graph-alert-poller';
import { GraphSecurityClient } from '../src/adapters/azure/graph-security-client';
import { openStore } from '../src/adapters/store/open-store';
import { defaultSettings, silentLogger, type AppDeps } from '../src/app/deps';
import { ingestRaw } from '../src/app/ingest-alert';
import { systemClock } from '../src/ports/clock';
import { TENANT } from '../test/helpers/graph-alerts';
import { startFakePollApis, type FakePollApis } from './lib/fake-poll-apis-process';
import { round } from './lib/measure';
import { BENCH_SUBSCRIPTION } from './lib/raw-alerts';

export interface PollFigures {
  retained: number;
  changed: number;
  arm_cycle_ms: number;
  arm_requests: number;
  arm_bytes: number;
  arm_cpu_ms: number;
  arm_delivered: number;
  graph_cycle_ms: number;
  graph_requests: number;
  graph_bytes: number;
  graph_cpu_ms: number;
  graph_delivered: number;
}

const quiet = { info() {}, warn() {}, error() {} };
const credential = { getToken: async () => ({ token: 'bench', expiresOnTimestamp: Date.now() + 3_600_000 }) };

export async function benchPoll(retained: number, changed: number): Promise<PollFigures> {
  const retainedAt = new Date(Date.now() - 3_600_000).toISOString();
  const apis = await startFakePollApis({ retained, retainedAt, run: 'poll', armPageSize: 200, graphPageSize: 200 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-bench-poll-'));
  const store = await openStore(`sqlite:${path.join(dir, 'triage.db')}`);
  try {
    const deps: AppDeps = { store, surfaces: {}, clock: systemClock, logger: silentLogger, settings: defaultSettings, routes: () => [] };
    let delivered = 0;
    const deliver = async (raw: unknown) => {
      await ingestRaw(raw, deps);
      delivered++;
    };
    const arm = new DefenderPoller({
      lister: new DefenderAlertLister({ credential, endpoint: apis.armUrl, allowInsecureConnection: true }),
      subscriptionIds: [BENCH_SUBSCRIPTION],
      pollState: store.pollState,
      leases: store.leases,
      owner: 'bench',
      intervalMs: 60_000,
      clock: systemClock,
      logger: quiet,
    });
    await arm.pollSubscription(BENCH_SUBSCRIPTION, async () => undefined); // warm-up: every retained alert seen
    const client = new GraphSecurityClient({ credential, endpoint: apis.graphUrl });
    const graph = new GraphAlertPoller({ client, tenantId: TENANT, pollState: store.pollState, leases: store.leases, owner: 'bench', intervalMs: 60_000, clock: systemClock, logger: quiet });
    // Where a previous pass left the cursor: just after the retained alerts' last update.
    await store.pollState.markSeen(graphCursorKey(TENANT), [{ alertId: 'cursor', status: 'cursor', generatedTime: new Date(Date.parse(retainedAt) + 120_000).toISOString() }]);

    await apis.change(changed, new Date(Date.now() - 60_000).toISOString());
    const armCycle = await cycle(apis, 'arm', () => arm.pollSubscription(BENCH_SUBSCRIPTION, deliver));
    const armDelivered = delivered;
    delivered = 0;
    const graphCycle = await cycle(apis, 'graph', () => graph.poll(deliver));
    return {
      retained,
      changed,
      arm_cycle_ms: armCycle.ms,
      arm_requests: armCycle.requests,
      arm_bytes: armCycle.bytes,
      arm_cpu_ms: armCycle.cpuMs,
      arm_delivered: armDelivered,
      graph_cycle_ms: graphCycle.ms,
      graph_requests: graphCycle.requests,
      graph_bytes: graphCycle.bytes,
      graph_cpu_ms: graphCycle.cpuMs,
      graph_delivered: delivered,
    };
  } finally {
    await store.close();
    await apis.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function cycle(apis: FakePollApis, api: 'arm' | 'graph', run: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number; requests: number; bytes: number }> {
  await apis.reset();
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const traffic = (await apis.traffic())[api];
  return { ms: round(ms, 1), cpuMs: round((used.user + used.system) / 1000, 1), requests: traffic.requests, bytes: traffic.bytes };
}
