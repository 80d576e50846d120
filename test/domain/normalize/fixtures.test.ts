/**
 * Microsoft's published samples (test/fixtures/defender/) and the bundled demo alerts normalize,
 * with the values the samples actually carry.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SEVERITIES, ALERT_STATUSES, type Alert } from '../../../src/domain/alert';
import { normalizeAlert, normalizeAlerts } from '../../../src/domain/normalize';

const shared = path.join(__dirname, '../../fixtures/defender');
const demoDir = path.join(__dirname, '../../../demo/alerts');
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

interface ApiExample {
  responses: { '200': { body: { value: Array<{ id: string; name: string; properties: Record<string, unknown> }> } } };
}
const restExample = readJson(path.join(shared, 'rest-2022-01-01-list-subscription.json')) as ApiExample;
const restAlerts = restExample.responses['200'].body.value;

interface JsonSchema {
  properties: Record<
    string,
    { examples?: unknown[]; items?: { examples?: unknown[] }; properties?: Record<string, { examples?: unknown[] }> }
  >;
}

/** A continuous-export alert made of the export schema's own `examples`, one per property. */
function exportAlertFromSchema(): Record<string, unknown> {
  const schema = readJson(path.join(shared, 'export-alert.schema.json')) as JsonSchema;
  const alert: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties)) {
    if (property.examples) alert[key] = property.examples[0];
    else if (property.items?.examples) alert[key] = [property.items.examples[0]];
    else if (property.properties) {
      alert[key] = Object.fromEntries(Object.entries(property.properties).map(([k, p]) => [k, p.examples?.[0]]));
    }
  }
  return alert;
}

function expectWellFormed(alert: Alert): void {
  expect(SEVERITIES).toContain(alert.severity);
  expect(ALERT_STATUSES).toContain(alert.status);
  for (const time of [alert.startTime, alert.endTime, alert.generatedTime]) {
    expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  }
  for (const value of Object.values(alert.extendedProperties)) expect(typeof value).toBe('string');
  expect(JSON.parse(JSON.stringify(alert))).toEqual(alert);
}

describe('the published REST 2022-01-01 example', () => {
  const alerts = normalizeAlerts(restExample);

  it('yields every alert of the list, in order, each well formed', () => {
    expect(alerts.map((a) => a.alertType)).toEqual(restAlerts.map((a) => a.properties.alertType));
    alerts.forEach(expectWellFormed);
    expect(normalizeAlerts(restExample.responses['200'].body)).toEqual(alerts);
  });

  it.each(restAlerts.map((raw, i) => [raw.name, raw, i] as const))('normalizes %s on its own', (_name, raw, i) => {
    const alert = normalizeAlert(raw);
    expect(alert).toEqual(alerts[i]);
    expect(alert).toMatchObject({
      systemAlertId: raw.properties.systemAlertId,
      armId: raw.id,
      location: 'westeurope',
      shape: 'arm',
      subscriptionId: '20ff7fc3-e762-44dd-bd96-b71116dcdc23',
      resourceGroup: 'myRg1',
      resourceName: 'vm1',
      workspace: { workspaceId: 'f419f624-acad-4d89-b86d-f62fa387f019', agentId: '75724a01-f021-4aa8-9ec2-329792373e6e' },
      techniques: ['T1059', 'T1053', 'T1072'],
      subTechniques: ['T1059.001', 'T1059.006', 'T1053.002'],
      tactics: ['Execution'],
      isIncident: true,
      links: [{ label: 'Report: RDP Brute Forcing', href: 'https://contoso.com/reports/DisplayReport' }],
    });
  });

  it('reads the EICAR test alert: an IP with its country, the VM as the place', () => {
    const [eicar] = alerts;
    expect(eicar).toMatchObject({ severity: 'High', startTime: '2020-02-22T00:00:00.000Z', generatedTime: '2020-02-23T13:47:58.000Z' });
    expect(eicar?.what).toEqual([{ kind: 'ip', address: '192.0.2.1', countryCode: 'gb' }]);
    expect(eicar?.where).toEqual([{ kind: 'azure-resource', resourceId: expect.stringMatching(/virtualMachines\/vm1$/) }]);
    expect(eicar?.who).toEqual([]);
  });

  it('reads the screensaver alert: vm2\\contosoUser is a local account, processes and files kept', () => {
    const screensaver = alerts[1] as Alert;
    expect(screensaver.who).toEqual([
      {
        kind: 'account',
        name: 'contosoUser',
        domain: 'vm2',
        sid: 'S-1-5-21-2144575486-8928446540-5163864319-500',
        isLocal: true,
        isEntra: false,
        accountKind: 'machine-local',
      },
    ]);
    expect(screensaver.resourceKind).toBe('windows-machine');
    expect(screensaver.hasEntraIdentity).toBe(false);
    expect(screensaver.where[0]).toMatchObject({ kind: 'host', hostName: 'vm2', netBiosName: 'vm2' });
    expect(screensaver.where[0]).not.toHaveProperty('osFamily'); // "Unknown" is no OS
    expect(screensaver.what.map((e) => e.kind)).toEqual(['file', 'process', 'file', 'process']);
    expect(screensaver.what[3]).toEqual({
      kind: 'process',
      processId: '0x4aec',
      commandLine: 'c:\\users\\contosoUser\\scrsave.scr',
      creationTimeUtc: '2018-05-07T13:51:45.004Z',
    });
    expect(screensaver.extendedProperties['user SID']).toBe('S-1-5-21-2144575486-8928446540-5163864319-500');
    expect(screensaver.remediationSteps).toHaveLength(6);
  });
});

