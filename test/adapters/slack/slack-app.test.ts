/**
 * The Slack app end to end: real Bolt (HTTP mode, signature checks) and the real WebClient, over
 * HTTP against the fake Slack Web API. Nothing of ours is mocked.
 */
import { createHttpHost } from '../../../src/adapters/http/http-host';
import { slackModule } from '../../../src/adapters/slack/slack-module';
import { actionId } from '../../../src/adapters/cards/slack-action-id';
import { encodeAction } from '../../../src/domain/action-codec';
import { startFakeSlack } from '../../fakes/slack-api-server';
import { flagshipAlert } from '../../helpers/alerts';
import { ALERT_CHANNEL, TOKEN, blockActions, postAlert, postSigned, slashCommand, startHarness, type Harness } from './slack-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const texts = (blocks: unknown[] | undefined) => JSON.stringify(blocks ?? []);

async function postFlagship() {
  const alert = flagshipAlert();
  await postAlert(h, alert);
  const [root] = h.slack.rootMessages(ALERT_CHANNEL);
  if (!root) throw new Error('alert was not posted');
  return { alert, root };
}

describe('Slack app', () => {
  it('verifies its token with auth.test at start, over SLACK_API_URL', () => {
    const auth = h.slack.callsOf('auth.test');
    expect(auth).toHaveLength(1);
    expect(auth[0]!.token).toBe(TOKEN);
  });

  it('posts a new alert as Block Kit with a text fallback and defender_alert metadata, and records the root', async () => {
    const { alert, root } = await postFlagship();
    expect(root.metadata).toEqual({ event_type: 'defender_alert', event_payload: { system_alert_id: alert.systemAlertId } });
    expect(root.text).toContain('web-vm-01');
    expect(texts(root.blocks)).toContain('Suspicious PowerShell command');
    expect(root.blocks!.length).toBeLessThanOrEqual(50);
    const call = h.slack.callsOf('chat.postMessage')[0]!;
    expect(call.token).toBe(TOKEN);
    expect(call.args.unfurl_links).toBe('false');
    const stored = await h.store.messages.findRoot(alert.systemAlertId, 'slack', ALERT_CHANNEL);
    expect(stored).toMatchObject({ messageId: root.ts, threadId: root.ts, channelId: ALERT_CHANNEL });
  });

  it('shows mentions and links in alert text literally: escaped in blocks and in the text fallback', async () => {
    const alert = flagshipAlert({ systemAlertId: 'hostile-1', displayName: '<!channel> pwned <@U0BOSS> <http://evil.example|portal>' });
    await postAlert(h, alert);
    const [root] = h.slack.rootMessages(ALERT_CHANNEL);
    const everything = `${root!.text} ${texts(root!.blocks)}`;
    expect(everything).toContain('&lt;!channel&gt;');
    for (const raw of ['<!channel>', '<@U0BOSS>', '<http://evil.example|portal>']) expect(everything).not.toContain(raw);
  });

  it('finds an alert post again through its metadata (reconciliation)', async () => {
    const { alert, root } = await postFlagship();
    await expect(h.module.surface.findPosted(ALERT_CHANNEL, alert.systemAlertId)).resolves.toMatchObject({ messageId: root.ts });
    await expect(h.module.surface.findPosted(ALERT_CHANNEL, 'another-alert')).resolves.toBeUndefined();
  });

  it('marks only the alert card itself with defender_alert metadata, not other posts about the alert', async () => {
    const { alert } = await postFlagship();
    await h.module.surface.post(ALERT_CHANNEL, { kind: 'notice', tone: 'info', text: 'Who? for the alert' }, { alertId: alert.systemAlertId });
    const [, answer] = h.slack.rootMessages(ALERT_CHANNEL);
    expect(answer!.metadata).toBeUndefined();
    expect(answer!.text).toContain('Who? for the alert');
  });

  it('a vote button: acks at once, answers the clicker in the thread, updates the root card, posts the vote in the thread', async () => {
    const { alert, root } = await postFlagship();
    const action = encodeAction({ kind: 'vote', alertId: alert.systemAlertId, verdict: 'true-positive' });
    const res = await postSigned(h.eventsUrl, blockActions({ actionId: actionId(action), value: JSON.stringify(action.data), channel: ALERT_CHANNEL, messageTs: root.ts }));
    expect(res.status).toBe(200);
    await h.slack.waitFor(() => h.slack.ephemerals.length > 0 && root.edits > 0 && h.slack.threadReplies(ALERT_CHANNEL, root.ts).length > 0, 10_000, 'vote answers');
    const [ephemeral] = h.slack.ephemerals;
    expect(ephemeral).toMatchObject({ channel: ALERT_CHANNEL, user: 'U0ANALYST1', thread_ts: root.ts });
    expect(`${ephemeral!.text} ${texts(ephemeral!.blocks)}`).toMatch(/Your vote/);
    expect(h.slack.callsOf('chat.update')[0]!.args).toMatchObject({ channel: ALERT_CHANNEL, ts: root.ts });
    expect(texts(root.blocks)).toContain('True positive: 1');
    const [reply] = h.slack.threadReplies(ALERT_CHANNEL, root.ts);
    expect(`${reply!.text} ${texts(reply!.blocks)}`).toMatch(/alice voted/);
    expect(await h.store.votes.history(alert.systemAlertId)).toHaveLength(1);
  });

  /** The posted card's row with the severity select and the vote buttons, as Slack shows it. */
  function voteRow(root: { blocks?: unknown[] }) {
    const rows = (root.blocks ?? []) as { type: string; elements?: Record<string, unknown>[] }[];
    const row = rows.find((b) => b.type === 'actions' && b.elements?.some((e) => e.action_id === 'dtb.input.severity'));
    if (!row) throw new Error('no severity select on the posted card');
    const select = row.elements!.find((e) => e.action_id === 'dtb.input.severity')!;
    const button = (verdict: string) => row.elements!.find((e) => e.action_id === `dtb.vote.${verdict}`) as { action_id: string; value: string };
    return { select: select as { options: { value: string }[]; initial_option?: { value: string } }, button };
  }

  it('a vote button with a severity picked in the select records that severity', async () => {
    const { alert, root } = await postFlagship();
    const { select, button } = voteRow(root);
    expect(select.initial_option?.value).toBe('Medium');
    expect(select.options.map((o) => o.value)).toEqual(['High', 'Medium', 'Low', 'Informational']);
    const tp = button('true-positive');
    const state = { 'vote-row': { 'dtb.input.severity': { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Severity: Low' }, value: 'Low' } } } };
    const res = await postSigned(h.eventsUrl, blockActions({ actionId: tp.action_id, value: tp.value, channel: ALERT_CHANNEL, messageTs: root.ts, state }));
    expect(res.status).toBe(200);
    await h.slack.waitFor(() => h.slack.ephemerals.length > 0 && root.edits > 0, 10_000, 'vote answer and card update');
    expect(h.slack.ephemerals[0]!.text).toMatch(/Your vote: true positive \/ Low/i);
    expect(await h.store.votes.history(alert.systemAlertId)).toEqual([expect.objectContaining({ verdict: 'true-positive', severity: 'Low' })]);
    expect(texts(root.blocks)).toContain('True positive: 1');
  });

  it('picking a severity alone is acked and records nothing', async () => {
    const { alert, root } = await postFlagship();
    const res = await postSigned(h.eventsUrl, blockActions({ actionId: 'dtb.input.severity', value: '', selected: 'High', channel: ALERT_CHANNEL, messageTs: root.ts }));
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.slack.ephemerals).toHaveLength(0);
    expect(root.edits).toBe(0);
    expect(await h.store.votes.history(alert.systemAlertId)).toEqual([]);
  });

  it('an Analyze button: "running…" only to the clicker, the card updated, the result posted in the thread for everyone', async () => {
    const { alert, root } = await postFlagship();
    const action = encodeAction({ kind: 'investigate', alertId: alert.systemAlertId, investigation: 'analyze' });
    const res = await postSigned(h.eventsUrl, blockActions({ actionId: actionId(action), value: JSON.stringify(action.data), channel: ALERT_CHANNEL, messageTs: root.ts }));
    expect(res.status).toBe(200);
    await h.slack.waitFor(
      () => h.slack.ephemerals.length > 0 && root.edits > 0 && h.slack.threadReplies(ALERT_CHANNEL, root.ts).length > 0,
      10_000,
      'the answer, the card update and the analysis',
    );
    expect(h.slack.ephemerals[0]).toMatchObject({ user: 'U0ANALYST1', thread_ts: root.ts });
    expect(h.slack.ephemerals[0]!.text).toMatch(/running/i);
    expect(root.edits).toBeGreaterThan(0);
    const [result] = h.slack.threadReplies(ALERT_CHANNEL, root.ts);
    expect(`${result!.text} ${texts(result!.blocks)}`).toMatch(/Bypass/i);
    expect(result!.metadata).toBeUndefined();
  });

  it("the card's Findings line links to the answer by its permalink (auth.test's workspace URL, the reply's ts)", async () => {
    const { alert, root } = await postFlagship();
    const action = encodeAction({ kind: 'investigate', alertId: alert.systemAlertId, investigation: 'analyze' });
    await postSigned(h.eventsUrl, blockActions({ actionId: actionId(action), value: JSON.stringify(action.data), channel: ALERT_CHANNEL, messageTs: root.ts }));
    await h.slack.waitFor(() => texts(root.blocks).includes('full answer'), 10_000, 'the findings line with its link');
    const [result] = h.slack.threadReplies(ALERT_CHANNEL, root.ts);
    const permalink = `https://fake.slack.com/archives/${ALERT_CHANNEL}/p${result!.ts.replace('.', '')}?thread_ts=${root.ts}&amp;cid=${ALERT_CHANNEL}`;
    expect(texts(root.blocks)).toContain(`<${permalink}|full answer>`);
    // The answer's first compact table went as Slack's table block (chat.postMessage takes it).
    expect((result!.blocks as { type: string }[]).filter((b) => b.type === 'table')).toHaveLength(1);
  });

  it('a button whose value was tampered with is answered with an ephemeral error, not silence', async () => {
    const { root } = await postFlagship();
    const res = await postSigned(h.eventsUrl, blockActions({ actionId: 'dtb.vote.true-positive', value: '{"alertId":"x","verdict":"maybe"}', channel: ALERT_CHANNEL, messageTs: root.ts }));
    expect(res.status).toBe(200);
    await h.slack.waitFor(() => h.slack.ephemerals.length > 0, 5000, 'an ephemeral error');
    expect(h.slack.ephemerals[0]!.text).toMatch(/could not be read \(unknown verdict\)/);
    expect(root.edits).toBe(0);
  });

  it('a link button is acked and otherwise ignored', async () => {
    const { root } = await postFlagship();
    const res = await postSigned(h.eventsUrl, blockActions({ actionId: 'portal-link', value: '', channel: ALERT_CHANNEL, messageTs: root.ts }));
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.slack.ephemerals).toHaveLength(0);
  });

  it('a signed slash command is acked with "working on it" and answered through response_url', async () => {
    const res = await postSigned(h.eventsUrl, slashCommand('/triage', '', h.slack.responseUrl('triage-1')));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Working on it/) });
    await h.slack.waitFor(() => h.slack.responses.length > 0, 5000, 'the response_url answer');
    const answer = h.slack.responses[0]!;
    expect(answer.id).toBe('triage-1');
    expect(answer.body).toMatchObject({ response_type: 'ephemeral' });
    expect(typeof answer.body.text).toBe('string');
  });

  it('`/investigate analyze <alert id>` from another channel: acked, answered privately, the analysis posted in that channel', async () => {
    const { alert } = await postFlagship();
    const res = await postSigned(h.eventsUrl, slashCommand('/investigate', `analyze ${alert.systemAlertId}`, h.slack.responseUrl('inv-1'), 'CSOC0001'));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).text).toMatch(/^Working on it/);
    await h.slack.waitFor(() => h.slack.responses.length > 0 && h.slack.rootMessages('CSOC0001').length > 0, 10_000, 'answer and analysis');
    expect(JSON.stringify(h.slack.responses[0]!.body)).toMatch(/running/i);
    const [analysis] = h.slack.rootMessages('CSOC0001');
    expect(`${analysis!.text} ${texts(analysis!.blocks)}`).toMatch(/Bypass/i);
    expect(analysis!.metadata).toBeUndefined();
  });

  it('`/investigate help` answers with the help', async () => {
    const res = await postSigned(h.eventsUrl, slashCommand('/investigate', 'help', h.slack.responseUrl('help-1')));
    expect(res.status).toBe(200);
    await h.slack.waitFor(() => h.slack.responses.length > 0, 5000, 'help');
    expect(JSON.stringify(h.slack.responses[0]!.body)).toMatch(/investigate/);
  });

  it('a slash command the parser refuses is answered in the ack itself', async () => {
    const res = await postSigned(h.eventsUrl, slashCommand('/investigate', 'web-vm-01 soon', h.slack.responseUrl('bad-1')));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).text).toMatch(/window "soon" not understood.*\/investigate help/);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.slack.responses).toHaveLength(0);
  });

  it('echoes the user\'s text escaped, in the ack and in the parser\'s complaint', async () => {
    const res = await postSigned(h.eventsUrl, slashCommand('/investigate', 'web-vm-01 <!channel>', h.slack.responseUrl('x')));
    const text = JSON.parse(res.text).text as string;
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
  });

  it('refuses a forged signature with 401 and runs nothing', async () => {
    const res = await postSigned(h.eventsUrl, slashCommand('/triage', '', h.slack.responseUrl('forged')), { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.slack.responses).toHaveLength(0);
  });

  it('refuses a correctly signed request with a stale timestamp (replay)', async () => {
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const res = await postSigned(h.eventsUrl, slashCommand('/triage', '', h.slack.responseUrl('stale')), { timestamp: tenMinutesAgo });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.slack.responses).toHaveLength(0);
  });
});

