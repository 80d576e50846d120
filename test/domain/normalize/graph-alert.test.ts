/**
 * Microsoft Graph security alerts (alerts_v2): Microsoft's published examples and Defender for
 * Cloud alerts in Graph's shape (test/fixtures/graph) normalize with the values they carry.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeAlert, normalizeAlerts } from '../../../src/domain/normalize';
import { InvalidAlertError } from '../../../src/domain/errors';

const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/graph', name), 'utf8'));

describe("Microsoft's published Graph examples", () => {
  it('Get alert: identity, links, severity, times, the VM behind the device and its subscription', () => {
    const alert = normalizeAlert(fixture('get-alert-example.json'));
    expect(alert).toMatchObject({
      systemAlertId: 'da637578995287051192_756343937',
      graphAlertId: 'da637578995287051192_756343937',
      tenantId: 'b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c',
      xdrIncidentId: '28282',
      shape: 'graph',
      displayName: 'Suspicious execution of hidden file',
      severity: 'Low',
      status: 'Active',
      startTime: '2021-04-26T07:45:50.116Z',
      endTime: '2021-05-02T07:56:58.222Z',
      generatedTime: '2021-04-27T12:19:27.721Z',
      tactics: ['DefenseEvasion'],
      techniques: ['T1564'],
      subTechniques: ['T1564.001'],
      resourceId: '/subscriptions/8700d3a3-3bb7-4fbe-a090-488a1ad04161/resourceGroups/WdatpApi-EUS-STG/providers/Microsoft.Compute/virtualMachines/NirLaviTests',
      subscriptionId: '8700d3a3-3bb7-4fbe-a090-488a1ad04161',
      resourceGroup: 'WdatpApi-EUS-STG',
      resourceName: 'NirLaviTests',
    });
    expect(alert.where).toEqual([expect.objectContaining({ kind: 'host', hostName: 'tempDns', osFamily: 'Windows10' })]);
    // The process ran as SYSTEM: a machine account, said so, with no Entra identity.
    expect(alert.who).toEqual([expect.objectContaining({ name: 'SYSTEM', domain: 'NT AUTHORITY', sid: 'S-1-5-18', isLocal: true, isEntra: false })]);
    expect(alert.what).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'file', name: 'MsSense.exe', directory: 'C:\\Program Files\\temp', hashes: expect.arrayContaining([{ algorithm: 'SHA256', value: '8963a19fb992ad9a76576c5638fd68292cffb9aaac29eb8285f9abf6196a7dec' }]) }),
        expect.objectContaining({ kind: 'process', processId: '4780', commandLine: '"MsSense.exe"', accountName: 'NT AUTHORITY\\SYSTEM' }),
        expect.objectContaining({ kind: 'other', type: 'registrykey', summary: expect.stringContaining('SENSEAUDITLOGGER') }),
      ]),
    );
    expect(alert.remediationSteps[0]).toBe('Collect artifacts and determine scope');
    // The portal links in the alert are data: the card builds its own from the ids.
    expect(alert.portalUrl).toBeUndefined();
  });

  it('List alerts_v2: the list response is unwrapped', () => {
    const alerts = normalizeAlerts(fixture('list-alerts_v2-example.json'));
    expect(alerts.map((a) => a.systemAlertId)).toEqual(['da637551227677560813_-961444813']);
  });
});

describe('Defender for Cloud alerts in Graph', () => {
  it('the flagship PowerShell alert: the Defender alert id, the VM, the local account and the command line', () => {
    const alert = normalizeAlert(fixture('flagship-2-suspicious-powershell.graph.json'));
    expect(alert).toMatchObject({
      systemAlertId: '2516066414359999999_c3a9e1d4-6b27-4f85-a0d2-7e4b9c1f5a63',
      graphAlertId: 'dc2516066414359999999_c3a9e1d4-6b27-4f85-a0d2-7e4b9c1f5a63',
      xdrIncidentId: '4127',
      alertType: 'VM_SuspiciousPowerShellCommandLine',
      severity: 'Medium',
      productName: 'Microsoft Defender for Cloud',
      compromisedEntity: 'web-vm-01',
      resourceGroup: 'rg-prod-web',
      subscriptionId: '3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c',
      extendedProperties: { 'Detection source': 'microsoftDefenderForServers' },
      hasEntraIdentity: false,
    });
    // loggedOnUsers names svc-backup again without its SID: one account, local to web-vm-01.
    expect(alert.who).toEqual([
      { kind: 'account', name: 'svc-backup', domain: 'WEB-VM-01', sid: 'S-1-5-21-3623811015-3361044348-30300820-1013', isLocal: true, isEntra: false, accountKind: 'machine-local' },
    ]);
    expect(alert.what).toEqual([
      expect.objectContaining({ kind: 'process', imageFile: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', commandLine: expect.stringContaining('-ExecutionPolicy Bypass') }),
    ]);
  });

  it('Defender for Storage: High, the storage account as the resource, the Tor IP with Defender’s verdict, the blob in its container', () => {
    const alert = normalizeAlert(fixture('defender-for-storage-tor.graph.json'));
    expect(alert).toMatchObject({ severity: 'High', status: 'InProgress', resourceName: 'stprodweb01', resourceGroup: 'rg-prod-data', resourceKind: 'storage-account' });
    const account = '/subscriptions/3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c/resourceGroups/rg-prod-data/providers/Microsoft.Storage/storageAccounts/stprodweb01';
    // The container evidence is the blob's own container: one storage object names both (as in ARM).
    expect(alert.what).toEqual([
      { kind: 'storage-object', container: 'backups', blob: 'db-2026-11-25.bak', url: 'https://stprodweb01.blob.core.windows.net/backups/db-2026-11-25.bak', accountResourceId: account },
      { kind: 'ip', address: '198.51.100.23', countryCode: 'NL', threatIntelligence: [{ provider: 'Microsoft Defender', threatType: 'malicious verdict', threatName: 'Tor exit node' }] },
    ]);
    expect(alert.extendedProperties['XDR assigned to']).toBe('soc-lead@contoso.example');
  });

  it('Defender for Containers: the cluster as the resource, the container with its pod, namespace, cluster and image, an Entra user', () => {
    const alert = normalizeAlert(fixture('defender-for-containers-privileged.graph.json'));
    expect(alert).toMatchObject({ severity: 'Informational', status: 'Resolved', resourceName: 'aks-prod-01', hasEntraIdentity: true, resourceKind: 'kubernetes' });
    expect(alert.where.filter((w) => w.kind === 'kubernetes')).toEqual([
      {
        kind: 'kubernetes',
        level: 'container',
        container: 'toolbox',
        privileged: true,
        image: 'docker.io/library/alpine:3.20',
        pod: 'debug-7f9c',
        namespace: 'payments',
        cluster: 'aks-prod-01',
        clusterResourceId: '/subscriptions/3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c/resourceGroups/rg-prod-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod-01',
      },
    ]);
    expect(alert.what.filter((e) => e.kind === 'other')).toEqual([]);
    expect(alert.who).toEqual([expect.objectContaining({ upn: 'dev-ops@contoso.example', isEntra: true, isLocal: false, accountKind: 'entra-user' })]);
  });

  it('XDR resolves a false positive: that is Dismissed', () => {
    const raw = { ...fixture('flagship-2-suspicious-powershell.graph.json'), status: 'resolved', classification: 'falsePositive' };
    expect(normalizeAlert(raw).status).toBe('Dismissed');
    expect(normalizeAlert({ ...raw, classification: 'truePositive' }).status).toBe('Resolved');
  });

  it('unknown values are absence: severity unknown is Medium, an unknown category is no tactic', () => {
    const raw = { ...fixture('flagship-2-suspicious-powershell.graph.json'), severity: 'unknownFutureValue', category: 'unknown', detectorId: null };
    const alert = normalizeAlert(raw);
    expect(alert).toMatchObject({ severity: 'Medium', tactics: [], alertType: 'Suspicious PowerShell command line' });
  });

  it('without providerAlertId the Graph id is the identity; without either the input is refused, saying why', () => {
    const raw = fixture('flagship-2-suspicious-powershell.graph.json');
    expect(normalizeAlert({ ...raw, providerAlertId: null }).systemAlertId).toBe(raw.id);
    expect(() => normalizeAlert({ ...raw, providerAlertId: null, id: null })).toThrow(new InvalidAlertError('not a Defender alert: a Graph alert with neither providerAlertId nor id'));
  });
});
