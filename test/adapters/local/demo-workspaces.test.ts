/** The demo workspace honours the query's workspace: one stands in for all, several answer each from its own data. */
import { DemoWorkspace } from '../../../src/adapters/local/demo-workspace';
import { loadDemoTables } from '../../../src/adapters/local/demo-workspace-data';
import { defaultSettings } from '../../../src/app/deps';
import { identityQueriesFor, subjectFromAlert, workspaceIdOf } from '../../../src/domain/investigation';
import { flagshipPowerShellAlert } from '../../domain/investigation/flagship';

const A = workspaceIdOf('aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa')!;
const B = workspaceIdOf('bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb')!;
const logons = identityQueriesFor(subjectFromAlert(flagshipPowerShellAlert()), defaultSettings).find((q) => q.name === 'logons')!;
const rowsOf = (r: Awaited<ReturnType<DemoWorkspace['query']>>) => (r.status === 'success' ? r.tables[0]!.rows.length : -1);

describe('DemoWorkspace and workspaces', () => {
  test('one demo workspace answers whichever workspace is named', async () => {
    const demo = new DemoWorkspace();
    expect(rowsOf(await demo.query(logons, { id: A }))).toBeGreaterThan(0);
    expect(await demo.query(logons, { id: A })).toEqual(await demo.query(logons));
  });

  test('several: each from its own tables; the default without a workspace; an unknown one is not found', async () => {
    const tables = loadDemoTables();
    const demo = DemoWorkspace.several({ [A]: tables, [B]: { ...tables, SecurityEvent: [] } }, A);
    expect(rowsOf(await demo.query(logons, { id: A }))).toBeGreaterThan(0);
    expect(rowsOf(await demo.query(logons, { id: B }))).toBe(0);
    expect(rowsOf(await demo.query(logons))).toBeGreaterThan(0);
    expect(await demo.query(logons, { id: workspaceIdOf('cccccccc-3333-4333-8333-cccccccccccc')! })).toEqual({
      status: 'failure',
      reason: expect.stringContaining('WorkspaceNotFoundError'),
    });
  });
});
