/**
 * The Log Analytics queue as issue 17 found it monopolised, through the real parts: Slack-signed
 * slash commands and clicks through Bolt, the real @azure/monitor-query-logs client, and the fake
 * Log Analytics server (which answers 429 past the service's limits). One person's burst of
 * /investigate commands must not push another analyst's Who? back, must be capped with a plain
 * answer, and identical runs asked from two channels are one query set, answered in both.
 */
import { AzureLogsQuery } from '../../../src/adapters/azure/logs-query-client';
import { actionId } from '../../../src/adapters/cards/slack-action-id';
import { encodeAction } from '../../../src/domain/action-codec';
import { FakeLogAnalytics, type LaRequest } from '../../fakes/log-analytics-server';
import { flagshipAlert } from '../../helpers/alerts';
import { stubCredential } from '../azure/stub-credential';
import { ALERT_CHANNEL, blockActions, postAlert, postSigned, slashCommand, startHarness, type Harness } from './slack-harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const texts = (m: { text?: string; blocks?: unknown[] }) => `${m.text ?? ''} ${JSON.stringify(m.blocks ?? [])}`;

let h: Harness;
let la: FakeLogAnalytics;
let workspace = 0;

beforeEach(async () => {
  h = await startHarness();
  la = await new FakeLogAnalytics().start();
  h.deps.logs = new AzureLogsQuery({ credential: stubCredential, workspaceId: `ws-fair-${++workspace}`, endpoint: la.url, retryDelayMs: 50 });
});
afterEach(async () => {
  await h.close();
  await la.stop();
});

function command(text: string, user: { id: string; name: string }, channel: string, responseId: string): Record<string, string> {
  return { ...slashCommand('/investigate', text, h.slack.responseUrl(responseId), channel), user_id: user.id, user_name: user.name };
}

const answerOf = (id: string) => h.slack.responses.find((r) => r.id === id);
const isFlood = (r: LaRequest) => r.query.includes("'flood-");
const isAnalysts = (r: LaRequest) => r.query.includes("'web-vm-01'");

describe('the Log Analytics queue under one person’s burst of /investigate (issue 17)', () => {
  test("20 /investigate commands in 0.12 s from one user do not push another analyst's Who? back; beyond the cap they are refused plainly", async () => {
    // The burst's first five queries take 4 s, so it holds every slot when the analyst clicks; the rest are quick.
    la.faults.push({ match: isFlood, delayMs: 4000, times: 5 });
    la.delayMs = 50;
    const alert = flagshipAlert();
    await postAlert(h, alert);
    const [root] = h.slack.rootMessages(ALERT_CHANNEL);
    const flooder = { id: 'U0FLOODER', name: 'mallory' };
    const acks: Promise<{ status: number }>[] = [];
    for (let i = 1; i <= 20; i++) {
      acks.push(postSigned(h.eventsUrl, command(`flood-${String(i).padStart(2, '0')}`, flooder, 'CSOC0001', `flood-${i}`)));
      await sleep(6);
    }
    expect((await Promise.all(acks)).map((a) => a.status)).toEqual(Array(20).fill(200));
    await h.slack.waitFor(() => la.inFlight === 5, 10_000, 'the burst on the wire');

    const who = encodeAction({ kind: 'investigate', alertId: alert.systemAlertId, investigation: 'identity' });
    const click = await postSigned(h.eventsUrl, blockActions({ actionId: actionId(who), value: JSON.stringify(who.data), channel: ALERT_CHANNEL, messageTs: root!.ts }));
    expect(click.status).toBe(200);
    await h.slack.waitFor(() => h.slack.threadReplies(ALERT_CHANNEL, root!.ts).some((m) => /svc-backup|Who\?/.test(texts(m))), 20_000, "the analyst's Who? answer");

    const analystsFirst = la.requests.findIndex(isAnalysts);
    const floodersSixth = la.requests.indexOf(la.requests.filter(isFlood)[5]!);
    expect(analystsFirst).toBeGreaterThan(-1);
    expect(analystsFirst).toBeLessThan(floodersSixth);

    // The flooder's own answers: five run, the rest are told why not.
    await h.slack.waitFor(() => h.slack.responses.filter((r) => r.id.startsWith('flood-')).length === 20, 10_000, 'an answer to every command');
    const refused = h.slack.responses.filter((r) => /You already have 5 investigations waiting/.test(String(r.body.text)));
    expect(refused).toHaveLength(15);
    // Five commands ran, each answering Who? and Correlate (issue 18: investigate runs what help says).
    await h.slack.waitFor(() => h.slack.rootMessages('CSOC0001').length === 10, 20_000, 'the five commands’ results');
    expect(h.slack.rootMessages('CSOC0001').map((m) => (/Correlate/.test(texts(m)) ? 'Correlate' : 'Who?'))).toEqual(Array(5).fill(['Who?', 'Correlate']).flat());
    expect(la.throttled).toHaveLength(0); // never past the service's limits
  }, 60_000);

  test('identical /investigate runs from two channels are one query set, answered in both', async () => {
    la.delayMs = 1500; // alice's run is still on the wire when bob asks
    const alice = { id: 'U0ALICE', name: 'alice' };
    const bob = { id: 'U0BOB', name: 'bob' };
    await postSigned(h.eventsUrl, command('web-vm-01 2h', alice, 'CSOC0001', 'alice'));
    await h.slack.waitFor(() => la.requests.length > 0, 10_000, "alice's queries on the wire");
    await postSigned(h.eventsUrl, command('WEB-VM-01 2h', bob, 'CSOC0002', 'bob'));
    await h.slack.waitFor(() => h.slack.rootMessages('CSOC0001').length === 2 && h.slack.rootMessages('CSOC0002').length === 2, 20_000, 'the answers (Who?, Correlate) in both channels');

    const names = la.names();
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length); // every query once
    expect(h.slack.rootMessages('CSOC0002').map(texts)).toEqual(h.slack.rootMessages('CSOC0001').map(texts));
    await h.slack.waitFor(() => !!answerOf('bob'), 5000, "bob's acknowledgment");
    expect(String(answerOf('bob')!.body.text)).toMatch(/already running for someone else; its answer will be posted here too/);
  }, 30_000);
});
