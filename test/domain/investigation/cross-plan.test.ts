/**
 * Correlate across plans (the same principal, IP or resource chain links alerts of different kinds;
 * the same alert in another shape is the same alert) and the threat intelligence already in an alert.
 */
import { alertIntel } from '../../../src/domain/alert-intel';
import { findRelatedAmong, iocVerdicts, relationTo, UNKNOWN_IOC } from '../../../src/domain/investigation';
import { resourceChain, sameAlert } from '../../../src/domain/investigation/related-alerts';
import { makeAlert } from '../../helpers/alerts';
import { planAlert, story2Alerts } from '../../helpers/plan-alerts';

const SUB = '/subscriptions/3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c/resourceGroups/rg-prod-data/providers';

describe('relations across plans', () => {
  const [kv, storage, aks] = story2Alerts();

  it('the key vault and the storage account share the IP; the key vault and AKS the principal', () => {
    expect(relationTo(kv, storage, 24)).toEqual(['ip']);
    expect(relationTo(kv, aks, 24)).toEqual(['account', 'principal']);
  });

  it('a principal is the same by its Entra object id even under another name', () => {
    const renamed = { ...aks, who: aks.who.map((w) => ({ ...w, name: '9e4a7c21-3b5d-4f86-a1c9-0d2e8f7b6a53' })) };
    expect(relationTo(kv, renamed, 24)).toEqual(['principal']);
  });

  it('a resource chain links a database to its server and a pod to its cluster', () => {
    const db = makeAlert({ systemAlertId: 'db', resourceKind: 'azure-sql', resourceId: `${SUB}/Microsoft.Sql/servers/sql-prod-orders/databases/orders` });
    const server = makeAlert({ systemAlertId: 'server', resourceKind: 'azure-sql', resourceId: `${SUB}/Microsoft.Sql/servers/sql-prod-orders` });
    expect(relationTo(db, server, 24)).toEqual(['resource']);
    expect(resourceChain(db)).toEqual([`${SUB}/Microsoft.Sql/servers/sql-prod-orders`.toLowerCase(), `${SUB}/Microsoft.Sql/servers/sql-prod-orders/databases/orders`.toLowerCase()]);
    const pod = planAlert('aks-privileged-container.arm-2022-01-01.json');
    const cluster = makeAlert({ systemAlertId: 'cluster', startTime: pod.startTime, resourceKind: 'kubernetes', resourceId: pod.resourceId });
    expect(relationTo(pod, { ...cluster, resourceId: undefined, where: [{ kind: 'kubernetes', level: 'cluster', cluster: 'aks-prod-02', clusterResourceId: pod.resourceId }] }, 24)).toEqual(['resource']);
    // Two resources in one resource group are not related by it.
    const other = makeAlert({ systemAlertId: 'other', resourceKind: 'key-vault', resourceId: `${SUB}/Microsoft.KeyVault/vaults/kv-other` });
    expect(relationTo(db, other, 24)).toEqual([]);
  });

  it('the same alert in another shape is the same alert, never a related one', () => {
    const sentinelCopy = { ...kv, systemAlertId: 'b7c1d2e3-f4a5-4b6c-9d7e-8f9a0b1c2d31', originalAlertId: kv.systemAlertId, shape: 'export' as const };
    expect(sameAlert(kv, sentinelCopy)).toBe(true);
    expect(relationTo(kv, sentinelCopy, 24)).toEqual([]);
    expect(findRelatedAmong(storage, [kv, sentinelCopy, aks], 24).map((r) => r.alert.systemAlertId)).toEqual([kv.systemAlertId]);
  });
});

describe('threat intelligence already in the alert', () => {
  it('reads the IP entity’s intelligence, and the Tor or suspicious-IP verdict of the alert type', () => {
    expect(alertIntel(story2Alerts()[0])).toEqual([{ ioc: '198.51.100.77', kind: 'ip', verdict: 'Anonymizing VPN exit node (Microsoft, confidence 85%)' }]);
    expect(alertIntel(planAlert('key-vault-tor-access.arm-2022-01-01.json'))).toEqual([{ ioc: '198.51.100.201', kind: 'ip', verdict: 'Tor exit node (Defender alert KV_TORAccess)' }]);
    expect(alertIntel(planAlert('api-tor-exit-node.arm-2022-01-01.json'))[0]!.verdict).toBe('Tor exit node (Defender alert API_AccessFromTorExitNode)');
    expect(alertIntel(planAlert('sql-db-vulnerability-to-sql-injection.arm-2022-01-01.json'))).toEqual([]);
  });

  it('counts in the IOC verdicts: unknown only when neither the alert nor the TI tables know it', () => {
    const iocs = { ips: ['198.51.100.77', '203.0.113.45'], urls: [], domains: [], hashes: [] };
    const fromAlert = [{ ioc: '198.51.100.77', verdict: 'Anonymizing VPN exit node (Microsoft, confidence 85%)' }];
    expect(iocVerdicts(iocs, [], [], undefined, fromAlert)).toEqual([
      { ioc: '198.51.100.77', kind: 'ip', known: true, verdict: "known IOC: Anonymizing VPN exit node (Microsoft, confidence 85%) — Defender's threat intelligence in the alert" },
      { ioc: '203.0.113.45', kind: 'ip', known: false, verdict: UNKNOWN_IOC },
    ]);
    // Even when the TI lookup failed, what the alert says is known.
    expect(iocVerdicts(iocs, [], [], 'HTTP 500', fromAlert).map((v) => v.known)).toEqual([true, false]);
  });
});
