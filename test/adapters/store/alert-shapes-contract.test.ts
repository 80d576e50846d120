/**
 * The store contract for one alert in several shapes, on SQLite and PostgreSQL: the flagship as
 * ARM, export, Graph and SecurityAlert row is stored once, merged (domain/alert-merge.ts), and the
 * outcome says when the card must change; concurrent saves of two shapes lose neither.
 */
import type { SqlStore } from '../../../src/adapters/store/open-store';
import { FLAGSHIP_ALERT_ID, flagshipAs } from '../../helpers/flagship-shapes';
import { openTestStore, type StoreKind } from './test-databases';

const KINDS: StoreKind[] = ['sqlite', 'postgres'];

describe.each(KINDS)('alert shapes on %s', (kind) => {
  let store: SqlStore;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ store, dispose } = await openTestStore(kind));
  });
  afterEach(async () => dispose());

  it('ARM, export, Graph and row: one stored alert; Graph enriches it once, the rest add nothing new to the card', async () => {
    expect(await store.alerts.save(flagshipAs('arm'))).toEqual({ inserted: true, statusChanged: false });
    const exported = await store.alerts.save(flagshipAs('export'));
    expect(exported).toMatchObject({ inserted: false, statusChanged: false });

    const graph = await store.alerts.save(flagshipAs('graph'));
    expect(graph).toMatchObject({ inserted: false, statusChanged: false, enriched: true });
    expect(graph.alert).toMatchObject({ shape: 'arm', graphAlertId: expect.stringMatching(/^dc/), xdrIncidentId: '4127', armId: expect.any(String) });

    // The same Graph alert again: nothing new.
    const again = await store.alerts.save(flagshipAs('graph'));
    expect(again.enriched).toBeUndefined();
    const row = await store.alerts.save(flagshipAs('row'));
    expect(row).toMatchObject({ inserted: false, statusChanged: false });
    expect(row.alert?.sentinelAlertId).toBe('8f1c5e2a-3b4d-4c6e-9a7f-1d2e3c4b5a69');

    expect(await store.alerts.count()).toBe(1);
    const stored = await store.alerts.get(FLAGSHIP_ALERT_ID);
    expect(stored).toMatchObject({ graphAlertId: expect.any(String), sentinelAlertId: expect.any(String), xdrIncidentId: '4127', location: 'westeurope' });
    expect(stored?.who).toEqual(flagshipAs('arm').who);
  });

  it('a status change from another shape is a status change; the columns follow the merged alert', async () => {
    await store.alerts.save(flagshipAs('graph'));
    const resolved = await store.alerts.save({ ...flagshipAs('arm'), status: 'Resolved' });
    expect(resolved).toMatchObject({ inserted: false, statusChanged: true, previousStatus: 'Active', enriched: true });
    expect((await store.alerts.find({ hostName: 'web-vm-01' })).map((a) => a.status)).toEqual(['Resolved']);
  });

  it('two shapes saved at the same time, twenty times over: both are kept', async () => {
    const arm = flagshipAs('arm');
    const graph = flagshipAs('graph');
    for (let i = 0; i < 20; i++) {
      const id = `${FLAGSHIP_ALERT_ID}-${i}`;
      await Promise.all([store.alerts.save({ ...arm, systemAlertId: id }), store.alerts.save({ ...graph, systemAlertId: id })]);
      const stored = await store.alerts.get(id);
      expect({ armId: Boolean(stored?.armId), graphAlertId: Boolean(stored?.graphAlertId) }).toEqual({ armId: true, graphAlertId: true });
    }
  });
});