describe('Slack app start', () => {
  it('stops with a message naming SLACK_BOT_TOKEN when Slack refuses the token', async () => {
    const fake = await startFakeSlack({ token: 'xoxb-the-right-one' });
    try {
      const deps = { ...h.deps, surfaces: {} };
      const module = slackModule({ config: { SLACK_BOT_TOKEN: 'xoxb-wrong', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: fake.apiUrl }, deps, host: createHttpHost() });
      await expect(module.start()).rejects.toMatchObject({ code: 'slack_auth', message: expect.stringMatching(/SLACK_BOT_TOKEN \(auth.test: invalid_auth\)/) });
    } finally {
      await fake.close();
    }
  });
});

describe('Slack app start retries', () => {
  it('waits out a 500 from auth.test at start instead of failing the start', async () => {
    const fake = await startFakeSlack({ token: TOKEN });
    const host = createHttpHost();
    try {
      fake.failNext('auth.test', 500);
      const module = slackModule({ config: { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: 's', SLACK_API_URL: fake.apiUrl }, deps: h.deps, host });
      await module.start();
      expect(fake.callsOf('auth.test').map((c) => c.status)).toEqual([500, 200]);
    } finally {
      await fake.close();
    }
  });
});

describe('Slack app modes', () => {
  it('uses Socket Mode when SLACK_APP_TOKEN is set, and then mounts nothing on the HTTP host', async () => {
    const host = createHttpHost();
    const module = slackModule({ config: { SLACK_BOT_TOKEN: TOKEN, SLACK_APP_TOKEN: 'xapp-1-test', SLACK_API_URL: h.slack.apiUrl }, deps: h.deps, host });
    expect(module.app.mode).toBe('socket');
    const { port } = await host.listen(0, '127.0.0.1');
    try {
      const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, slashCommand('/triage', '', h.slack.responseUrl('x')));
      expect(res.status).toBe(404);
    } finally {
      await host.close();
    }
  });

  it('refuses HTTP mode without a signing secret, naming the setting', () => {
    expect(() => slackModule({ config: { SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: h.slack.apiUrl }, deps: h.deps, host: createHttpHost() })).toThrow(
      /SLACK_SIGNING_SECRET is required/,
    );
  });
});
