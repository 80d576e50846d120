/**
 * GRAPH_ALERTS through the app as built (buildApp): the Graph poller is a source and its alerts are
 * stored, /readyz reports Graph like Azure (non-critical: degraded, not unready), and decisions for
 * alerts in the Defender portal are routed to Graph. Against the fake Graph server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../src/app/deps';
import { buildApp, type BuiltApp } from '../src/composition-root';
import { loadConfig } from '../src/config/load-config';
import { FakeGraph, INCIDENT_READ_ROLE, READ_ROLE } from './fakes/graph-server';
import { alertIdOf } from './adapters/ingest/raw-alerts';
import { freePort } from './helpers/free-port';
import { graphAlert, TENANT } from './helpers/graph-alerts';
import { waitFor } from './helpers/wait-for';

const credential = { getToken: async () => ({ token: 'bot', expiresOnTimestamp: Date.now() + 3_600_000 }) };

describe('GRAPH_ALERTS in the composition root', () => {
  let graph: FakeGraph;
  let dir: string;
  let app: BuiltApp | undefined;

  beforeEach(async () => {
    graph = await new FakeGraph().start();
    graph.grant('bot', READ_ROLE, INCIDENT_READ_ROLE);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-root-'));
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await graph.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(): Promise<string> {
    const config = loadConfig({
      DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      GRAPH_ALERTS: 'true',
      GRAPH_ENDPOINT: graph.url,
      GRAPH_LOOKBACK_HOURS: String(24 * 30),
      AZURE_TENANT_ID: TENANT,
      POLL_INTERVAL_SECONDS: '5',
    });
    expect(config.mode).toBe('connected');
    app = await buildApp(config, { logger: silentLogger, azureCredential: credential });
    return (await app.start()).url;
  }

  it('polls Graph and stores what it delivers; /readyz lists Graph as ok', async () => {
    graph.now = () => new Date('2026-12-01T00:00:00Z');
    graph.put(graphAlert(0, { lastUpdate: new Date(Date.now() - 3_600_000).toISOString() }));
    const url = await start();
    await waitFor(async () => (await app!.deps.store.alerts.get(alertIdOf(0))) !== undefined);
    expect(app!.sources.map((s) => s.name)).toContain('graph-alert-poller');
    const res = await fetch(`${url}readyz`);
    expect(await res.json()).toEqual({ status: 'ready', checks: [{ name: 'store', ok: true }, { name: 'graph', ok: true }] });
  });

  it('is degraded, naming the permission, when Graph refuses', async () => {
    graph.tokens.set('bot', []);
    const url = await start();
    const res = await fetch(`${url}readyz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; checks: { name: string; ok: boolean; problem?: string }[] };
    expect(body.status).toBe('degraded');
    expect(body.checks.find((c) => c.name === 'graph')).toMatchObject({ ok: false, problem: expect.stringContaining('SecurityAlert.Read.All') });
  });
});
