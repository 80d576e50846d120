/**
 * The handoff reads the card (issue 22 item 4): each open item carries its card's findings lines and
 * the triage suggestion, so the incoming analyst sees the state without opening threads. Real
 * pipeline: ingest → outbox → investigations on arrival against the demo workspace → handoff.
 */
import { DemoWorkspace } from '../../src/adapters/local/demo-workspace';
import { StoreBackedDefenderClient } from '../../src/adapters/local/demo-workspace-defender';
import { checkBlockKitLimits, checkTeamsCardLimits } from '../../src/adapters/cards/limits';
import { renderAdaptiveCard } from '../../src/adapters/cards/render-adaptive-card';
import { renderBlockKit } from '../../src/adapters/cards/render-block-kit';
import type { SqlStore } from '../../src/adapters/store/open-store';
import { defaultSettings, silentLogger, type AppDeps } from '../../src/app/deps';
import { handoffThread } from '../../src/app/handoff-card';
import { summarize } from '../../src/app/handoff';
import { throughNow } from '../../src/app/shift-facts';
import { ingestAlert } from '../../src/app/ingest-alert';
import { investigateOnArrival } from '../../src/app/investigate-on-arrival';
import { InvestigationQueue } from '../../src/app/investigation-queue';
import { OutboxWorker } from '../../src/app/outbox-worker';
import { parseShifts, shiftAt } from '../../src/domain/handoff/shifts';
import { openTestStore } from '../adapters/store/test-databases';
import { makeAlert } from '../helpers/alerts';
import { RecordingSurface } from '../helpers/recording-surface';
import { flagshipBruteForceAlert, flagshipPowerShellAlert } from '../domain/investigation/flagship';

const NOW = new Date('2026-11-26T03:00:00.000Z');

describe('the handoff reads the card', () => {
  let store: SqlStore;
  let dispose: () => Promise<void>;
  let deps: AppDeps;
  beforeEach(async () => {
    ({ store, dispose } = await openTestStore('sqlite'));
    const shifts = parseShifts('UTC 00:00,08:00,16:00');
    if (!shifts.ok) throw new Error(shifts.reason);
    deps = {
      store,
      surfaces: { web: new RecordingSurface('web') },
      logs: new DemoWorkspace(),
      defender: new StoreBackedDefenderClient(store.alerts),
      investigations: new InvestigationQueue(),
      clock: { now: () => NOW },
      logger: silentLogger,
      settings: { ...defaultSettings, autoInvestigateMinSeverity: 'Medium', shifts: shifts.schedule },
      routes: () => [{ platform: 'web', channelId: 'soc' }],
    };
  });
  afterEach(async () => dispose());

  it('each open item carries its findings lines and the suggestion; one without findings carries none', async () => {
    await store.alerts.save(flagshipBruteForceAlert());
    const quiet = makeAlert({ systemAlertId: 'quiet-low', displayName: 'Quiet low alert', severity: 'Low', generatedTime: '2026-11-26T02:30:00.000Z' });
    const arrivals: Promise<void>[] = [];
    for (const alert of [flagshipPowerShellAlert(), quiet]) await ingestAlert(alert, deps);
    await new OutboxWorker(deps, { owner: 'test', onPosted: (row) => arrivals.push(investigateOnArrival(row, deps)) }).drainAll();
    await Promise.all(arrivals);

    const summary = await summarize({ ...shiftAt(deps.settings.shifts!, NOW), end: throughNow(NOW) }, deps);
    const flagship = summary.open.find((o) => o.alertId === flagshipPowerShellAlert().systemAlertId)!;
    expect(flagship.findings).toEqual([
      'Who: svc-backup (local account) by RDP (logon type 10) from 198.51.100.23 — known bad: rdp-brute-force, after 40 failed logons; no Entra identity',
      expect.stringMatching(/^Related: 1 related alert; earliest "Successful RDP brute force attack" \(High\) at \d\d:\d\d UTC; Sentinel incident #42$/),
      expect.stringMatching(/^Command: execution-policy-bypass, .*203\.0\.113\.45: unknown — not safe/),
    ]);
    expect(flagship.suggestion).toMatch(/^Suggested: true positive, Medium — a local account with no Entra identity, an RDP logon from 198\.51\.100\.23/);
    const low = summary.open.find((o) => o.alertId === 'quiet-low')!;
    expect(low.findings).toEqual([]); // below the threshold: nothing ran, nothing claimed
    expect(low.suggestion).toBeUndefined();

    // In the thread: the open item, then its lines under it; every message within each platform's limits.
    const cards = handoffThread(summary);
    const open = cards.filter((c) => c.kind === 'custom' && String(c.data.title).startsWith('Open or undecided'));
    const items = open.flatMap((c) => (c.kind === 'custom' ? (c.data.items as { text: string }[]).map((i) => i.text) : []));
    const item = items.find((t) => t.startsWith('Suspicious PowerShell command line'))!;
    expect(item.split('\n').slice(1)).toEqual([...flagship.findings!, flagship.suggestion!].map((l) => `↳ ${l}`));
    expect(items.find((t) => t.startsWith('Quiet low alert'))).not.toContain('↳');
    for (const card of cards) {
      expect(checkTeamsCardLimits(renderAdaptiveCard(card))).toEqual([]);
      expect(checkBlockKitLimits(renderBlockKit(card))).toEqual([]);
    }
  });
});
