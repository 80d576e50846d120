/**
 * Only the right people act, on Slack: real Bolt (HTTP mode, signed requests) and the real
 * WebClient against the fake Slack Web API. Buttons and slash commands go through the one
 * authorization check; results asked for outside the triage channels reach only the asker.
 */
import { ingestAlert } from '../../../src/app/ingest-alert';
import { OutboxWorker } from '../../../src/app/outbox-worker';
import { actionId } from '../../../src/adapters/cards/slack-action-id';
import { encodeAction } from '../../../src/domain/action-codec';
import type { Intent } from '../../../src/domain/intent';
import { stormKey } from '../../../src/domain/storm/storm-rules';
import { flagshipAlert } from '../../helpers/alerts';
import { ALERT_CHANNEL, blockActions, postAlert, postSigned, slashCommand, startHarness, type Harness } from './slack-harness';

const GENERAL = 'CGENERAL01';
const ALICE = { id: 'U0ANALYST1', name: 'alice' };
const BOB = { id: 'U0ANALYST2', name: 'bob' }; // the user of the harness' slash commands

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  h.deps.settings.analysts = [ALICE.id];
  h.deps.settings.access = { ...h.deps.settings.access, emptyRoster: 'nobody', channels: [{ platform: 'slack', channelId: ALERT_CHANNEL }] };
});
afterEach(() => h.close());

const texts = (m: { text?: string; blocks?: unknown[] }) => `${m.text ?? ''} ${JSON.stringify(m.blocks ?? [])}`;
const refusals = async () => (await h.store.audit.since('1970-01-01')).filter((e) => e.action === 'refused');

async function click(intent: Intent, messageTs: string, user = ALICE, extra: Record<string, unknown> = {}) {
  const action = encodeAction(intent);
  const form = blockActions({ actionId: actionId(action), value: JSON.stringify(action.data), channel: ALERT_CHANNEL, messageTs, user });
  const payload = { ...(JSON.parse(form.payload!) as Record<string, unknown>), ...extra };
  return postSigned(h.eventsUrl, { payload: JSON.stringify(payload) });
}

async function command(name: string, text: string, channel: string, id: string, fields: Record<string, string> = {}) {
  return postSigned(h.eventsUrl, { ...slashCommand(name, text, h.slack.responseUrl(id), channel), ...fields });
}

/** Two alerts of one type on one resource: the first card becomes the storm's group card. */
async function postStorm(): Promise<string> {
  const at = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  for (const [id, m] of [['storm-1', 20], ['storm-2', 10]] as const) {
    await ingestAlert(flagshipAlert({ systemAlertId: id, alertType: 'VM_RDPBruteForce', startTime: at(m), endTime: at(m), generatedTime: at(m) }), h.deps);
  }
  await new OutboxWorker(h.deps, { owner: 'slack-test' }).drainAll();
  const [root] = h.slack.rootMessages(ALERT_CHANNEL);
  return root!.ts;
}

