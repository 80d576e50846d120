/**
 * Snoozes are bounded (SNOOZE_MAX_HOURS): the group card offers no longer snooze, a longer one is
 * refused and audited, one within the bound is set, shown on the card and listed in the handoff.
 * Ingest → durable outbox → a recording surface, on a real SQLite store, through handleIntent.
 */
import { renderAdaptiveCard } from '../../src/adapters/cards/render-adaptive-card';
import type { SqlStore } from '../../src/adapters/store/open-store';
import { type AppDeps, defaultSettings, silentLogger } from '../../src/app/deps';
import { summarize } from '../../src/app/handoff';
import { handleIntent } from '../../src/app/handle-intent';
import { ingestAlert } from '../../src/app/ingest-alert';
import { OutboxWorker } from '../../src/app/outbox-worker';
import type { Intent } from '../../src/domain/intent';
import type { CardModel } from '../../src/ports/card-model';
import { makeAlert } from '../helpers/alerts';
import { openTestStore } from '../adapters/store/test-databases';
import { RecordingSurface } from './outbox-recording-surface';

const T0 = Date.parse('2026-11-27T02:00:00.000Z');
const ANA = { platform: 'slack' as const, userId: 'U1', displayName: 'Ana' };

const snoozeMinutes = (card: CardModel): number[] =>
  [...JSON.stringify(renderAdaptiveCard(card)).matchAll(/"verb":"dtb\.snooze","data":\{[^}]*"minutes":"(\d+)"/g)].map((m) => Number(m[1]));

describe('snooze bound (SNOOZE_MAX_HOURS)', () => {
  let store: SqlStore;
  let dispose: () => Promise<void>;
  let deps: AppDeps;
  let slack: RecordingSurface;
  beforeEach(async () => {
    ({ store, dispose } = await openTestStore('sqlite'));
    slack = new RecordingSurface('slack');
    deps = {
      store,
      surfaces: { slack },
      clock: { now: () => new Date(T0 + 5 * 60_000) },
      logger: silentLogger,
      settings: { ...defaultSettings, analysts: ['U1'], snoozeMaxHours: 4 },
      routes: () => [{ platform: 'slack', channelId: 'C1' }],
    };
    for (const [id, minute] of [['s1', 0], ['s2', 1]] as const) {
      await ingestAlert(makeAlert({ systemAlertId: id, alertType: 'VM_RdpBruteForce', resourceId: '/subs/x/vm/web-vm-01', generatedTime: new Date(T0 + minute * 60_000).toISOString() }), deps);
    }
    await new OutboxWorker(deps, { owner: 'test' }).drainAll();
  });
  afterEach(async () => dispose());

  const snooze = (minutes: number) =>
    handleIntent({ intent: { kind: 'snooze', alertId: 's1', minutes } as Intent, actor: ANA, origin: { platform: 'slack', channelId: 'C1' } }, deps);

  it('offers no snooze longer than the bound on the group card', () => {
    const group = slack.roots().find((m) => m.alertId === 's1')!;
    expect(snoozeMinutes(slack.current(group))).toEqual([60, 240]);
  });

  it('refuses a longer snooze (audited), sets one within the bound (audited, on the card, in the handoff)', async () => {
    expect(JSON.stringify((await snooze(24 * 60)).reply)).toMatch(/at most 4 hours \(SNOOZE_MAX_HOURS\)/);
    const done = await snooze(240);
    expect(done.alertCard).toMatchObject({ state: { snooze: { by: 'Ana' } } });
    expect(JSON.stringify(renderAdaptiveCard(done.alertCard!))).toMatch(/Snoozed.*by Ana/);
    expect((await store.audit.since('1970-01-01')).map((e) => [e.action, (e.after as { reason?: string; minutes?: number }).reason ?? (e.after as { minutes: number }).minutes])).toEqual([
      ['refused', 'snooze-too-long'],
      ['snooze', 240],
    ]);
    const shift = { label: 'night', start: new Date(T0 - 3_600_000), end: new Date(T0 + 3_600_000) };
    expect((await summarize(shift, deps)).snoozed).toEqual([expect.objectContaining({ alertId: 's1', by: 'Ana' })]);
  });
});
