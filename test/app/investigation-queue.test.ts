/**
 * The Log Analytics queue's lanes and limits through the use cases, on the real
 * @azure/monitor-query-logs client against the fake Log Analytics server: automatic work waits
 * while clicks are queued (and never holds the last slot), a click on automatic work lifts it into
 * the click lane and is answered once, and an investigation that waited past its limit is dropped
 * with a message, never queried.
 */
import { AzureLogsQuery } from '../../src/adapters/azure/logs-query-client';
import { handleIntent } from '../../src/app/handle-intent';
import { queueAlertInvestigation } from '../../src/app/investigate';
import { queueInvestigation } from '../../src/app/investigate-queued';
import { InvestigationQueue, type QueueLimits } from '../../src/app/investigation-queue';
import type { IntentRequest, InvestigationKind } from '../../src/domain/intent';
import type { InvestigationResultView } from '../../src/ports/card-model';
import type { KqlQuery } from '../../src/ports/logs-query';
import { stubCredential } from '../adapters/azure/stub-credential';
import { FakeLogAnalytics, type LaRequest } from '../fakes/log-analytics-server';
import { flagshipBruteForceAlert, flagshipPowerShellAlert } from '../domain/investigation/flagship';
import { click, investigateHarness, POWERSHELL_ID, resultsIn, type InvestigateHarness } from './investigate-test-deps';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function command(target: string, userId: string, channelId: string, investigation?: InvestigationKind): IntentRequest {
  return { intent: { kind: 'investigate-target', target, investigation }, actor: { platform: 'web', userId, displayName: userId }, origin: { platform: 'web', channelId } };
}

const about = (host: string) => (r: LaRequest) => r.query.includes(`'${host}'`);
const isClick = (r: LaRequest) => about('click-host-a')(r) || about('click-host-b')(r);

