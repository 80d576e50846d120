/**
 * Each alert investigated in its own workspace, end to end over the real SDK clients: the Azure
 * investigation ports built from settings (@azure/monitor-query-logs for Log Analytics, ARM
 * diagnostic settings and workspaces over @azure/core-rest-pipeline) against the fake Log Analytics
 * and ARM servers, which record which workspace each query hit.
 */
import { azureInvestigationPorts } from '../../src/adapters/azure/investigation-ports';
import { DemoWorkspace } from '../../src/adapters/local/demo-workspace';
import { openStore, type SqlStore } from '../../src/adapters/store/open-store';
import { defaultSettings, silentLogger, type AppDeps } from '../../src/app/deps';
import { handleIntent } from '../../src/app/handle-intent';
import { InvestigationQueue } from '../../src/app/investigation-queue';
import type { Alert } from '../../src/domain/alert';
import type { InvestigationKind } from '../../src/domain/intent';
import { allQueriesFor } from '../../src/domain/investigation';
import { workspaceIdOf, type WorkspaceAllowlist, type WorkspaceId } from '../../src/domain/investigation/workspace-choice';
import { stubCredential } from '../adapters/azure/stub-credential';
import { flagshipPowerShellAlert } from '../domain/investigation/flagship';
import { FakeArmServer } from '../fakes/arm-server';
import { FakeLogAnalytics } from '../fakes/log-analytics-server';
import { planAlert } from '../helpers/plan-alerts';
import { RecordingSurface } from '../helpers/recording-surface';
import { click, resultsIn } from './investigate-test-deps';

const ws = (id: string) => workspaceIdOf(id)!;
const CONFIGURED = ws('00000000-0000-4000-8000-00000000c0f1');
const WS_A = ws('aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa');
const WS_B = ws('bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb');
const WS_OUTSIDE = ws('cccccccc-3333-4333-8333-cccccccccccc');
const WS_FORBIDDEN = ws('dddddddd-4444-4444-8444-dddddddddddd');
const SUB = '3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c';
const WS_B_RESOURCE = `/subscriptions/${SUB}/resourceGroups/rg-data-logs/providers/Microsoft.OperationalInsights/workspaces/law-data-b`;

/** Workspace `id` holds the flagship story: each catalogue query's rows, as the demo workspace computes them. */
async function flagshipTablesIn(la: FakeLogAnalytics, id: WorkspaceId): Promise<void> {
  const demo = new DemoWorkspace();
  for (const q of allQueriesFor(flagshipPowerShellAlert(), defaultSettings)) {
    const result = await demo.query(q);
    if (result.status !== 'success') throw new Error(`demo workspace could not answer ${q.name}`);
    const t = result.tables[0]!;
    la.setTableIn(id, q.name, t.columns.map((c) => [c.name, c.type]), t.rows);
  }
}

/** The flagship PowerShell alert under another id, naming `workspace` (or none). */
function machineAlert(id: string, workspace?: WorkspaceId): Alert {
  const a = flagshipPowerShellAlert();
  return { ...a, systemAlertId: id, workspace: workspace ? { ...a.workspace, workspaceId: workspace } : undefined };
}