describe('Slack buttons', () => {
  it('"Snooze 24 h" on a group card by a user not on the roster: refused privately, audited, nothing snoozed', async () => {
    const ts = await postStorm();
    expect((await click({ kind: 'snooze', alertId: 'storm-1', minutes: 1440 }, ts, BOB)).status).toBe(200);
    await h.slack.waitFor(() => h.slack.ephemerals.length > 0, 5000, 'the refusal');
    expect(h.slack.ephemerals[0]).toMatchObject({ user: BOB.id });
    expect(texts(h.slack.ephemerals[0]!)).toMatch(/Only analysts on the triage roster may snooze alerts.*slack:U0ANALYST2.*TRIAGE_ANALYSTS/);
    expect(await h.store.storms.activeSnooze(stormKey(flagshipAlert({ alertType: 'VM_RDPBruteForce' })), new Date().toISOString())).toBeUndefined();
    expect(await refusals()).toEqual([expect.objectContaining({ actor: expect.stringContaining('slack:U0ANALYST2'), alertId: 'storm-1', after: expect.objectContaining({ intent: 'snooze', reason: 'not-on-roster' }) })]);
  });

  it('a vote by a user not on the roster is refused and the refusal audited; nothing is recorded', async () => {
    const alert = flagshipAlert();
    await postAlert(h, alert);
    const [root] = h.slack.rootMessages(ALERT_CHANNEL);
    await click({ kind: 'vote', alertId: alert.systemAlertId, verdict: 'false-positive' }, root!.ts, BOB);
    await h.slack.waitFor(() => h.slack.ephemerals.length > 0, 5000, 'the refusal');
    expect(await h.store.votes.history(alert.systemAlertId)).toEqual([]);
    expect((await refusals()).map((e) => e.after)).toEqual([expect.objectContaining({ intent: 'vote', reason: 'not-on-roster' })]);
  });

  it('a replayed vote click (same person, same vote, three times) is one vote, one audit entry, one thread post', async () => {
    const alert = flagshipAlert();
    await postAlert(h, alert);
    const [root] = h.slack.rootMessages(ALERT_CHANNEL);
    for (let i = 0; i < 3; i++) {
      await click({ kind: 'vote', alertId: alert.systemAlertId, verdict: 'true-positive', severity: 'Medium' }, root!.ts);
      await h.slack.waitFor(() => h.slack.ephemerals.length > i, 5000, `answer ${i + 1}`);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(await h.store.votes.history(alert.systemAlertId)).toHaveLength(1);
    expect((await h.store.audit.since('1970-01-01')).filter((e) => e.action === 'vote')).toHaveLength(1);
    expect(h.slack.threadReplies(ALERT_CHANNEL, root!.ts).filter((m) => /voted/.test(texts(m)))).toHaveLength(1);
    expect(texts(h.slack.ephemerals[2]!)).toMatch(/already true positive \/ Medium; nothing changed/);
  });

  it('a click from another workspace (a Slack Connect guest, another install) is refused and audited', async () => {
    const alert = flagshipAlert();
    await postAlert(h, alert);
    const [root] = h.slack.rootMessages(ALERT_CHANNEL);
    const guest = { team: { id: 'T0EVIL', domain: 'evil' }, user: { id: ALICE.id, username: 'alice', name: 'alice', team_id: 'T0EVIL' } };
    await click({ kind: 'vote', alertId: alert.systemAlertId, verdict: 'true-positive' }, root!.ts, ALICE, guest);
    await h.slack.waitFor(() => h.slack.ephemerals.length > 0, 5000, 'the refusal');
    expect(texts(h.slack.ephemerals[0]!)).toMatch(/serves only its own organisation/);
    expect(await h.store.votes.history(alert.systemAlertId)).toEqual([]);
    expect((await refusals()).map((e) => e.after)).toEqual([expect.objectContaining({ reason: 'foreign-organisation', teams: 'T0EVIL' })]);
  });
});

describe('Slack slash commands', () => {
  it('`/handoff` off the roster in a general channel posts nothing there: refused through response_url, audited', async () => {
    await command('/handoff', '', GENERAL, 'h1');
    await h.slack.waitFor(() => h.slack.responses.length > 0, 5000, 'the refusal');
    await new Promise((r) => setTimeout(r, 200));
    expect(h.slack.rootMessages(GENERAL)).toHaveLength(0);
    expect(JSON.stringify(h.slack.responses[0]!.body)).toMatch(/only in the triage channels \(slack:CALERTS01\)/);
    expect((await refusals()).map((e) => e.after)).toEqual([expect.objectContaining({ intent: 'handoff', reason: 'outside-triage-channels', channel: `slack:${GENERAL}` })]);
  });

  it('`/handoff` by a roster analyst in a general channel: the summary reaches only them (response_url), the channel gets nothing', async () => {
    h.deps.settings.analysts = [ALICE.id, BOB.id];
    await command('/handoff', '', GENERAL, 'h2');
    await h.slack.waitFor(() => h.slack.responses.some((r) => /Handoff|handoff/.test(JSON.stringify(r.body)) && !/Posting/.test(JSON.stringify(r.body))), 10_000, 'the private handoff');
    expect(h.slack.rootMessages(GENERAL)).toHaveLength(0);
    expect(h.slack.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('`/handoff note …` off the roster is refused even in the triage channel: no official note appears', async () => {
    await command('/handoff', 'note all quiet, go home', ALERT_CHANNEL, 'n1');
    await h.slack.waitFor(() => h.slack.responses.length > 0, 5000, 'the refusal');
    expect(JSON.stringify(h.slack.responses[0]!.body)).toMatch(/Only analysts on the triage roster may leave handoff notes/);
    expect(await h.store.handoffs.notes('1970-01-01T00:00:00.000Z', '2999-01-01T00:00:00.000Z')).toEqual([]);
  });

  it('`/investigate web-vm-01 30d` off the roster in a general channel: refused, no results posted there', async () => {
    await command('/investigate', 'web-vm-01 30d', GENERAL, 'i1');
    await h.slack.waitFor(() => h.slack.responses.length > 0, 5000, 'the refusal');
    await new Promise((r) => setTimeout(r, 300));
    expect(h.slack.rootMessages(GENERAL)).toHaveLength(0);
    expect((await refusals()).map((e) => e.after)).toEqual([expect.objectContaining({ intent: 'investigate-target', reason: 'outside-triage-channels' })]);
  });

  it('`/investigate web-vm-01 30d` by a roster analyst in a general channel: the result comes back privately, nothing is posted there', async () => {
    h.deps.settings.analysts = [BOB.id];
    await command('/investigate', 'web-vm-01 30d', GENERAL, 'i2');
    await h.slack.waitFor(() => h.slack.responses.length >= 2, 10_000, 'the ack answer and the result');
    expect(h.slack.responses.every((r) => r.id === 'i2' && r.body.response_type === 'ephemeral')).toBe(true);
    expect(JSON.stringify(h.slack.responses[1]!.body)).toMatch(/Who\?/);
    expect(h.slack.rootMessages(GENERAL)).toHaveLength(0);
  });

  it('a command from another workspace is refused and audited', async () => {
    await command('/triage', '', ALERT_CHANNEL, 't1', { team_id: 'T0EVIL' });
    await h.slack.waitFor(() => h.slack.responses.length > 0, 5000, 'the refusal');
    expect(JSON.stringify(h.slack.responses[0]!.body)).toMatch(/serves only its own organisation/);
    expect((await refusals()).map((e) => e.after)).toEqual([expect.objectContaining({ intent: 'triage-list', reason: 'foreign-organisation', teams: 'T0EVIL' })]);
  });
});

describe('Slack request checks', () => {
  it('refuses a correctly signed request dated in the future, like a stale one', async () => {
    const inTenMinutes = Math.floor(Date.now() / 1000) + 600;
    const res = await postSigned(h.eventsUrl, slashCommand('/triage', '', h.slack.responseUrl('future')), { timestamp: inTenMinutes });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.slack.responses).toHaveLength(0);
  });

  it('answers an unauthenticated request with a short plain 401, no SDK detail', async () => {
    const res = await postSigned(h.eventsUrl, slashCommand('/triage', '', h.slack.responseUrl('forged')), { secret: 'not-the-secret' });
    expect(res).toEqual({ status: 401, text: 'unauthorized' });
  });
});
