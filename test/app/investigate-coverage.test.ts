/**
 * Honest coverage against a local server speaking the Log Analytics API, through the real SDK client:
 * a table the workspace does not have comes back as Log Analytics' 400 semantic error and the answer
 * says "not collected here" with the setting to turn on (never "nothing found"); a partial result is
 * shown as partial; a workspace with none of an alert's sources says so; a kind with no applicable
 * source says so too.
 */
import { AzureLogsQuery } from '../../src/adapters/azure/logs-query-client';
import { renderAdaptiveCard } from '../../src/adapters/cards/render-adaptive-card';
import { DemoWorkspace } from '../../src/adapters/local/demo-workspace';
import { defaultSettings, silentLogger, type AppDeps } from '../../src/app/deps';
import { identityForAlert } from '../../src/app/investigate-identity';
import type { Alert } from '../../src/domain/alert';
import { allQueriesFor } from '../../src/domain/investigation';
import { openStore, type SqlStore } from '../../src/adapters/store/open-store';
import { FakeLogAnalytics } from '../fakes/log-analytics-server';
import { stubCredential } from '../adapters/azure/stub-credential';
import { cardTexts, unescapeMd } from '../adapters/cards/card-walk';
import { flagshipPowerShellAlert } from '../domain/investigation/flagship';
import { planAlert, story2Alerts } from '../helpers/plan-alerts';

/** The fake workspace answers each query with the rows the demo workspace computes for it. */
async function loadDemoAnswers(la: FakeLogAnalytics, alert: Alert): Promise<void> {
  const demo = new DemoWorkspace();
  for (const q of allQueriesFor(alert, defaultSettings)) {
    const result = await demo.query(q);
    if (result.status !== 'success') continue;
    const t = result.tables[0]!;
    la.setTable(q.name, t.columns.map((c) => [c.name, c.type]), t.rows);
  }
}

