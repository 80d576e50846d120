/**
 * Correlate with the alert in several shapes: its own SecurityAlert row (Sentinel's id, the Defender
 * id as VendorOriginalId) is never "a related alert", and the Defender XDR incident's other alerts
 * are listed, from the fake Graph server through the real Graph client. Log Analytics is the fake
 * server through @azure/monitor-query-logs.
 */
import { GraphXdrIncidents } from '../../src/adapters/azure/graph-incidents';
import { GraphSecurityClient } from '../../src/adapters/azure/graph-security-client';
import { AzureLogsQuery } from '../../src/adapters/azure/logs-query-client';
import { StoreBackedDefenderClient } from '../../src/adapters/local/demo-workspace-defender';
import { handleIntent } from '../../src/app/handle-intent';
import { normalizeAlert } from '../../src/domain/normalize';
import { FakeGraph, INCIDENT_READ_ROLE, READ_ROLE } from '../fakes/graph-server';
import { FakeLogAnalytics } from '../fakes/log-analytics-server';
import { stubCredential } from '../adapters/azure/stub-credential';
import { flagshipRaw } from '../helpers/flagship-shapes';
import { click, investigateHarness, POWERSHELL_ID, resultsIn, type InvestigateHarness } from './investigate-test-deps';

const ROW_COLUMNS: [string, string][] = [
  ['StartTime', 'datetime'],
  ['AlertName', 'string'],
  ['AlertSeverity', 'string'],
  ['ProductName', 'string'],
  ['Status', 'string'],
  ['CompromisedEntity', 'string'],
  ['SystemAlertId', 'string'],
  ['VendorOriginalId', 'string'],
  ['Tactics', 'string'],
];

describe('Correlate across shapes', () => {
  let la: FakeLogAnalytics;
  let graph: FakeGraph;
  let h: InvestigateHarness;

  beforeEach(async () => {
    la = await new FakeLogAnalytics().start();
    graph = await new FakeGraph().start();
    graph.grant('reader', READ_ROLE, INCIDENT_READ_ROLE);
    const logs = new AzureLogsQuery({ credential: stubCredential, workspaceId: 'ws-1', endpoint: la.url, clientTimeoutMs: 4000, retryDelayMs: 50 });
    h = await investigateHarness(logs, (store) => new StoreBackedDefenderClient(store.alerts));
    const client = new GraphSecurityClient({ credential: { getToken: async () => ({ token: 'reader', expiresOnTimestamp: Date.now() + 3_600_000 }) }, endpoint: graph.url, attempts: 1 });
    h.deps.xdrIncidents = new GraphXdrIncidents(client);
  });
  afterEach(async () => {
    await h.store.close();
    await la.stop();
    await graph.stop();
  });

  const row = (over: Record<string, unknown>) => {
    const r = { ...flagshipRaw('row'), ...over };
    return ROW_COLUMNS.map(([name]) => r[name] ?? '');
  };

  test("the alert's own SecurityAlert row is not a related alert; another alert's row is", async () => {
    la.setTable('sentinel-alerts', ROW_COLUMNS, [
      row({}),
      row({ SystemAlertId: 'b7d1e6f2-0000-4000-8000-000000000001', VendorOriginalId: '', AlertName: 'Suspicious logon from Tor', StartTime: '2026-11-26T02:40:00Z' }),
    ]);
    const out = await handleIntent(click(POWERSHELL_ID, 'correlation'), h.deps);
    await out.followUp;
    const [result] = resultsIn(h.web, h.roots[POWERSHELL_ID]!);
    const timeline = result!.tables.find((t) => t.title.startsWith('Timeline'))!;
    const names = timeline.rows.map((r) => r[2]);
    expect(names.filter((n) => n === 'Suspicious PowerShell command line')).toHaveLength(1); // "this alert" only
    expect(names).toContain('Suspicious logon from Tor');
    // The KQL itself leaves the row out too: it filters on VendorOriginalId.
    expect(la.requests.find((r) => r.name === 'sentinel-alerts')!.query).toMatch(/VendorOriginalId != alertId/);
  });

  test('the XDR incident: its title and other alerts in the timeline, the alert itself (as Graph) not', async () => {
    const self = flagshipRaw('graph');
    const other = { ...self, id: 'dc-brute-force', providerAlertId: '2516066415599999999_5f0c2b7e-8d41-4c3a-9b6e-1a7d3e9f2c48', title: 'Successful RDP brute force attack', firstActivityDateTime: '2026-11-26T02:14:00Z', lastActivityDateTime: '2026-11-26T02:14:00Z' };
    const mde = { ...self, id: 'da-mde', providerAlertId: 'da-mde', serviceSource: 'microsoftDefenderForEndpoint', title: 'Suspicious file download', firstActivityDateTime: '2026-11-26T02:17:00Z', lastActivityDateTime: '2026-11-26T02:17:00Z', evidence: [] };
    graph.put(self, other, mde);
    graph.putIncident({ id: '4127', displayName: 'Multi-stage incident on web-vm-01', status: 'active' });
    await h.store.alerts.save(normalizeAlert(self)); // the stored alert gains the Graph id and the incident

    const out = await handleIntent(click(POWERSHELL_ID, 'correlation'), h.deps);
    await out.followUp;
    const [result] = resultsIn(h.web, h.roots[POWERSHELL_ID]!);
    expect(result!.facts).toContainEqual({ title: 'Defender XDR incident', value: '#4127 Multi-stage incident on web-vm-01 — 3 alerts, active' });
    const timeline = result!.tables.find((t) => t.title.startsWith('Timeline'))!;
    expect(timeline.rows.map((r) => [r[1], r[2]])).toEqual([
      ['Defender', 'Successful RDP brute force attack'], // stored already (host, account) and in the incident
      ['this alert', 'Suspicious PowerShell command line'],
      ['Defender XDR incident', 'Suspicious file download'],
    ]);
    expect(timeline.rows[0]![4]).toContain('XDR incident');
    expect(result!.answer).toMatch(/Defender XDR incident #4127 "Multi-stage incident on web-vm-01" groups 3 alerts\.$/);
    expect(graph.requests.map((r) => `${r.path}?${new URLSearchParams(r.query)}`)).toEqual(['/v1.0/security/incidents/4127?%24expand=alerts']);
  });

  test('an incident that cannot be read is said so; the rest of Correlate still answers', async () => {
    graph.tokens.set('reader', [READ_ROLE]); // no SecurityIncident.Read.All
    await h.store.alerts.save(normalizeAlert(flagshipRaw('graph')));
    const out = await handleIntent(click(POWERSHELL_ID, 'correlation'), h.deps);
    await out.followUp;
    const [result] = resultsIn(h.web, h.roots[POWERSHELL_ID]!);
    expect(result!.facts!.find((f) => f.title === 'Defender XDR incident')!.value).toMatch(/^#4127 could not be read: .*SecurityIncident\.Read\.All/);
    expect(result!.tables.find((t) => t.title.startsWith('Timeline'))!.rows.map((r) => r[2])).toContain('Successful RDP brute force attack');
  });
});
