/**
 * Investigations wired by the composition root with Azure configured: LOG_ANALYTICS_ENDPOINT and
 * ARM_ENDPOINT at local fake servers, Who? and Correlate through handleIntent reach them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/app/deps';
import { handleIntent } from '../../src/app/handle-intent';
import { buildApp, type BuiltApp } from '../../src/composition-root';
import { loadConfig } from '../../src/config/load-config';
import { FakeArmServer } from '../fakes/arm-server';
import { FakeLogAnalytics } from '../fakes/log-analytics-server';
import { flagshipPowerShellAlert } from '../domain/investigation/flagship';
import { click } from './investigate-test-deps';

const SUB = '3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c';
const WORKSPACE_RESOURCE_ID = `/subscriptions/${SUB}/resourceGroups/rg-soc-monitoring/providers/Microsoft.OperationalInsights/workspaces/soc-workspace`;

describe('investigations through the composition root (Azure configured)', () => {
  let app: BuiltApp;
  let la: FakeLogAnalytics;
  let arm: FakeArmServer;
  let dir: string;

  beforeAll(async () => {
    la = await new FakeLogAnalytics().start();
    arm = await new FakeArmServer().start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-investigate-'));
    const config = loadConfig({
      DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`,
      AZURE_SUBSCRIPTION_IDS: SUB,
      LOG_ANALYTICS_WORKSPACE_ID: '8c1d2e3f-4a5b-4c6d-9e7f-0a1b2c3d4e5f',
      LOG_ANALYTICS_ENDPOINT: la.url,
      LOG_ANALYTICS_WORKSPACE_RESOURCE_ID: WORKSPACE_RESOURCE_ID,
      LOG_ANALYTICS_MAX_CONCURRENT: '2',
      ARM_ENDPOINT: arm.url,
      AZURE_CREDENTIAL: 'client-secret',
      AZURE_TENANT_ID: 'tenant',
      AZURE_CLIENT_ID: 'client',
      AZURE_CLIENT_SECRET: 'secret',
      TRIAGE_CHANNELS: 'web:soc', // where the clicks below come from
    });
    app = await buildApp(config, { logger: silentLogger });
    await app.deps.store.alerts.save(flagshipPowerShellAlert());
  });
  afterAll(async () => {
    await app.stop();
    await la.stop();
    await arm.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('Who? queries the configured workspace; Correlate lists the configured subscription', async () => {
    const id = flagshipPowerShellAlert().systemAlertId;
    await (await handleIntent(click(id, 'identity'), app.deps)).followUp;
    expect(la.names()).toEqual(expect.arrayContaining(['logons', 'process-creation']));
    expect(la.requests.every((r) => r.workspaceId === '8c1d2e3f-4a5b-4c6d-9e7f-0a1b2c3d4e5f')).toBe(true);
    await (await handleIntent(click(id, 'correlation'), app.deps)).followUp;
    expect(arm.listRequests().map((r) => r.path)).toEqual([`/subscriptions/${SUB}/providers/Microsoft.Security/alerts`]);
  });

  test('LOG_ANALYTICS_MAX_CONCURRENT bounds the queries in flight', async () => {
    la.delayMs = 100;
    const before = la.requests.length;
    await (await handleIntent(click(flagshipPowerShellAlert().systemAlertId, 'identity'), app.deps)).followUp;
    expect(la.requests.length - before).toBeGreaterThan(2);
    expect(la.maxInFlight).toBe(2);
    la.delayMs = 0;
  });

  test('results link to the query in Log Analytics when the workspace resource id is configured', async () => {
    const q = { name: 'logons', query: '// logons\nSecurityEvent | take 1', timespan: { start: '2026-11-26T01:00:00.000Z', end: '2026-11-26T02:00:00.000Z' } };
    const link = app.deps.logs!.portalLink!(q)!;
    expect(link).toMatch(/^https:\/\/portal\.azure\.com\/#blade\/Microsoft_Azure_Monitoring_Logs\/LogsBlade\/resourceId\//);
    expect(link).toContain(encodeURIComponent(WORKSPACE_RESOURCE_ID));
  });
});