describe('Who? coverage over the Log Analytics API', () => {
  let la: FakeLogAnalytics;
  let store: SqlStore;
  let deps: AppDeps;
  let n = 0;

  beforeEach(async () => {
    la = await new FakeLogAnalytics().start();
    store = await openStore('sqlite::memory:');
    const logs = new AzureLogsQuery({ credential: stubCredential, workspaceId: `coverage-${++n}`, endpoint: la.url, clientTimeoutMs: 4000, retryDelayMs: 50 });
    deps = { store, surfaces: {}, logs, clock: { now: () => new Date('2026-11-26T04:00:00Z') }, logger: silentLogger, settings: defaultSettings, routes: () => [] };
  });
  afterEach(async () => {
    await store.close();
    await la.stop();
  });

  test('a missing table is "not collected here" with its setting; a partial result is partial; the rows still answer', async () => {
    const [kv] = story2Alerts();
    await loadDemoAnswers(la, kv);
    la.missingTables.add('AzureDiagnostics');
    la.partial.set('entra-sp-signins', 'Query result set has exceeded the internal data size limit');
    const result = await identityForAlert(kv, deps);
    expect(result.status).toBe('partial');
    expect(result.answer).toMatch(/^sp-billing-sync \(service principal\) ran SecretList ×1, SecretGet ×1 from 198\.51\.100\.77 \(03:04–03:05\), on invoices-storage-key\./);
    expect(result.answer).toContain('sp-billing-sync signed in to Entra ID from 198.51.100.77 at 03:04 (for Azure Key Vault).');
    expect(result.coverage).toEqual([
      { source: 'AZKVAuditLogs', query: 'key-vault-audit', title: 'Key vault operations (AZKVAuditLogs)', outcome: 'rows', rows: 3 },
      {
        source: 'AzureDiagnostics',
        query: 'key-vault-audit-legacy',
        title: 'Key vault operations (AzureDiagnostics AuditEvent)',
        outcome: 'not-collected',
        rows: 0,
        setting: expect.stringContaining('Azure diagnostics mode'),
        docsUrl: 'https://learn.microsoft.com/azure/azure-monitor/essentials/resource-logs#azure-diagnostics-mode',
      },
      { source: 'AzureActivity', query: 'resource-activity', title: expect.any(String), outcome: 'no-rows', rows: 0 },
      { source: 'AADServicePrincipalSignInLogs', query: 'entra-sp-signins', title: expect.any(String), outcome: 'partial', rows: 3, detail: expect.stringContaining('exceeded the internal data size limit') },
    ]);
    expect(result.facts).toContainEqual({ title: 'Key vault operations (AzureDiagnostics AuditEvent)', value: expect.stringMatching(/^not collected here — turn on /) });
    expect(la.requests.find((r) => r.name === 'key-vault-audit-legacy')).toBeDefined(); // it was asked, and answered 400
  });

  test('the answer card lists the sources searched, with a link to turn on the missing one', async () => {
    const [, storage] = story2Alerts();
    la.missingTables.add('StorageBlobLogs');
    const result = await identityForAlert(storage, deps);
    expect(result.answer).toBe('No rows in AzureActivity for storage account stprodinvoices01 in the window. Not collected here: StorageBlobLogs.');
    expect(result.answer).not.toMatch(/No logon|nothing found/i);
    const card = renderAdaptiveCard({ kind: 'investigation-result', result });
    const texts = cardTexts(card).map(unescapeMd);
    expect(texts).toContain('Sources searched');
    expect(texts).toContain("not collected here — turn on the storage account's diagnostic setting for blob: StorageRead, StorageWrite and StorageDelete to this workspace");
    expect(JSON.stringify(card)).toContain('"title":"How to collect StorageBlobLogs","url":"https://learn.microsoft.com/azure/storage/blobs/monitor-blob-storage"');
  });

  test('a workspace with none of the alert’s sources says so, and is not a failure', async () => {
    const [, , aks] = story2Alerts();
    for (const t of ['AKSAudit', 'AKSAuditAdmin', 'KubeEvents', 'KubePodInventory', 'ContainerLogV2', 'AzureActivity', 'AADServicePrincipalSignInLogs']) la.missingTables.add(t);
    const result = await identityForAlert(aks, deps);
    expect(result.status).toBe('not-collected');
    expect(result.answer).toMatch(/^Not collected here: AKSAudit, AKSAuditAdmin, KubeEvents, KubePodInventory, ContainerLogV2, AzureActivity and AADServicePrincipalSignInLogs — this workspace has none of the logs that say who acted on Kubernetes aks-prod-01\.$/);
    expect(result.coverage!.every((c) => c.outcome === 'not-collected')).toBe(true);
  });

  test('a Windows machine whose logs are not collected does not read as a clean result', async () => {
    la.missingTables.add('SecurityEvent');
    la.missingTables.add('Event');
    const result = await identityForAlert(flagshipPowerShellAlert(), deps);
    expect(result.answer).not.toMatch(/No logon, process or connection found/);
    expect(result.answer).toContain('Not collected here: SecurityEvent and Event.');
  });

  test('a kind with nothing applicable to search says so, without querying', async () => {
    const dns = { ...planAlert('dns-threat-intel-domain.arm-2022-01-01.json'), what: [], extendedProperties: {} };
    const result = await identityForAlert(dns, deps);
    expect(result.answer).toBe('No log source applies to a DNS alert with what it names; Who? can only show what Defender put in the alert.');
    expect(result.coverage).toEqual([]);
    expect(la.requests).toEqual([]);
  });

  test('a column that does not resolve is our fault and stays a failure, not "not collected"', async () => {
    const [kv] = story2Alerts();
    const body = { error: { message: 'The request had some invalid properties', code: 'BadArgumentError', innererror: { code: 'SemanticError', message: 'A semantic error occurred.', innererror: { code: 'SEM0100', message: "'where' operator: Failed to resolve scalar expression named 'CallerObjectId'" } } } };
    la.faults.push({ match: (r) => r.name === 'key-vault-audit', status: 400, body });
    const result = await identityForAlert(kv, deps);
    expect(result.coverage!.find((c) => c.query === 'key-vault-audit')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('HTTP 400') });
  });
});
