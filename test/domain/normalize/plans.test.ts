/**
 * Every plan's real-shaped alert (test/fixtures/defender/plans) normalizes to its resource kind, with
 * account kinds that fit the plan (a SQL login is no local account; `www-data`-like Linux users are
 * the machine's own), Kubernetes objects with their chain, storage objects, the IP's threat
 * intelligence, credential-only access, and paths with their own separator.
 */
import type { KubernetesEntity } from '../../../src/domain/alert';
import { planAlert, planFixtureFiles, story2Alerts } from '../../helpers/plan-alerts';

const EXPECTED: Record<string, { kind: string; accounts: string[] }> = {
  'ai-jailbreak-blocked.arm-2022-01-01.json': { kind: 'ai-service', accounts: ['entra-user'] },
  'aks-privileged-container.arm-2022-01-01.json': { kind: 'kubernetes', accounts: ['kubernetes-service-account'] },
  'api-tor-exit-node.arm-2022-01-01.json': { kind: 'api-management', accounts: [] },
  'app-service-php-in-upload-folder.export.json': { kind: 'app-service', accounts: [] },
  'arc-windows-rdp-brute-force.arm-2022-01-01.json': { kind: 'windows-machine', accounts: ['machine-local'] },
  'arm-microburst-subscription.arm-2022-01-01.json': { kind: 'resource-manager', accounts: ['entra-user'] },
  'aws-ec2-ssh-brute-force.arm-2022-01-01.json': { kind: 'linux-machine', accounts: ['machine-local'] },
  'cosmos-tor-access.arm-2022-01-01.json': { kind: 'cosmos-db', accounts: [] },
  'dns-threat-intel-domain.arm-2022-01-01.json': { kind: 'dns', accounts: [] },
  'key-vault-tor-access.arm-2022-01-01.json': { kind: 'key-vault', accounts: ['entra-user'] },
  'linux-ssh-brute-force.arm-2022-01-01.json': { kind: 'linux-machine', accounts: ['machine-local', 'machine-local'] },
  'network-ddos-public-ip.arm-2022-01-01.json': { kind: 'unknown', accounts: [] },
  'postgresql-brute-force.arm-2022-01-01.json': { kind: 'open-source-database', accounts: ['sql-login'] },
  'sql-db-vulnerability-to-sql-injection.arm-2022-01-01.json': { kind: 'azure-sql', accounts: ['sql-login'] },
  'sql-vm-brute-force.arm-2022-01-01.json': { kind: 'sql-on-machine', accounts: ['sql-login'] },
  'storage-anonymous-access.export.json': { kind: 'storage-account', accounts: [] },
  'storage-blob-suspicious-ip.arm-2022-01-01.json': { kind: 'storage-account', accounts: [] },
};

describe('plan fixtures normalize to their kind', () => {
  it('covers every fixture', () => {
    expect(planFixtureFiles()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(Object.entries(EXPECTED))('%s', (file, expected) => {
    const alert = planAlert(file);
    expect(alert.resourceKind).toBe(expected.kind);
    expect(alert.who.map((a) => a.accountKind)).toEqual(expected.accounts);
    for (const a of alert.who) {
      // Never local and domain at once, never local off a machine.
      expect(a.isLocal).toBe(a.accountKind === 'machine-local');
      if (a.isLocal) expect(['windows-machine', 'linux-machine']).toContain(alert.resourceKind);
      expect(a.isEntra).toBe(['entra-user', 'entra-service-principal', 'managed-identity'].includes(a.accountKind!));
    }
    expect(alert.hasEntraIdentity).toBe(alert.who.some((a) => a.isEntra));
  });
});

describe('what each plan carries', () => {
  it('Kubernetes: the container with its pod, namespace, cluster and image; nothing left as "other"', () => {
    const alert = planAlert('aks-privileged-container.arm-2022-01-01.json');
    const k8s = alert.where.filter((w): w is KubernetesEntity => w.kind === 'kubernetes');
    expect(k8s).toEqual([
      {
        kind: 'kubernetes',
        level: 'container',
        container: 'builder',
        privileged: true,
        image: 'contosoacr.azurecr.io/ci/builder:2.4',
        pod: 'builder-6c9d8-7kq2p',
        namespace: 'ci',
        cluster: 'aks-prod-02',
        clusterResourceId: '/subscriptions/3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c/resourceGroups/rg-prod-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod-02',
      },
    ]);
    expect(alert.what.filter((w) => w.kind === 'other')).toEqual([]);
  });

  it('storage: the blob in its container of the account, SAS access, the IP with its threat intelligence', () => {
    const alert = planAlert('storage-blob-suspicious-ip.arm-2022-01-01.json');
    expect(alert.accessKind).toBe('sas');
    expect(alert.what).toContainEqual({
      kind: 'storage-object',
      container: 'exports',
      blob: '2026/11/customers.csv',
      url: 'https://stcontosoexports.blob.core.windows.net/exports/2026/11/customers.csv',
      accountResourceId: '/subscriptions/3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c/resourceGroups/rg-prod-data/providers/Microsoft.Storage/storageAccounts/stcontosoexports',
    });
    expect(alert.what.filter((w) => w.kind === 'storage-object')).toHaveLength(1); // the container is the blob's
    expect(alert.what).toContainEqual({
      kind: 'ip',
      address: '203.0.113.61',
      countryCode: 'NL',
      threatIntelligence: [{ provider: 'Microsoft', threatType: 'Botnet', threatName: 'Known botnet node', confidence: 0.8, description: 'Reported as a command-and-control node.' }],
    });
    expect(planAlert('storage-anonymous-access.export.json').accessKind).toBe('anonymous');
  });

  it('App Service on Linux: the file path keeps its forward slashes', () => {
    const alert = planAlert('app-service-php-in-upload-folder.export.json');
    expect(alert.what).toContainEqual({ kind: 'file', name: 'cache.php', directory: '/home/site/wwwroot/wp-content/uploads/2026/11', hashes: [] });
  });

  it('Resource Manager: the subscription itself is the resource', () => {
    const alert = planAlert('arm-microburst-subscription.arm-2022-01-01.json');
    expect(alert.resourceId).toBe('/subscriptions/3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c');
    expect(alert.where.some((w) => w.kind === 'host')).toBe(false);
  });

  it('story 2: the key vault names a service principal with its app id; the AKS alert the same principal', () => {
    const [kv, storage, aks] = story2Alerts();
    expect(kv.who).toEqual([
      expect.objectContaining({ name: 'sp-billing-sync', accountKind: 'entra-service-principal', appId: '6b1f4c2e-9d3a-4e71-8c05-2a7e9b3d1f64', aadUserId: '9e4a7c21-3b5d-4f86-a1c9-0d2e8f7b6a53', isLocal: false, isEntra: true }),
    ]);
    expect(kv.what).toContainEqual({ kind: 'cloud-application', name: 'sp-billing-sync', appId: '6b1f4c2e-9d3a-4e71-8c05-2a7e9b3d1f64' });
    expect([kv.resourceKind, storage.resourceKind, aks.resourceKind]).toEqual(['key-vault', 'storage-account', 'kubernetes']);
    expect(storage.who).toEqual([]);
    expect(storage.accessKind).toBe('sas');
    expect(aks.who[0]).toMatchObject({ accountKind: 'entra-service-principal', aadUserId: kv.who[0]!.aadUserId });
  });
});
