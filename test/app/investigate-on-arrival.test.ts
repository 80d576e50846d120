/**
 * Investigations on arrival (AUTO_INVESTIGATE_MIN_SEVERITY): ingest → outbox → card posted → Who?,
 * Correlate and Analyze queued in the background lane, their answers in the card's thread in that
 * order, marked automatic; nothing below the threshold or with it off; a storm's members share
 * their group card's; a click during automatic work is answered before the automatic work waiting.
 */
import { DemoWorkspace } from '../../src/adapters/local/demo-workspace';
import { StoreBackedDefenderClient } from '../../src/adapters/local/demo-workspace-defender';
import { renderAdaptiveCard } from '../../src/adapters/cards/render-adaptive-card';
import type { SqlStore } from '../../src/adapters/store/open-store';
import { defaultSettings, silentLogger, type AppDeps } from '../../src/app/deps';
import { handleIntent } from '../../src/app/handle-intent';
import { ingestAlert } from '../../src/app/ingest-alert';
import { suggestionFor } from '../../src/app/case-findings';
import { alertCardState } from '../../src/app/alert-card';
import { suggestionText } from '../../src/domain/triage-suggestion';
import { investigateOnArrival } from '../../src/app/investigate-on-arrival';
import { InvestigationQueue } from '../../src/app/investigation-queue';
import { OutboxWorker } from '../../src/app/outbox-worker';
import type { AutoInvestigateThreshold } from '../../src/domain/auto-investigate';
import type { Alert } from '../../src/domain/alert';
import type { CardModel, InvestigationResultView } from '../../src/ports/card-model';
import type { LogsQuery } from '../../src/ports/logs-query';
import { openTestStore } from '../adapters/store/test-databases';
import { makeAlert } from '../helpers/alerts';
import { RecordingSurface } from '../helpers/recording-surface';
import { flagshipBruteForceAlert, flagshipPowerShellAlert } from '../domain/investigation/flagship';
import { click } from './investigate-test-deps';

const results = (cards: CardModel[]): InvestigationResultView[] => cards.flatMap((c) => (c.kind === 'investigation-result' ? [c.result] : []));

/** The demo workspace, each query a little slow: enough for work to queue up behind the slots. */
function slowDemo(delayMs: number): LogsQuery {
  const demo = new DemoWorkspace();
  return { workspaceId: demo.workspaceId, demo: true, query: async (q) => (await new Promise((r) => setTimeout(r, delayMs)), demo.query(q)) };
}

