/**
 * A storm member's reply is found again in its thread: the reply carries the alert's message
 * metadata (with a role), and the sender looks for it through conversations.replies — page by
 * page, as Slack pages — before posting it again, after a crash (findReply) or an ambiguous 500.
 * Real SlackSurface, SlackSender and WebClient against the fake Slack Web API.
 */
import { makeAlert } from '../../helpers/alerts';
import { useSlackSurface } from './slack-surface-on-fake';

const TOKEN = 'xoxb-replies-test';
const CHANNEL = 'CREPLIES1';

const h = useSlackSurface(TOKEN);

const card = (id: string) => ({ kind: 'alert' as const, alert: makeAlert({ systemAlertId: id }), state: { status: 'Active' as const } });
const member = { role: 'storm-member' as const };

it("a storm member's reply carries the alert metadata with its role; the group card's stays as it was", async () => {
  const root = await h.surface.post(CHANNEL, card('anchor'), { alertId: 'anchor' });
  await h.surface.reply(root, card('m-1'), { alertId: 'm-1', ...member });
  await h.surface.reply(root, { kind: 'notice', tone: 'info', text: 'Who? running' }, { alertId: 'anchor' });
  const [reply, answer] = h.slack.threadReplies(CHANNEL, root.messageId);
  expect(reply!.metadata).toEqual({ event_type: 'defender_alert', event_payload: { system_alert_id: 'm-1', role: 'storm-member' } });
  expect(answer!.metadata).toBeUndefined(); // an investigation answer is not an alert's post
  expect(h.slack.rootMessages(CHANNEL)[0]!.metadata).toEqual({ event_type: 'defender_alert', event_payload: { system_alert_id: 'anchor' } });
  // The member's reply is not taken for the member's own card.
  expect(await h.surface.findPosted(CHANNEL, 'm-1')).toBeUndefined();
});

it('finds a reply deep in a long thread, paging conversations.replies with its cursor', async () => {
  const root = await h.surface.post(CHANNEL, card('anchor'), { alertId: 'anchor' });
  for (let i = 0; i < 450; i++) await h.surface.reply(root, card(`m-${i}`), { alertId: `m-${i}`, ...member });
  const found = await h.surface.findReply(root, 'm-449', 'storm-member');
  const last = h.slack.threadReplies(CHANNEL, root.messageId).at(-1)!;
  expect(found).toEqual({ platform: 'slack', channelId: CHANNEL, messageId: last.ts, threadId: root.messageId });
  const calls = h.slack.callsOf('conversations.replies');
  expect(calls).toHaveLength(3); // 451 messages, 200 a page
  expect(calls.map((c) => typeof c.args.cursor === 'string')).toEqual([false, true, true]);
  expect(await h.surface.findReply(root, 'm-450', 'storm-member')).toBeUndefined();
  expect(await h.surface.findReply(root, 'm-3', 'another-role')).toBeUndefined();
});

it('searches only from when the reply was owed on (oldest), so an old long thread costs one page', async () => {
  const root = await h.surface.post(CHANNEL, card('anchor'), { alertId: 'anchor' });
  const ref = await h.surface.reply(root, card('m-1'), { alertId: 'm-1', ...member });
  const since = Date.now();
  expect(await h.surface.findReply(root, 'm-1', 'storm-member', since)).toEqual(ref);
  const [call] = h.slack.callsOf('conversations.replies');
  // A margin for the clocks of Slack and the bot: ten minutes before the row was made.
  expect(Number(call!.args.oldest)).toBeCloseTo((since - 600_000) / 1000, 0);
});

it('a reply whose 500 did post is found in its thread before the retry: one reply', async () => {
  const root = await h.surface.post(CHANNEL, card('anchor'), { alertId: 'anchor' });
  h.slack.failNextAfterEffect('chat.postMessage');
  const ref = await h.surface.reply(root, card('m-1'), { alertId: 'm-1', ...member });
  expect(h.slack.threadReplies(CHANNEL, root.messageId).map((m) => m.ts)).toEqual([ref.messageId]);
  expect(h.slack.callsOf('conversations.replies').length).toBeGreaterThan(0);
});

describe('the fake Slack pages conversations.replies as Slack does', () => {
  it('parent first, then replies oldest first; limit, cursor, has_more; thread_not_found for an unknown ts', async () => {
    const root = await h.surface.post(CHANNEL, card('anchor'), { alertId: 'anchor' });
    for (let i = 0; i < 4; i++) await h.surface.reply(root, card(`m-${i}`), { alertId: `m-${i}`, ...member });
    const call = async (args: Record<string, string>) => {
      const res = await fetch(`${h.slack.apiUrl}conversations.replies`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ channel: CHANNEL, ...args }),
      });
      return (await res.json()) as { ok: boolean; error?: string; messages?: { ts: string }[]; has_more?: boolean; response_metadata?: { next_cursor: string } };
    };
    const all = [root.messageId, ...h.slack.threadReplies(CHANNEL, root.messageId).map((m) => m.ts)];
    const first = await call({ ts: root.messageId, limit: '3' });
    expect(first.messages!.map((m) => m.ts)).toEqual(all.slice(0, 3));
    expect(first.has_more).toBe(true);
    const second = await call({ ts: all[2]!, limit: '3', cursor: first.response_metadata!.next_cursor }); // ts of a reply names its thread
    expect(second.messages!.map((m) => m.ts)).toEqual(all.slice(3));
    expect(second).toMatchObject({ has_more: false, response_metadata: { next_cursor: '' } });
    expect(await call({ ts: '1.000001' })).toEqual({ ok: false, error: 'thread_not_found' });
  });
});