describe('an export alert built from the export schema examples', () => {
  const alert = normalizeAlert(exportAlertFromSchema());

  it('normalizes with the example values', () => {
    expectWellFormed(alert);
    expect(alert).toMatchObject({
      shape: 'export',
      systemAlertId: '2342409243234234_F2BFED55-5997-4FEA-95BD-BB7C6DDCD061',
      alertType: 'SUSPECT_SVCHOST',
      displayName: 'Suspicious process detected',
      severity: 'High',
      status: 'Active', // "New"
      startTime: '2016-12-20T13:38:00.000Z',
      endTime: '2019-12-20T13:40:01.733Z',
      generatedTime: '2016-12-20T13:38:03.000Z',
      tactics: ['Execution'],
      remediationSteps: ['contact your security information team'],
      subscriptionId: '86057C9F-3CDD-484E-83B1-7BF1C17A9FF8',
      resourceGroup: 'backend-srv',
      resourceName: 'WebSrv1',
      compromisedEntity: 'WebSrv1',
      workspace: {
        workspaceId: '077BA6B7-8759-4F41-9F97-017EB7D3E0A8',
        subscriptionId: '86057C9F-3CDD-484E-83B1-7BF1C17A9FF8',
        resourceGroup: 'omsrg',
        agentId: '5A651129-98E6-4E6C-B2CE-AB89BD815616',
      },
      isIncident: false,
      productName: 'Azure Security Center',
      vendorName: 'Microsoft',
    });
  });

  it('keeps extended properties as strings, and template-looking text literally', () => {
    expect(alert.extendedProperties).toEqual({ 'Process Path': 'c:\\temp\\svchost.exe', Account: 'Contoso\\administrator', PID: '944', ActionTaken: 'Detected' });
    expect(alert.description).toBe('Suspicious process named ‘SVCHOST.EXE’ was running from path: %{Process Path}');
  });

  it('reads ReportedSeverity when Severity is absent', () => {
    const { Severity: _severity, ...withoutSeverity } = exportAlertFromSchema();
    expect(normalizeAlert({ ...withoutSeverity, ReportedSeverity: 'low' }).severity).toBe('Low');
  });
});

describe('the bundled demo alerts', () => {
  const files = readdirSync(demoDir).filter((f) => f.endsWith('.json'));

  it.each(files)('%s normalizes to one well-formed alert', (file) => {
    const alerts = normalizeAlerts(readJson(path.join(demoDir, file)));
    expect(alerts).toHaveLength(1);
    alerts.forEach(expectWellFormed);
  });

  it('have distinct alert ids (the published sample repeats one; the demo copy does not)', () => {
    const ids = files.map((f) => normalizeAlert(readJson(path.join(demoDir, f))).systemAlertId);
    expect(new Set(ids).size).toBe(files.length);
  });

  it('tell the flagship story: brute force at 02:14, then PowerShell at 02:16 by the same local account', () => {
    const brute = normalizeAlert(readJson(path.join(demoDir, 'flagship-1-rdp-brute-force.arm-2022-01-01.json')));
    const powershell = normalizeAlert(readJson(path.join(demoDir, 'flagship-2-suspicious-powershell.export.json')));
    expect(brute).toMatchObject({ displayName: 'Successful RDP brute force attack', startTime: '2026-11-26T02:14:00.000Z', shape: 'arm' });
    expect(brute.what).toContainEqual({ kind: 'ip', address: '198.51.100.23' });
    expect(powershell).toMatchObject({ startTime: '2026-11-26T02:16:04.000Z', shape: 'export', hasEntraIdentity: false });
    for (const alert of [brute, powershell]) {
      expect(alert.resourceId).toBe(
        '/subscriptions/3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c/resourceGroups/rg-prod-web/providers/Microsoft.Compute/virtualMachines/web-vm-01',
      );
      expect(alert.who).toEqual([expect.objectContaining({ name: 'svc-backup', domain: 'WEB-VM-01', isLocal: true, isEntra: false })]);
    }
    expect(powershell.what.map((e) => e.kind)).toEqual(['process']);
  });
});
