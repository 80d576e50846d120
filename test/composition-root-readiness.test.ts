/**
 * /readyz through the app as built with Azure configured: the store and Azure (a trivial Log
 * Analytics query against the fake) are checked; Azure failing makes the replica degraded, not
 * unready, since alerts and votes still work without it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../src/app/deps';
import { buildApp, type BuiltApp } from '../src/composition-root';
import { loadConfig } from '../src/config/load-config';
import { FakeLogAnalytics } from './fakes/log-analytics-server';
import { freePort } from './helpers/free-port';

const WORKSPACE = '8c1d2e3f-4a5b-4c6d-9e7f-0a1b2c3d4e5f';


describe('/readyz with Azure configured', () => {
  let la: FakeLogAnalytics;
  let dir: string;
  let app: BuiltApp | undefined;

  beforeEach(async () => {
    la = await new FakeLogAnalytics().start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readyz-'));
  });
  afterEach(async () => {
    await app?.stop();
    await la.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(): Promise<string> {
    const config = loadConfig({
      DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      LOG_ANALYTICS_WORKSPACE_ID: WORKSPACE,
      LOG_ANALYTICS_ENDPOINT: la.url,
      AZURE_CREDENTIAL: 'client-secret',
      AZURE_TENANT_ID: 'tenant',
      AZURE_CLIENT_ID: 'client',
      AZURE_CLIENT_SECRET: 'secret',
    });
    app = await buildApp(config, { logger: silentLogger });
    return (await app.start()).url;
  }

  it('is ready when the store answers and Azure runs a query', async () => {
    const url = await start();
    const res = await fetch(`${url}readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: [{ name: 'store', ok: true }, { name: 'azure', ok: true }] });
    expect(la.requests.map((r) => r.query)).toEqual(['print ok = 1']);
  });

  it('is degraded, naming the problem, when Log Analytics refuses', async () => {
    la.faults.push({ status: 403, body: { error: { code: 'InsufficientAccessError', message: 'The provided credentials have insufficient access' } } });
    const url = await start();
    const res = await fetch(`${url}readyz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; checks: { name: string; ok: boolean; problem?: string }[] };
    expect(body.status).toBe('degraded');
    expect(body.checks[1]).toMatchObject({ name: 'azure', ok: false, problem: expect.stringMatching(/^Log Analytics query failed: .*insufficient access/) });
  });
});
