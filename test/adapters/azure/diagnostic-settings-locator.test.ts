/** ArmWorkspaceLocator against the fake ARM server: the wire calls, the cache and its bounds. */
import { ArmWorkspaceLocator } from '../../../src/adapters/azure/diagnostic-settings-locator';
import { FakeArmServer } from '../../fakes/arm-server';
import { stubCredential } from './stub-credential';

const SUB = '3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c';
const VAULT = `/subscriptions/${SUB}/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv-prod`;
const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-sec`;
const CUSTOMER_ID = 'bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb';

describe('ArmWorkspaceLocator', () => {
  let arm: FakeArmServer;
  let now = 0;
  const locator = (o: { maxEntries?: number } = {}) => new ArmWorkspaceLocator({ credential: stubCredential, endpoint: arm.url, now: () => now, ...o });
  const diagnosticCalls = () => arm.requests.filter((r) => /diagnosticSettings$/.test(r.path)).length;

  beforeEach(async () => {
    now = 0;
    arm = await new FakeArmServer().start();
    arm.addWorkspace(WORKSPACE, CUSTOMER_ID);
  });
  afterEach(() => arm.stop());

  test('the diagnostic setting’s workspace, by its customer id and name; kept for an hour', async () => {
    arm.addDiagnosticSetting(VAULT, WORKSPACE);
    const l = locator();
    const [first, second] = await Promise.all([l.workspaceOfResource(VAULT), l.workspaceOfResource(VAULT)]);
    expect(first).toEqual({ kind: 'found', workspace: { id: CUSTOMER_ID, name: 'law-sec', resourceId: WORKSPACE } });
    expect(second).toEqual(first);
    expect(diagnosticCalls()).toBe(1); // two lookups in flight share one request
    now += 59 * 60_000;
    await l.workspaceOfResource(VAULT);
    expect(diagnosticCalls()).toBe(1);
    now += 2 * 60_000;
    await l.workspaceOfResource(VAULT);
    expect(diagnosticCalls()).toBe(2);
  });

  test('no setting, or one with no log enabled, is none; a 403 says what to grant and is retried after 5 min', async () => {
    expect(await locator().workspaceOfResource(VAULT)).toEqual({ kind: 'none' });
    arm.addDiagnosticSetting(VAULT, WORKSPACE, 'metrics-only', false);
    expect(await locator().workspaceOfResource(VAULT)).toEqual({ kind: 'none' });
    arm.faults.push({ match: (r) => /diagnosticSettings$/.test(r.path), status: 403 });
    const l = locator();
    expect(await l.workspaceOfResource(VAULT)).toEqual({ kind: 'unreadable', reason: `HTTP 403 AuthorizationFailed: grant the bot's identity Reader on ${VAULT} (to read its diagnostic settings)` });
    now += 6 * 60_000;
    expect(await l.workspaceOfResource(VAULT)).toEqual({ kind: 'none' });
  });

  test('a workspace that cannot be read names it', async () => {
    arm.addDiagnosticSetting(VAULT, WORKSPACE);
    arm.faults.push({ match: (r) => r.path === WORKSPACE, status: 403 });
    expect(await locator().workspaceOfResource(VAULT)).toEqual({ kind: 'unreadable', reason: `HTTP 403 AuthorizationFailed: grant the bot's identity Reader on workspace ${WORKSPACE}` });
  });

  test('an id that is not an ARM resource id is never sent; the cache keeps at most maxEntries', async () => {
    const l = locator({ maxEntries: 2 });
    expect(await l.workspaceOfResource(`${VAULT}/../../../other?x=1`)).toEqual({ kind: 'none' });
    expect(await l.workspaceOfResource('https://evil.example/x')).toEqual({ kind: 'none' });
    expect(arm.requests).toHaveLength(0);
    for (const name of ['a', 'b', 'c']) await l.workspaceOfResource(`${VAULT}-${name}`);
    await l.workspaceOfResource(`${VAULT}-a`); // evicted: asked again
    await l.workspaceOfResource(`${VAULT}-c`); // kept
    expect(diagnosticCalls()).toBe(4);
  });
});
