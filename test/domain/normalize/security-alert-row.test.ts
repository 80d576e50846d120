/**
 * Log Analytics / Sentinel SecurityAlert rows (test/fixtures/sentinel): AlertSeverity is the
 * severity, ResourceId the resource, VendorOriginalId the identity, SystemAlertId Sentinel's link.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeAlert } from '../../../src/domain/normalize';

const row = (name: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/sentinel', name), 'utf8'));

describe('a SecurityAlert row', () => {
  it("Microsoft's VM_EICAR example as a row: High stays High, resource, subscription and resource group kept", () => {
    const alert = normalizeAlert(row('rest-example-vm-eicar.security-alert-row.json'));
    expect(alert).toMatchObject({
      systemAlertId: '2518298467986649999_4d25bfef-2d77-4a08-adc0-3e35715cc92a',
      sentinelAlertId: '3c9b7d8e-2f1a-4b5c-8d6e-7f0a1b2c3d4e',
      shape: 'security-alert',
      alertType: 'VM_EICAR',
      severity: 'High',
      resourceId: '/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23/resourceGroups/myRg1/providers/Microsoft.Compute/virtualMachines/vm1',
      subscriptionId: '20ff7fc3-e762-44dd-bd96-b71116dcdc23',
      resourceGroup: 'myRg1',
      resourceName: 'vm1',
      location: 'westeurope',
      isIncident: true,
      tactics: ['Execution'],
      techniques: ['T1059', 'T1053', 'T1072'],
      subTechniques: ['T1059.001', 'T1059.006', 'T1053.002'],
      remediationSteps: ['No further action is needed.'],
      workspace: { workspaceId: 'f419f624-acad-4d89-b86d-f62fa387f019', subscriptionId: '20ff7fc3-e762-44dd-bd96-b71116dcdc23', resourceGroup: 'myRg1', agentId: '75724a01-f021-4aa8-9ec2-329792373e6e' },
      links: [{ label: 'Report: RDP Brute Forcing', href: 'https://contoso.com/reports/DisplayReport' }],
    });
    expect(alert.what).toEqual([{ kind: 'ip', address: '192.0.2.1', countryCode: 'gb' }]);
    expect(alert.extendedProperties.Property1).toBe('Property1 information');
  });

  it('the flagship as a row: its times (not the moving TimeGenerated), the local account, the process', () => {
    const alert = normalizeAlert(row('flagship-2-suspicious-powershell.security-alert-row.json'));
    expect(alert).toMatchObject({
      systemAlertId: '2516066414359999999_c3a9e1d4-6b27-4f85-a0d2-7e4b9c1f5a63',
      severity: 'Medium',
      startTime: '2026-11-26T02:16:04.000Z',
      generatedTime: '2026-11-26T02:16:48.120Z',
      tactics: ['Execution', 'DefenseEvasion'],
      hasEntraIdentity: false,
    });
    expect(alert.who).toEqual([expect.objectContaining({ name: 'svc-backup', domain: 'WEB-VM-01', isLocal: true })]);
    expect(alert.what).toEqual([expect.objectContaining({ kind: 'process', commandLine: expect.stringContaining('DownloadFile') })]);
  });

  it("a row without a vendor id (Sentinel's own alert) is its own alert", () => {
    const raw = { ...row('rest-example-vm-eicar.security-alert-row.json'), VendorOriginalId: '' };
    const alert = normalizeAlert(raw);
    expect(alert.systemAlertId).toBe('3c9b7d8e-2f1a-4b5c-8d6e-7f0a1b2c3d4e');
    expect(alert.sentinelAlertId).toBeUndefined();
  });

  it('a ResourceId that is not an ARM id is not taken as one', () => {
    const alert = normalizeAlert({ ...row('rest-example-vm-eicar.security-alert-row.json'), ResourceId: 'javascript:alert(1)' });
    expect(alert.resourceId).toBeUndefined();
    expect(alert.subscriptionId).toBe('20ff7fc3-e762-44dd-bd96-b71116dcdc23'); // the workspace's, as for an export
  });
});
