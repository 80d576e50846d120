/**
 * The same alert in all three shapes normalizes to the same Alert. The SDK shape is not hand-made:
 * the real @azure/arm-security client fetches the ARM JSON from a local fake ARM server, so the test
 * sees exactly what the SDK returns (flattened, Date objects).
 */
import { SecurityCenter, type Alert as SdkAlert } from '@azure/arm-security';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { Alert } from '../../../src/domain/alert';
import { normalizeAlert, normalizeAlerts } from '../../../src/domain/normalize';

const repo = path.join(__dirname, '../../..');
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const armJson = readJson(path.join(__dirname, 'fixtures/flagship-2-suspicious-powershell.arm-2021-11-01.json')) as {
  name: string;
  properties: { systemAlertId: string };
};
const exportJson = readJson(path.join(repo, 'demo/alerts/flagship-2-suspicious-powershell.export.json'));
const SUBSCRIPTION = '3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c';

/** What legitimately differs between shapes: the shape itself, and the ARM id export lacks. */
function comparable(alert: Alert): Omit<Alert, 'shape' | 'armId'> {
  const { shape: _shape, armId: _armId, ...rest } = alert;
  return rest;
}

describe('one alert, three shapes', () => {
  let server: Server;
  let client: SecurityCenter;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const isList = /\/alerts\?/.test(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(isList ? { value: [armJson] } : armJson));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new SecurityCenter(stubCredential, SUBSCRIPTION, { endpoint: `http://127.0.0.1:${port}`, allowInsecureConnection: true });
    client.pipeline.removePolicy({ name: 'bearerTokenAuthenticationPolicy' });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function sdkAlert(): Promise<SdkAlert> {
    return client.alerts.getSubscriptionLevel('westeurope', armJson.name);
  }

  it('the SDK really hands over the flattened shape with Date objects', async () => {
    const alert = await sdkAlert();
    expect(requests.at(-1)).toContain(`/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Security/locations/westeurope/alerts/`);
    expect(alert.startTimeUtc).toBeInstanceOf(Date);
    expect(alert).not.toHaveProperty('properties');
    expect(normalizeAlert(alert).shape).toBe('sdk');
  });

  it('ARM REST, SDK-flattened and continuous export give the same Alert', async () => {
    const fromArm = normalizeAlert(armJson);
    const fromSdk = normalizeAlert(await sdkAlert());
    const fromExport = normalizeAlert(exportJson);
    expect([fromArm.shape, fromSdk.shape, fromExport.shape]).toEqual(['arm', 'sdk', 'export']);
    expect(comparable(fromSdk)).toEqual(comparable(fromArm));
    expect(comparable(fromExport)).toEqual(comparable(fromArm));
    expect(fromSdk.armId).toBe(fromArm.armId);
  });

  it('a list fetched through the SDK normalizes like the raw list response', async () => {
    const listed: SdkAlert[] = [];
    for await (const alert of client.alerts.list()) listed.push(alert);
    expect(normalizeAlerts(listed).map(comparable)).toEqual(normalizeAlerts({ value: [armJson] }).map(comparable));
  });

  it('what all three agree on is the flagship alert', () => {
    const alert = normalizeAlert(exportJson);
    expect(alert).toMatchObject({
      systemAlertId: armJson.properties.systemAlertId,
      displayName: 'Suspicious PowerShell command line',
      severity: 'Medium',
      status: 'Active',
      startTime: '2026-11-26T02:16:04.000Z',
      endTime: '2026-11-26T02:16:04.000Z',
      generatedTime: '2026-11-26T02:16:41.000Z',
      tactics: ['Execution', 'DefenseEvasion'],
      subscriptionId: SUBSCRIPTION,
      resourceGroup: 'rg-prod-web',
      resourceName: 'web-vm-01',
      location: 'westeurope',
      workspace: { workspaceId: '8c1d2e3f-4a5b-4c6d-9e7f-0a1b2c3d4e5f', resourceGroup: 'rg-soc-monitoring' },
      hasEntraIdentity: false,
    });
    expect(alert.who).toEqual([
      expect.objectContaining({ name: 'svc-backup', domain: 'WEB-VM-01', isLocal: true, isEntra: false }),
    ]);
    expect(alert.where).toEqual([expect.objectContaining({ kind: 'host', hostName: 'web-vm-01' })]);
    expect(alert.what).toEqual([
      expect.objectContaining({
        kind: 'process',
        imageFile: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
        accountName: 'WEB-VM-01\\svc-backup',
        commandLine: expect.stringContaining("DownloadFile('http://203.0.113.45/update.exe'"),
      }),
    ]);
  });
});

const stubCredential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: 'test', expiresOnTimestamp: Date.now() + 3_600_000 }),
};
