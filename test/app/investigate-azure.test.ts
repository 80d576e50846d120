/**
 * Who? and Correlate end to end with the real SDK clients (@azure/monitor-query-logs,
 * @azure/arm-security) against local servers speaking the Log Analytics and ARM APIs — including a
 * partial result, a 429 and a timeout — and a click acknowledged at once while a query takes 20 s.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArmDefenderClient } from '../../src/adapters/azure/defender-arm-client';
import { AzureLogsQuery } from '../../src/adapters/azure/logs-query-client';
import { DemoWorkspace } from '../../src/adapters/local/demo-workspace';
import { defaultSettings } from '../../src/app/deps';
import { handleIntent } from '../../src/app/handle-intent';
import { allQueriesFor } from '../../src/domain/investigation';
import { FakeArmServer } from '../fakes/arm-server';
import { FakeLogAnalytics } from '../fakes/log-analytics-server';
import { stubCredential } from '../adapters/azure/stub-credential';
import { flagshipPowerShellAlert } from '../domain/investigation/flagship';
import { click, investigateHarness, POWERSHELL_ID, resultsIn, type InvestigateHarness } from './investigate-test-deps';

const SUBSCRIPTION = '3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c';
const demoAlert = (file: string) => JSON.parse(readFileSync(join(__dirname, '../../demo/alerts', file), 'utf8'));

/** The fake workspace holds the flagship story: each catalogue query's rows, as the demo workspace computes them. */
async function loadFlagshipTables(la: FakeLogAnalytics): Promise<void> {
  const demo = new DemoWorkspace();
  for (const q of allQueriesFor(flagshipPowerShellAlert(), defaultSettings)) {
    const result = await demo.query(q);
    if (result.status !== 'success') throw new Error(`demo workspace could not answer ${q.name}`);
    const t = result.tables[0]!;
    la.setTable(q.name, t.columns.map((c) => [c.name, c.type]), t.rows);
  }
}

describe('investigations over the Azure SDKs (local fake servers)', () => {
  let la: FakeLogAnalytics;
  let arm: FakeArmServer;
  let h: InvestigateHarness;
  let workspace = 0;

  beforeEach(async () => {
    la = await new FakeLogAnalytics().start();
    arm = await new FakeArmServer().start();
    arm.pageSize = 1; // three alerts → three pages, followed by nextLink
    arm.setAlerts(SUBSCRIPTION, [
      demoAlert('public-sample-vm-eicar.arm-2022-01-01.json'),
      demoAlert('flagship-1-rdp-brute-force.arm-2022-01-01.json'),
      demoAlert('public-sample-suspicious-screensaver.arm-2022-01-01.json'),
    ]);
    await loadFlagshipTables(la);
    const logs = new AzureLogsQuery({ credential: stubCredential, workspaceId: `ws-${++workspace}`, endpoint: la.url, clientTimeoutMs: 4000, retryDelayMs: 50 });
    h = await investigateHarness(logs, () => new ArmDefenderClient({ credential: stubCredential, endpoint: arm.url, subscriptionIds: [], retry: { retryDelayInMs: 50 } }));
  });
  afterEach(async () => {
    await h.store.close();
    await la.stop();
    await arm.stop();
  });

  test('Who?: the answer survives a partial result, a 429 and a timeout, and says which query did what', async () => {
    la.partial.set('logons', 'Query result set has exceeded the internal data size limit');
    la.faults.push({ match: (r) => r.name === 'process-creation', status: 429, retryAfterSeconds: 1 });
    la.faults.push({ match: (r) => r.name === 'powershell-script-blocks', delayMs: 10_000 });
    const out = await handleIntent(click(POWERSHELL_ID, 'identity'), h.deps);
    await out.followUp;
    const [result] = resultsIn(h.web, h.roots[POWERSHELL_ID]!);
    expect(result!.answer).toMatch(/^svc-backup \(local account\) logged on by RDP from 198\.51\.100\.23 at 02:13, 3 min before/);
    expect(result!.answer).toContain('The command ran as WEB-VM-01\\svc-backup at 02:16'); // after the 429 retry
    expect(result!.status).toBe('partial');
    expect(result!.tables.find((t) => t.title.startsWith('Logons'))!.title).toContain('partial');
    expect(result!.facts).toContainEqual({ title: 'PowerShell script blocks (4104)', value: 'query failed: timed out after 4 s' });
    expect(la.requests.filter((r) => r.name === 'process-creation')).toHaveLength(2);
    expect(new Set(la.requests.map((r) => r.timespan))).toContain('2026-11-26T01:16:04.000Z/2026-11-26T02:46:04.000Z');
  });

  test('Correlate: Defender alerts over paged ARM (after a 429) and Sentinel rows make one timeline', async () => {
    arm.faults.push({ status: 429, retryAfterSeconds: 1 });
    const out = await handleIntent(click(POWERSHELL_ID, 'correlation'), h.deps);
    await out.followUp;
    const [result] = resultsIn(h.web, h.roots[POWERSHELL_ID]!);
    expect(result!.answer).toContain('"Successful RDP brute force attack" (High, Defender) at 02:14, 2 min before');
    expect(result!.status).toBe('ok');
    const lists = arm.listRequests();
    expect(lists.map((r) => r.status)).toEqual([429, 200, 200, 200]);
    expect(lists.every((r) => r.apiVersion === '2022-01-01')).toBe(true);
    expect(la.names().sort()).toEqual(['sentinel-alerts', 'sentinel-incidents']);
  });

  test('a failing Defender API is shown as such; the Sentinel half still answers', async () => {
    arm.faults.push({ status: 403, times: 1 });
    const out = await handleIntent(click(POWERSHELL_ID, 'correlation'), h.deps);
    await out.followUp;
    const [result] = resultsIn(h.web, h.roots[POWERSHELL_ID]!);
    expect(result!.facts![0]).toEqual({ title: 'Defender alerts', value: expect.stringMatching(/^query failed: .*HTTP 403/) });
    expect(result!.answer).toContain('Successful RDP brute force attack'); // from SecurityAlert
    expect(result!.status).toBe('partial');
  });

  test('a click is acknowledged in under 100 ms while its queries take 20 s', async () => {
    la.delayMs = 20_000;
    const logs = new AzureLogsQuery({ credential: stubCredential, workspaceId: `ws-slow-${workspace}`, endpoint: la.url, clientTimeoutMs: 60_000, maxRetries: 0 });
    h.deps.logs = logs;
    const started = performance.now();
    const out = await handleIntent(click(POWERSHELL_ID, 'identity'), h.deps);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(100);
    expect(out.reply).toMatchObject({ kind: 'notice', text: expect.stringContaining('Who? running…') });
    let settled = false;
    void out.followUp!.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false);
    expect(la.inFlight).toBeGreaterThan(0); // the queries are on the wire, waiting
    await la.stop(); // end the slow queries now instead of waiting 20 s
    await out.followUp;
    const [result] = resultsIn(h.web, h.roots[POWERSHELL_ID]!);
    expect(result!.status).toBe('failed');
    expect(result!.answer).toMatch(/^Who\? could not query Log Analytics: /);
  });
});
