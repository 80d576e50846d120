/** ArmDefenderClient over the real @azure/arm-security pipeline against the fake ARM server. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArmDefenderClient } from '../../../src/adapters/azure/defender-arm-client';
import { FakeArmServer } from '../../fakes/arm-server';
import { flagshipPowerShellAlert } from '../../domain/investigation/flagship';
import { stubCredential } from './stub-credential';

const SUB = '3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c';
const OTHER_SUB = '20ff7fc3-e762-44dd-bd96-b71116dcdc23';
const demo = (file: string) => JSON.parse(readFileSync(join(__dirname, '../../../demo/alerts', file), 'utf8'));

describe('ArmDefenderClient', () => {
  let arm: FakeArmServer;
  const client = (subscriptionIds: string[] = []) =>
    new ArmDefenderClient({ credential: stubCredential, endpoint: arm.url, subscriptionIds, retry: { retryDelayInMs: 20, maxRetryDelayInMs: 50 } });

  beforeEach(async () => {
    arm = await new FakeArmServer().start();
    arm.pageSize = 2;
  });
  afterEach(() => arm.stop());

  test('listAlerts follows nextLink through every page and keeps the raw 2022-01-01 bodies', async () => {
    const alerts = Array.from({ length: 5 }, (_, i) => ({ ...demo('flagship-1-rdp-brute-force.arm-2022-01-01.json'), name: `a${i}` }));
    arm.setAlerts(SUB, alerts);
    const listed = await client().listAlerts(SUB);
    expect(listed.map((a) => (a as { name: string }).name)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
    expect(arm.listRequests()).toHaveLength(3);
    expect((listed[0] as { properties: { techniques: string[] } }).properties.techniques).toEqual(['T1110', 'T1021']);
  });

  test('a 500 is retried by the SDK pipeline', async () => {
    arm.setAlerts(SUB, [demo('flagship-1-rdp-brute-force.arm-2022-01-01.json')]);
    arm.faults.push({ status: 500 });
    expect(await client().listAlerts(SUB)).toHaveLength(1);
    expect(arm.listRequests().map((r) => r.status)).toEqual([500, 200]);
  });

  test('findRelated: the same-VM brute force, not alerts on other machines, and a malformed alert is skipped', async () => {
    arm.setAlerts(SUB, [{ name: 'broken', properties: { nonsense: true } }, demo('flagship-1-rdp-brute-force.arm-2022-01-01.json')]);
    arm.setAlerts(OTHER_SUB, [demo('public-sample-vm-eicar.arm-2022-01-01.json')]);
    const related = await client([OTHER_SUB]).findRelated(flagshipPowerShellAlert(), 24);
    expect(related.map((a) => a.displayName)).toEqual(['Successful RDP brute force attack']);
    expect(arm.listRequests().map((r) => r.path.split('/')[2])).toEqual([SUB, OTHER_SUB]);
  });

  test('outside the window it is not related', async () => {
    arm.setAlerts(SUB, [demo('flagship-1-rdp-brute-force.arm-2022-01-01.json')]);
    const later = { ...flagshipPowerShellAlert(), startTime: '2026-11-28T02:16:04.000Z', endTime: '2026-11-28T02:16:04.000Z' };
    expect(await client().findRelated(later, 24)).toEqual([]);
  });

  test('a 403 surfaces as an error naming the status', async () => {
    arm.faults.push({ status: 403 });
    await expect(client().listAlerts(SUB)).rejects.toThrow(/HTTP 403/);
  });
});