describe('investigations on arrival', () => {
  let store: SqlStore;
  let dispose: () => Promise<void>;
  let web: RecordingSurface;
  let arrivals: Promise<void>[];
  beforeEach(async () => {
    ({ store, dispose } = await openTestStore('sqlite'));
    web = new RecordingSurface('web');
    arrivals = [];
  });
  afterEach(async () => dispose());

  function deps(threshold: AutoInvestigateThreshold | undefined, over: Partial<AppDeps> = {}): AppDeps {
    return {
      store,
      surfaces: { web },
      logs: new DemoWorkspace(),
      defender: new StoreBackedDefenderClient(store.alerts),
      investigations: new InvestigationQueue(),
      clock: { now: () => new Date('2026-11-26T03:00:00.000Z') },
      logger: silentLogger,
      settings: { ...defaultSettings, autoInvestigateMinSeverity: threshold, stormWindowMinutes: 30, stormThreshold: 3 },
      routes: () => [{ platform: 'web', channelId: 'soc' }],
      ...over,
    };
  }

  /** Ingest, let the outbox post (with the composition root's hook), and wait for every arrival's answers. */
  async function arrive(d: AppDeps, ...alerts: Alert[]): Promise<void> {
    for (const alert of alerts) await ingestAlert(alert, d);
    const worker = new OutboxWorker(d, { owner: 'test', onPosted: (row) => arrivals.push(investigateOnArrival(row, d)) });
    await worker.drainAll();
    await Promise.all(arrivals);
  }

  test('the flagship alert (Medium, default threshold) gets Who?, Correlate and Analyze in its thread, in order, marked automatic', async () => {
    const d = deps('Medium');
    await store.alerts.save(flagshipBruteForceAlert()); // already known: Correlate finds it
    await arrive(d, flagshipPowerShellAlert());
    const root = web.calls.find((c) => c.op === 'post')!;
    const answers = results(web.replies(root.ref.messageId));
    expect(answers.map((r) => r.kind)).toEqual(['identity', 'correlation', 'analyze']);
    expect(answers.every((r) => r.automatic)).toBe(true);
    expect(answers[0]!.answer).toMatch(/^svc-backup \(local account\) logged on by RDP from 198\.51\.100\.23/);
    expect(answers[2]!.answer).toContain('203.0.113.45');
    // The thread says so, on the card itself.
    expect(JSON.stringify(renderAdaptiveCard(web.replies(root.ref.messageId)[0]!))).toContain('Automatic — run on arrival');
    // What they found is kept with the alert, each with its answer's message, and the rules suggest from it.
    const stored = await store.findings.list(flagshipPowerShellAlert().systemAlertId);
    expect(stored.map((f) => [f.kind, f.answers.map((a) => a.messageId)])).toEqual(
      web.replies(root.ref.messageId).flatMap((c, i) => (c.kind === 'investigation-result' ? [[c.result.kind, [web.calls.filter((x) => x.op === 'reply')[i]!.ref.messageId]]] : [])),
    );
    const suggestion = await suggestionFor(flagshipPowerShellAlert().systemAlertId, d);
    expect(suggestion && suggestionText(suggestion)).toBe(
      'Suggested: true positive, Medium — a local account with no Entra identity, an RDP logon from 198.51.100.23 (known bad: rdp-brute-force) after 40 failures, ' +
        'an earlier brute-force alert on the same entities ("Successful RDP brute force attack"), then a download-and-execute from 203.0.113.45 (unknown — not safe); ' +
        'follow-up: detonate update.exe in a sandbox',
    );
    // A lead decides; the audit log keeps the suggestion beside the decision (never as a vote).
    d.settings = { ...d.settings, leads: ['web:lead-1'] };
    const vote = { kind: 'vote', alertId: flagshipPowerShellAlert().systemAlertId, verdict: 'true-positive', severity: 'Medium' } as const;
    await (await handleIntent({ intent: vote, actor: { platform: 'web', userId: 'lead-1', displayName: 'Lee' }, origin: { platform: 'web', channelId: 'soc' } }, d)).followUp;
    const decision = (await store.audit.since('2000-01-01T00:00:00Z')).find((e) => e.action === 'decision');
    expect(decision?.after).toMatchObject({
      verdict: 'true-positive',
      suggested: { verdict: 'true-positive', severity: 'Medium', rules: ['local-account-no-entra', 'rdp-logon-after-failures', 'earlier-brute-force-alert', 'download-and-execute'] },
    });
    expect(await store.votes.history(flagshipPowerShellAlert().systemAlertId)).toHaveLength(1); // the lead's only
  });

  test("a re-run replaces its line and its link; a failed one says so, linking to the failure's answer", async () => {
    const d = deps('Medium');
    const id = flagshipPowerShellAlert().systemAlertId;
    await arrive(d, flagshipPowerShellAlert());
    const lines = async () => (await alertCardState((await store.alerts.get(id))!, d)).findings ?? [];
    const lastReply = () => web.calls.filter((c) => c.op === 'reply').at(-1)!.ref;
    const first = (await lines()).find((f) => f.label === 'Who')!;
    expect(first.answers?.map((a) => a.messageId)).toHaveLength(1);

    await (await handleIntent(click(id, 'identity'), d)).followUp; // a re-run: a new answer in the thread
    const rerun = await lines();
    expect(rerun.filter((f) => f.label.startsWith('Who'))).toHaveLength(1);
    expect(rerun.find((f) => f.label === 'Who')!.answers?.map((a) => a.messageId)).toEqual([lastReply().messageId]);
    expect(lastReply().messageId).not.toBe(first.answers![0]!.messageId);

    const broken: LogsQuery = { workspaceId: 'demo', demo: true, query: async () => Promise.reject(new Error('Log Analytics timed out')) };
    await (await handleIntent(click(id, 'identity'), { ...d, logs: broken })).followUp;
    const failed = await lines();
    expect(failed.map((f) => f.label)).toEqual(['Who', 'Related', 'Command']); // still one line each
    const who = failed[0]!;
    expect(who).toMatchObject({ failed: true, text: expect.stringMatching(/^failed: Who\? could not query Log Analytics: .*timed out/) });
    expect(who.answers?.map((a) => a.messageId)).toEqual([lastReply().messageId]);
    // On the card: "Who (failed)", the reason, and the link to that answer.
    const ac = JSON.stringify(renderAdaptiveCard({ kind: 'alert', alert: (await store.alerts.get(id))!, state: { status: 'Active', findings: failed } }, new Date(), (refs) => `https://chat.example/${refs[0]!.messageId}`));
    expect(ac).toContain('"title":"Who \\\\(failed\\\\)","value":"failed: Who? could not query Log Analytics');
    expect(ac).toContain(`[full answer](https://chat.example/${lastReply().messageId})`);
  });

  test('nothing runs below the threshold, or with it off', async () => {
    await arrive(deps('High'), flagshipPowerShellAlert()); // Medium < High
    await arrive(deps('off'), makeAlert({ systemAlertId: 'high-1', severity: 'High' }));
    await arrive(deps(undefined), makeAlert({ systemAlertId: 'high-2', severity: 'High' }));
    expect(web.calls.filter((c) => c.op === 'post')).toHaveLength(3);
    expect(results(web.replies())).toEqual([]);
  });

  test("a storm's members share their group card's investigations: one set, in the group card's thread", async () => {
    const at = (i: number) => new Date(Date.parse('2026-11-26T02:00:00.000Z') + i * 60_000).toISOString();
    const storm = [0, 1, 2, 3, 4].map((i) => makeAlert({ systemAlertId: `storm-${i}`, alertType: 'VM_Storm', severity: 'High', generatedTime: at(i), startTime: at(i), endTime: at(i) }));
    const d = deps('High');
    d.settings.stormThreshold = 2; // storm-0's card becomes the group card when storm-1 arrives
    await arrive(d, ...storm);
    const answers = results(web.replies());
    expect(answers.map((r) => r.kind).sort()).toEqual(['analyze', 'correlation', 'identity']);
    expect(new Set(answers.map((r) => r.alertId))).toEqual(new Set(['storm-0'])); // the group card's alert
  });

  test('a click during automatic work is answered before the automatic work still waiting', async () => {
    const d = deps('High', { logs: slowDemo(15), investigations: new InvestigationQueue({ maxConcurrent: 2, perUser: 5, maxWaitMs: 60_000 }) });
    await store.alerts.save(flagshipPowerShellAlert());
    const posted = { alertId: flagshipBruteForceAlert().systemAlertId, platform: 'web' as const, channelId: 'soc' };
    await ingestAlert(flagshipBruteForceAlert(), d);
    await new OutboxWorker(d, { owner: 'test' }).drainAll();
    const automatic = investigateOnArrival(posted, d);
    await new Promise((r) => setTimeout(r, 5)); // the automatic work has started
    const out = await handleIntent(click(flagshipPowerShellAlert().systemAlertId, 'identity'), d);
    await out.followUp;
    const answeredBeforeClick = results(web.replies()).filter((r) => r.automatic);
    await automatic;
    expect(results(web.replies()).filter((r) => r.automatic)).toHaveLength(3);
    expect(answeredBeforeClick.length).toBeLessThan(3);
  });
});