describe('the Log Analytics queue: lanes, sharing with automatic work, stale investigations', () => {
  let la: FakeLogAnalytics;
  let h: InvestigateHarness;
  let workspace = 0;

  async function start(limits: QueueLimits): Promise<void> {
    la = await new FakeLogAnalytics().start();
    const logs = new AzureLogsQuery({ credential: stubCredential, workspaceId: `ws-lanes-${++workspace}`, endpoint: la.url, retryDelayMs: 50 });
    h = await investigateHarness(logs, () => undefined);
    h.deps.investigations = new InvestigationQueue(limits);
  }
  afterEach(async () => {
    await h.store.close();
    await la.stop();
  });

  test('automatic work waits while clicks are queued, and leaves the last slot to clicks', async () => {
    await start({ maxConcurrent: 5, perUser: 5, maxWaitMs: 60_000 });
    la.faults.push({ match: (r) => !isClick(r), delayMs: 1000, times: 4 }); // automatic work's first queries are slow
    la.delayMs = 150;
    const auto = [
      await queueAlertInvestigation(flagshipPowerShellAlert(), 'identity', { lane: 'background', owner: 'auto' }, h.deps),
      await queueAlertInvestigation(flagshipBruteForceAlert(), 'identity', { lane: 'background', owner: 'auto' }, h.deps),
    ];
    await until(() => la.inFlight === 4, 'automatic work on the wire');
    await sleep(100);
    expect(la.inFlight).toBe(4); // 14 automatic queries wait, yet the fifth slot stays free

    const clickedAt = Date.now();
    const clicks = await Promise.all([handleIntent(command('click-host-a', 'alice', 'adhoc'), h.deps), handleIntent(command('click-host-b', 'bob', 'adhoc'), h.deps)]);
    await Promise.all([...clicks.map((c) => c.followUp), ...auto.map((a) => a.kind !== 'refused' && a.followUp)]);

    const clickQueries = la.requests.filter(isClick);
    const lastClickQuery = la.requests.indexOf(clickQueries[clickQueries.length - 1]!);
    const automatic = la.requests.filter((r) => !isClick(r));
    const automaticStillWaiting = automatic.filter((r) => r.at >= clickedAt);
    // Each /investigate of an unknown host: the target lookup, then Who? (5 queries) and Correlate (2) — issue 18's "runs Who?, Correlate and Analyze".
    expect(clickQueries).toHaveLength(16);
    expect(automaticStillWaiting).toHaveLength(automatic.length - 4);
    expect(automaticStillWaiting.length).toBeGreaterThan(5);
    for (const r of automaticStillWaiting) expect(la.requests.indexOf(r)).toBeGreaterThan(lastClickQuery);
    expect(h.web.posts().filter((c) => c.kind === 'investigation-result')).toHaveLength(4); // the clicks' answers (Who? and Correlate each), where asked
    expect(la.throttled).toHaveLength(0);
  }, 30_000);

  test('a click on an investigation automatic work has queued shares it, lifts it before other automatic work, and is answered once', async () => {
    await start({ maxConcurrent: 2, perUser: 5, maxWaitMs: 60_000 }); // automatic work may hold 1 slot
    la.faults.push({ match: (r) => r.name === 'holder-1', delayMs: 1500 });
    const holder = queueInvestigation(
      {
        key: 'holder',
        lane: 'background',
        owner: 'auto',
        label: 'holder',
        destinations: [],
        run: async (logs) => {
          await Promise.all([1, 2, 3].map((i) => logs!.query(kql(`holder-${i}`))));
          return emptyView();
        },
        deliver: async () => undefined,
      },
      h.deps,
    );
    await until(() => la.inFlight === 1, 'the holder on the wire');
    const automatic = await queueAlertInvestigation(flagshipPowerShellAlert(), 'identity', { lane: 'background', owner: 'auto' }, h.deps);
    await sleep(100);
    expect(la.names()).toEqual(['holder-1']); // Who? waits behind the holder

    const out = await handleIntent(click(POWERSHELL_ID, 'identity'), h.deps);
    expect(out.reply).toMatchObject({ text: expect.stringMatching(/^Who\? is already running; the answer will appear in the alert's thread/) });
    await Promise.all([out.followUp, holder.kind !== 'refused' && holder.followUp, automatic.kind !== 'refused' && automatic.followUp]);

    const whoQueries = la.requests.filter((r) => !r.name.startsWith('holder')).map((r) => la.requests.indexOf(r));
    const holder2 = la.names().indexOf('holder-2');
    expect(whoQueries).toHaveLength(6); // the flagship Who?: a local account, so no Entra sign-ins
    expect(Math.max(...whoQueries)).toBeLessThan(holder2);
    expect(resultsIn(h.web, h.roots[POWERSHELL_ID]!)).toHaveLength(1);
  }, 30_000);

  test('an investigation that has not started within its limit is dropped with a message, and never queried', async () => {
    await start({ maxConcurrent: 5, perUser: 5, maxWaitMs: 300 });
    // Alice asks for Who? alone: its target lookup, then its five queries, hold every slot.
    la.faults.push({ match: about('busy-host'), delayMs: 1500, times: 6 });
    const busy = await handleIntent(command('busy-host', 'alice', 'adhoc-a', 'identity'), h.deps);
    await until(() => la.inFlight === 5, "alice's queries on the wire");
    // Bob's command waits for its own target lookup, which never gets a slot in time.
    const late = await handleIntent(command('late-host', 'bob', 'adhoc-b'), h.deps);
    expect(late.reply).toMatchObject({ text: expect.stringMatching(/^investigate late-host \(last 24h\) queued: Log Analytics is busy/) });
    await late.followUp;
    const [dropped] = h.web.calls.filter((c) => c.op === 'post' && c.channelId === 'adhoc-b');
    expect(dropped?.card).toMatchObject({ kind: 'notice', text: expect.stringMatching(/^investigate late-host \(last 24h\) was dropped: it waited 0\.3 s for Log Analytics without starting/) });
    await busy.followUp;
    expect(la.requests.filter(about('late-host'))).toHaveLength(0);
    expect(h.web.calls.filter((c) => c.op === 'post' && c.channelId === 'adhoc-a').map((c) => c.card.kind)).toEqual(['investigation-result']);
  }, 20_000);
});

function kql(name: string): KqlQuery {
  return { name, query: `// ${name}\nprint x = 1`, timespan: { start: '2026-11-26T01:00:00.000Z', end: '2026-11-26T02:00:00.000Z' } };
}

function emptyView(): InvestigationResultView {
  return { title: 'holder', answer: '', status: 'no-rows', tables: [], queries: [], links: [] };
}