describe('investigations search the workspace the alert’s data is in', () => {
  let la: FakeLogAnalytics;
  let arm: FakeArmServer;
  let store: SqlStore;
  let web: RecordingSurface;
  const roots: Record<string, string> = {};

  async function deps(allow?: WorkspaceAllowlist): Promise<AppDeps> {
    const ports = azureInvestigationPorts(
      { LOG_ANALYTICS_WORKSPACE_ID: CONFIGURED, LOG_ANALYTICS_WORKSPACES: allow, LOG_ANALYTICS_ENDPOINT: la.url, ARM_ENDPOINT: arm.url, AZURE_SUBSCRIPTION_IDS: [] },
      () => stubCredential,
    );
    return {
      store,
      surfaces: { web },
      ...ports,
      investigations: new InvestigationQueue(),
      clock: { now: () => new Date('2026-11-26T03:00:00.000Z') },
      logger: silentLogger,
      settings: defaultSettings,
      routes: () => [{ platform: 'web', channelId: 'soc' }],
    };
  }

  async function save(alert: Alert): Promise<void> {
    await store.alerts.save(alert);
    const ref = await web.post('soc', { kind: 'notice', tone: 'info', text: 'alert card' });
    await store.messages.save({ ...ref, alertId: alert.systemAlertId, role: 'root', createdAt: alert.generatedTime });
    roots[alert.systemAlertId] = ref.messageId;
  }

  async function investigate(d: AppDeps, alert: Alert, kind: InvestigationKind = 'identity') {
    const from = la.requests.length;
    const out = await handleIntent(click(alert.systemAlertId, kind), d);
    await out.followUp;
    const results = resultsIn(web, roots[alert.systemAlertId]!);
    return { result: results[results.length - 1]!, queried: new Set(la.requests.slice(from).map((r) => r.workspaceId)) };
  }

  beforeEach(async () => {
    la = await new FakeLogAnalytics().start();
    arm = await new FakeArmServer().start();
    store = await openStore('sqlite::memory:');
    web = new RecordingSurface('web');
  });
  afterEach(async () => {
    await store.close();
    await la.stop();
    await arm.stop();
  });

  test('two alerts naming two workspaces are searched each in its own, and the answers say so', async () => {
    const d = await deps({ kind: 'listed', ids: [WS_A, WS_B] });
    const [a, b] = [machineAlert('alert-in-a', WS_A), machineAlert('alert-in-b', WS_B)];
    await save(a);
    await save(b);
    await flagshipTablesIn(la, WS_A);
    const inA = await investigate(d, a);
    const inB = await investigate(d, b);
    expect([...inA.queried]).toEqual([WS_A]);
    expect([...inB.queried]).toEqual([WS_B]);
    expect(inA.result.facts).toContainEqual({ title: 'Workspace searched', value: `${WS_A} — named by the alert` });
    expect(inB.result.facts).toContainEqual({ title: 'Workspace searched', value: `${WS_B} — named by the alert` });
    // Each workspace answered from its own data: A holds the flagship story, B nothing.
    expect(inA.result.answer).toMatch(/^svc-backup \(local account\) logged on by RDP from 198\.51\.100\.23/);
    expect(inB.result.answer).toBe('No logon, process or connection found on web-vm-01 in the window.');
    // Correlate's SecurityAlert rows and Analyze's threat intelligence too.
    expect([...(await investigate(d, b, 'correlation')).queried]).toEqual([WS_B]);
    expect([...(await investigate(d, a, 'analyze')).queried]).toEqual([WS_A]);
  });

  test('an alert naming a workspace outside LOG_ANALYTICS_WORKSPACES is answered with what to allow, and nothing is queried', async () => {
    const d = await deps({ kind: 'listed', ids: [WS_A] });
    const outside = machineAlert('alert-outside', WS_OUTSIDE);
    await save(outside);
    const { result, queried } = await investigate(d, outside);
    expect(queried.size).toBe(0);
    expect(result.status).toBe('failed');
    expect(result.answer).toContain(`add ${WS_OUTSIDE} to LOG_ANALYTICS_WORKSPACES`);
    expect(result.facts).toContainEqual({ title: 'Workspace not searched', value: expect.stringContaining(`add ${WS_OUTSIDE} to LOG_ANALYTICS_WORKSPACES`) });
  });

  test('the default allowlist is the configured workspace alone; "*" allows any; an alert naming none is searched in the configured one', async () => {
    const named = machineAlert('alert-named', WS_A);
    const unnamed = machineAlert('alert-unnamed');
    await save(named);
    await save(unnamed);
    expect((await investigate(await deps(), named)).result.answer).toContain(`add ${WS_A} to LOG_ANALYTICS_WORKSPACES`);
    const none = await investigate(await deps(), unnamed);
    expect([...none.queried]).toEqual([CONFIGURED]);
    expect(none.result.facts).toContainEqual({ title: 'Workspace searched', value: `${CONFIGURED} — the configured workspace` });
    expect([...(await investigate(await deps({ kind: 'any' }), named)).queried]).toEqual([WS_A]);
  });

  test('a 403 from Log Analytics names the role to grant on that workspace', async () => {
    const d = await deps({ kind: 'any' });
    la.forbiddenWorkspaces.add(WS_FORBIDDEN);
    const alert = machineAlert('alert-forbidden', WS_FORBIDDEN);
    await save(alert);
    const { result, queried } = await investigate(d, alert);
    expect([...queried]).toEqual([WS_FORBIDDEN]);
    expect(result.answer).toMatch(/^Who\? could not query Log Analytics: .*HTTP 403/);
    expect(result.answer).toContain(`Log Analytics Reader on workspace ${WS_FORBIDDEN}`);
  });

  test("a storage alert whose blob service's diagnostic setting points to workspace B is searched in B, named", async () => {
    const d = await deps({ kind: 'listed', ids: [WS_B] });
    const storage = planAlert('storage-blob-suspicious-ip.arm-2022-01-01.json');
    await save(storage);
    arm.addDiagnosticSetting(`${storage.resourceId}/blobServices/default`, WS_B_RESOURCE);
    arm.addWorkspace(WS_B_RESOURCE, WS_B.toUpperCase());
    const first = await investigate(d, storage);
    expect([...first.queried]).toEqual([WS_B]);
    expect(first.result.facts).toContainEqual({ title: 'Workspace searched', value: `law-data-b (${WS_B}) — the resource's diagnostic setting` });
    const diagnostics = arm.requests.filter((r) => /diagnosticSettings$/i.test(r.path));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ path: `${storage.resourceId}/blobServices/default/providers/Microsoft.Insights/diagnosticSettings`, apiVersion: '2021-05-01-preview' });
    expect(arm.requests.filter((r) => r.path === WS_B_RESOURCE)).toMatchObject([{ apiVersion: '2022-10-01' }]);
    // Cached: a second investigation asks ARM nothing.
    const before = arm.requests.length;
    expect([...(await investigate(d, storage, 'identity')).queried]).toEqual([WS_B]);
    expect(arm.requests.length).toBe(before);
  });

  test('a storage alert whose diagnostic settings cannot be read is searched where the alert says, with what to grant', async () => {
    const d = await deps({ kind: 'any' });
    const storage = planAlert('storage-blob-suspicious-ip.arm-2022-01-01.json');
    await save(storage);
    arm.faults.push({ match: (r) => /diagnosticSettings$/i.test(r.path), status: 403 });
    const { result, queried } = await investigate(d, storage);
    expect([...queried]).toEqual([storage.workspace!.workspaceId]);
    expect(result.facts).toContainEqual({ title: 'Diagnostic settings', value: expect.stringMatching(/not readable: HTTP 403 AuthorizationFailed: grant the bot's identity Reader on \/subscriptions\//) });
  });
});
