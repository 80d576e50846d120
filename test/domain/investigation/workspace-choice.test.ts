import type { Alert } from '../../../src/domain/alert';
import { chooseWorkspace, diagnosticResourceOf, namedWorkspaceOf, workspaceFact, workspaceIdOf, type WorkspaceAllowlist } from '../../../src/domain/investigation/workspace-choice';
import { planAlert } from '../../helpers/plan-alerts';
import { flagshipPowerShellAlert } from './flagship';

const id = (s: string) => workspaceIdOf(s)!;
const A = { id: id('aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa') };
const B = { id: id('bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb'), name: 'law-b' };
const CONF = { id: id('00000000-0000-4000-8000-00000000c0f1') };
const only = (...ids: { id: ReturnType<typeof id> }[]): WorkspaceAllowlist => ({ kind: 'listed', ids: ids.map((w) => w.id) });

describe('chooseWorkspace', () => {
  test('the diagnostic setting, then the alert’s, then the configured one', () => {
    expect(chooseWorkspace({ diagnostic: B, named: A, configured: CONF }, { kind: 'any' })).toEqual({ kind: 'search', workspace: B, reason: 'diagnostic-setting' });
    expect(chooseWorkspace({ named: A, configured: CONF }, { kind: 'any' })).toEqual({ kind: 'search', workspace: A, reason: 'named-by-alert' });
    expect(chooseWorkspace({ configured: CONF }, only())).toEqual({ kind: 'search', workspace: CONF, reason: 'configured' });
    expect(chooseWorkspace({}, { kind: 'any' })).toEqual({ kind: 'none' });
  });

  test('a workspace outside the list is not swapped for another: it is not allowed', () => {
    expect(chooseWorkspace({ named: A, configured: CONF }, only(B))).toEqual({ kind: 'not-allowed', workspace: A, reason: 'named-by-alert' });
    expect(chooseWorkspace({ diagnostic: B, named: A, configured: CONF }, only(A))).toEqual({ kind: 'not-allowed', workspace: B, reason: 'diagnostic-setting' });
    // The configured workspace is allowed whatever the list says, also when the alert names it.
    expect(chooseWorkspace({ named: { id: CONF.id }, configured: CONF }, only())).toMatchObject({ kind: 'search', reason: 'named-by-alert' });
  });

  test('the facts name the workspace and why, or what to allow', () => {
    expect(workspaceFact({ kind: 'search', workspace: B, reason: 'diagnostic-setting' })).toEqual({ title: 'Workspace searched', value: `law-b (${B.id}) — the resource's diagnostic setting` });
    expect(workspaceFact({ kind: 'not-allowed', workspace: A, reason: 'named-by-alert' }).value).toMatch(new RegExp(`named by the alert.*add ${A.id} to LOG_ANALYTICS_WORKSPACES$`));
  });
});

describe('the alert’s workspaces', () => {
  test('only a GUID is a workspace id (alert text is not trusted)', () => {
    expect(workspaceIdOf(' 8C1D2E3F-4A5B-4C6D-9E7F-0A1B2C3D4E5F ')).toBe('8c1d2e3f-4a5b-4c6d-9e7f-0a1b2c3d4e5f');
    expect(workspaceIdOf('../../other')).toBeUndefined();
    const alert: Alert = { ...flagshipPowerShellAlert(), workspace: { workspaceId: "x' | union *" } };
    expect(namedWorkspaceOf(alert)).toBeUndefined();
    expect(namedWorkspaceOf(flagshipPowerShellAlert())).toEqual({ id: '8c1d2e3f-4a5b-4c6d-9e7f-0a1b2c3d4e5f' });
  });

  test("resource logs are found on the resource's diagnostic settings (a storage account's on its blob service); a machine's are not", () => {
    const storage = planAlert('storage-blob-suspicious-ip.arm-2022-01-01.json');
    expect(diagnosticResourceOf(storage)).toBe(`${storage.resourceId}/blobServices/default`);
    const vault = planAlert('key-vault-tor-access.arm-2022-01-01.json');
    expect(diagnosticResourceOf(vault)).toBe(vault.resourceId);
    expect(diagnosticResourceOf(flagshipPowerShellAlert())).toBeUndefined();
  });
});
