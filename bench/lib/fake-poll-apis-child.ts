/**
 * The fake ARM Alerts API (test/fakes/arm-server.ts) and the fake Microsoft Graph security API
 * (test/fakes/graph-server.ts) in their own process, holding `retained` alerts each, so their work
 * (and their memory) is not the bot's being measured. Counts the requests and the response bytes
 * each API served. Started by fake-poll-apis-process.ts with fork(); answers over IPC:
 *   change {count, at}  — `count` alerts change status (ARM: Active → Resolved; Graph: resolved,
 *                         lastUpdateDateTime = at), as Defender would
 *   traffic / reset     — requests and bytes served per API since the last reset
 */
import http from 'node:http';
import { FakeArmServer } from '../../test/fakes/arm-server';
import { FakeGraph, INCIDENT_READ_ROLE, READ_ROLE } from '../../test/fakes/graph-server';
import { graphAlert, graphIdOf } from '../../test/helpers/graph-alerts';
import { BENCH_SUBSCRIPTION, retainedAlert } from './raw-alerts';

export interface FakePollApisOptions {
  retained: number;
  /** lastUpdateDateTime of every retained Graph alert (and the ARM alerts' time), ISO */
  retainedAt: string;
  /** ARM alert ids name this run (bench/lib/raw-alerts.ts retainedAlert) */
  run: string;
  /** ARM alerts spread over this many days before retainedAt (default: all at it) */
  spreadDays?: number;
  /** Graph holds the retained alerts too (default true) */
  graph?: boolean;
  armPageSize: number;
  graphPageSize: number;
}

export type PollApisRequest = { id: number; op: 'change'; count: number; at: string } | { id: number; op: 'traffic' } | { id: number; op: 'reset' };

export interface ApiTraffic {
  requests: number;
  bytes: number;
}

const traffic: Record<'arm' | 'graph', ApiTraffic> = { arm: { requests: 0, bytes: 0 }, graph: { requests: 0, bytes: 0 } };

/** Counts what each server writes back (both fakes answer with one end() per request). */
function countResponses(ports: Map<number, 'arm' | 'graph'>): void {
  const end = http.ServerResponse.prototype.end;
  http.ServerResponse.prototype.end = function (this: http.ServerResponse, ...args: unknown[]) {
    const api = ports.get(this.req.socket.localPort ?? 0);
    const chunk = args[0];
    if (api) {
      traffic[api].requests++;
      traffic[api].bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : Buffer.isBuffer(chunk) ? chunk.length : 0;
    }
    return end.apply(this, args as Parameters<typeof end>);
  } as typeof end;
}

async function main(): Promise<void> {
  const o = JSON.parse(process.argv[2] ?? '{}') as FakePollApisOptions;
  const arm = await new FakeArmServer().start();
  const graph = await new FakeGraph().start();
  arm.pageSize = o.armPageSize;
  graph.pageSize = o.graphPageSize;
  graph.grant('bench', READ_ROLE, INCIDENT_READ_ROLE);
  const armAlerts = Array.from({ length: o.retained }, (_, i) => retainedAlert(i, { n: o.retained, run: o.run, at: o.retainedAt, spreadDays: o.spreadDays }));
  arm.setAlerts(BENCH_SUBSCRIPTION, armAlerts);
  if (o.graph !== false) for (let i = 0; i < o.retained; i++) graph.put(graphAlert(i, { lastUpdate: o.retainedAt, incidentId: String(7000 + (i % 1000)) }));
  for (let i = 0; i < 1000; i++) graph.putIncident({ id: String(7000 + i), displayName: `Bench incident ${i}` });
  countResponses(new Map([[new URL(arm.url).port, 'arm'], [new URL(graph.url).port, 'graph']].map(([p, api]) => [Number(p), api as 'arm' | 'graph'])));
  // Nothing of the set-up counts.
  arm.requests.length = 0;
  process.on('message', (m: PollApisRequest) => {
    if (m.op === 'change') {
      for (let i = 0; i < m.count; i++) {
        const a = armAlerts[i]!;
        a.properties = { ...a.properties, status: 'Resolved' } as typeof a.properties;
        graph.change(graphIdOf(i), { status: 'resolved', lastUpdateDateTime: m.at });
      }
      process.send!({ id: m.id, value: true });
    } else if (m.op === 'traffic') process.send!({ id: m.id, value: traffic });
    else if (m.op === 'reset') {
      traffic.arm = { requests: 0, bytes: 0 };
      traffic.graph = { requests: 0, bytes: 0 };
      arm.requests.length = 0;
      graph.clearRequests();
      process.send!({ id: m.id, value: true });
    }
  });
  process.send!({ armUrl: arm.url, graphUrl: graph.url });
}

main().catch((err: unknown) => {
  process.stderr.write(`fake poll APIs: ${(err as Error).stack}\n`);
  process.exit(1);
});
