/**
 * Issue 19 item 3: features are values the composition root passes in (AppDeps.features), not
 * registries filled at import. A bot without a feature answers "not available" and draws no
 * state for it; the full set is what buildApp passes; nothing depends on what a test imported.
 */
import { openStore, type SqlStore } from '../../src/adapters/store/open-store';
import { alertCard } from '../../src/app/alert-card';
import { ALERT_CARD_STATE } from '../../src/app/card-state';
import { defaultSettings, silentLogger, type AppDeps } from '../../src/app/deps';
import { appFeatures, USE_CASES } from '../../src/app/features';
import { handleIntent } from '../../src/app/handle-intent';
import { ingestAlert } from '../../src/app/ingest-alert';
import { OutboxWorker } from '../../src/app/outbox-worker';
import { stormCardState } from '../../src/app/storm-card-state';
import { makeAlert } from '../helpers/alerts';
import { RecordingSurface } from '../helpers/recording-surface';

const T0 = Date.parse('2026-11-27T02:00:00.000Z');
const ANA = { platform: 'web' as const, userId: 'U1', displayName: 'Ana' };

describe('features passed in AppDeps', () => {
  let store: SqlStore;
  let deps: AppDeps;
  beforeEach(async () => {
    store = await openStore('sqlite::memory:');
    deps = {
      store,
      surfaces: { web: new RecordingSurface('web') },
      clock: { now: () => new Date(T0 + 5 * 60_000) },
      logger: silentLogger,
      settings: { ...defaultSettings },
      routes: () => [{ platform: 'web', channelId: 'soc' }],
    };
    // A storm of three: s1's card becomes the group card.
    for (const n of [1, 2, 3]) {
      await ingestAlert(makeAlert({ systemAlertId: `s${n}`, alertType: 'VM_RdpBruteForce', resourceId: '/subs/x/vm/web-vm-01', generatedTime: new Date(T0 + n * 60_000).toISOString() }), deps);
    }
    await new OutboxWorker(deps, { owner: 'test' }).drainAll();
  });
  afterEach(() => store.close());

  const snooze = () => handleIntent({ intent: { kind: 'snooze', alertId: 's1', minutes: 60 }, actor: ANA, origin: { platform: 'web', channelId: 'soc' } }, deps);

  it('the full set has every use case and card contributor, frozen: nothing can register into it', () => {
    const features = appFeatures();
    expect(Object.keys(features.useCases).sort()).toEqual(Object.keys(USE_CASES).sort());
    expect(features.useCases.snooze).toBeDefined();
    expect(features.cardState).toBe(ALERT_CARD_STATE);
    expect(Object.isFrozen(USE_CASES) && Object.isFrozen(ALERT_CARD_STATE) && Object.isFrozen(features.useCases)).toBe(true);
  });

  it('with the full set (the default), the group card shows its counter and a snooze is set', async () => {
    expect(await alertCard('s1', deps)).toMatchObject({ kind: 'alert', state: { groupCount: 3 } });
    expect(await snooze()).toMatchObject({ reply: { title: 'Snoozed' } });
  });

  it('a bot built without storms answers "not available" and draws no counter', async () => {
    const { snooze: _left, ...useCases } = USE_CASES;
    deps.features = { useCases, cardState: ALERT_CARD_STATE.filter((c) => c !== stormCardState) };
    expect(await snooze()).toMatchObject({ reply: { title: 'Not available yet' } });
    const card = await alertCard('s1', deps);
    expect(card).toMatchObject({ kind: 'alert' });
    expect(card?.kind === 'alert' && card.state.groupCount).toBeFalsy();
    expect(await store.storms.activeSnooze('vm_rdpbruteforce|/subs/x/vm/web-vm-01', new Date(T0 + 10 * 60_000).toISOString())).toBeUndefined();
  });
});
