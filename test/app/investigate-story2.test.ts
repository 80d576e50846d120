/**
 * Story 2 in local mode (demo/alerts/story2-*, demo/workspace): a service principal's secret read
 * from a key vault from an outside IP, the storage account downloaded with a SAS token from that
 * IP, a privileged container started on AKS by that principal. Who? answers each from its own
 * plan's tables, Correlate links them across plans (and the Sentinel copies are the same alerts),
 * Analyze counts the threat intelligence Defender put on the IP.
 */
import { DemoWorkspace } from '../../src/adapters/local/demo-workspace';
import { StoreBackedDefenderClient } from '../../src/adapters/local/demo-workspace-defender';
import { openStore, type SqlStore } from '../../src/adapters/store/open-store';
import { defaultSettings, silentLogger, type AppDeps } from '../../src/app/deps';
import { runInvestigation } from '../../src/app/investigate';
import type { Alert } from '../../src/domain/alert';
import { flagshipBruteForceAlert, flagshipPowerShellAlert } from '../domain/investigation/flagship';
import { story2Alerts } from '../helpers/plan-alerts';

describe('story 2 across plans, in local mode', () => {
  let store: SqlStore;
  let deps: AppDeps;
  const [kv, storage, aks] = story2Alerts();

  beforeAll(async () => {
    store = await openStore('sqlite::memory:');
    for (const a of [flagshipBruteForceAlert(), flagshipPowerShellAlert(), kv, storage, aks]) await store.alerts.save(a);
    deps = { store, surfaces: {}, clock: { now: () => new Date('2026-11-26T04:00:00Z') }, logger: silentLogger, settings: defaultSettings, routes: () => [], logs: new DemoWorkspace(), defender: new StoreBackedDefenderClient(store.alerts) };
  });
  afterAll(() => store.close());

  const who = (a: Alert) => runInvestigation('identity', a, deps);
  const sources = async (a: Alert) => Object.fromEntries((await who(a)).coverage!.map((c) => [c.source + (c.query.endsWith('legacy') ? ' (legacy)' : ''), c.outcome]));

  test('Who? on the key vault: the principal, its operations, the secret, the outside IP and its sign-in', async () => {
    const r = await who(kv);
    expect(r.answer).toBe(
      'sp-billing-sync (service principal) ran SecretList ×1, SecretGet ×1 from 198.51.100.77 (03:04–03:05), on invoices-storage-key. ' +
        'sp-billing-sync (service principal) ran SecretGet ×1 from 10.20.4.15 (02:35), on invoices-storage-key. ' +
        'sp-billing-sync signed in to Entra ID from 198.51.100.77 at 03:04 (for Azure Key Vault).',
    );
    expect(await sources(kv)).toEqual({ AZKVAuditLogs: 'rows', 'AzureDiagnostics (legacy)': 'not-collected', AzureActivity: 'no-rows', AADServicePrincipalSignInLogs: 'rows' });
    expect(r.facts).not.toContainEqual(expect.objectContaining({ title: 'Identity in the alert' }));
  });

  test('Who? on the storage account: SAS access from the same IP, signed by key1, and what it read', async () => {
    const r = await who(storage);
    expect(r.answer).toBe(
      '198.51.100.77 sent 4 requests (ListBlobs ×1, GetBlob ×3) with a SAS token signed by key1, 03:11–03:13, on invoices, invoices/2026/11/invoices-2026-11-0001.pdf and 2 more; user agent AzCopy/10.27.1 Linux amd64.',
    );
    expect(await sources(storage)).toEqual({ StorageBlobLogs: 'rows', AzureActivity: 'no-rows' });
  });

  test('Who? on the AKS cluster: the principal created the pod from that IP; the tables not collected say so', async () => {
    const r = await who(aks);
    expect(r.answer).toBe(
      'sp-billing-sync created pods payments/billing-debug-5d8f7c9b6-x2kqp from 198.51.100.77 at 03:20 (kubectl/v1.30.2 (linux/amd64) kubernetes/3c8fa5e). ' +
        'sp-billing-sync signed in to Entra ID from 198.51.100.77 at 03:20 (for Azure Kubernetes Service AAD Server).',
    );
    expect(await sources(aks)).toEqual({ AKSAudit: 'rows', AKSAuditAdmin: 'not-collected', KubeEvents: 'not-collected', KubePodInventory: 'rows', ContainerLogV2: 'not-collected', AzureActivity: 'rows', AADServicePrincipalSignInLogs: 'rows' });
    expect(r.facts).toContainEqual({ title: 'Kubernetes events of the pod (KubeEvents)', value: 'not collected here — turn on Container insights on the cluster' });
  });

  test('Correlate links the three across plans — by IP and principal — and never with the flagship', async () => {
    const r = await runInvestigation('correlation', storage, deps);
    expect(r.answer).toBe('1 related alert within ±24 h sharing an IP: "Access from a suspicious IP address to a key vault" (Medium, Defender) at 03:04, 7 min before — likely a multi-stage attack.');
    const k = await runInvestigation('correlation', kv, deps);
    const timeline = k.tables.find((t) => t.title === 'Timeline')!;
    expect(timeline.rows.map((row) => [row[2], row[4]])).toEqual([
      ['Access from a suspicious IP address to a key vault', '—'],
      ['Access from a suspicious IP address', 'ip'],
      ['Privileged container detected', 'account, principal'],
    ]);
    // Sentinel's copies (another SystemAlertId, Defender's in VendorOriginalId) are the same alerts, not more related ones.
    expect(timeline.rows.filter((row) => row[1].startsWith('Sentinel'))).toEqual([]);
  });

  test('Analyze: the IP is a known IOC because Defender said so in the alert', async () => {
    const r = await runInvestigation('analyze', kv, deps);
    expect(r.answer).toContain("198.51.100.77: known IOC: Anonymizing VPN exit node (Microsoft, confidence 85%) — Defender's threat intelligence in the alert.");
    expect(r.answer).not.toContain('unknown');
  });

  test('the flagship is untouched by story 2: same answers, same related alert', async () => {
    const w = await who(flagshipPowerShellAlert());
    expect(w.answer).toMatch(/^svc-backup \(local account\) logged on by RDP from 198\.51\.100\.23 at 02:13, 3 min before/);
    const c = await runInvestigation('correlation', flagshipPowerShellAlert(), deps);
    expect(c.answer).toMatch(/^1 related alert on web-vm-01 within ±24 h: "Successful RDP brute force attack"/);
  });
});
