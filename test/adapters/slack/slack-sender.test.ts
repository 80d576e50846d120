/**
 * The Slack sender (WebClient on our transport, per-channel pacer) against the fake Slack Web API:
 * what it posts, how Slack's refusals and rate limits come back, and reconciliation of an
 * ambiguous 500.
 */
import { classifySlackError } from '../../../src/adapters/slack/slack-errors';
import { makeAlert } from '../../helpers/alerts';
import { useSlackSurface } from './slack-surface-on-fake';

const TOKEN = 'xoxb-sender-test';
const CHANNEL = 'CSENDER01';

const h = useSlackSurface(TOKEN);

const alertCard = (id: string) => ({ kind: 'alert' as const, alert: makeAlert({ systemAlertId: id, displayName: 'Suspicious `PowerShell` <b>' }), state: { status: 'Active' as const } });

it('posts a rendered card: Block Kit blocks, fallback text and the alert metadata arrive', async () => {
  const ref = await h.surface.post(CHANNEL, alertCard('alert-1'), { alertId: 'alert-1' });
  const [message] = h.slack.rootMessages(CHANNEL);
  expect(ref).toEqual({ platform: 'slack', channelId: CHANNEL, messageId: message!.ts, threadId: message!.ts });
  expect(Array.isArray(message!.blocks) && message!.blocks.length).toBeGreaterThan(3);
  expect(message!.text).toContain('Suspicious');
  expect(message!.metadata).toEqual({ event_type: 'defender_alert', event_payload: { system_alert_id: 'alert-1' } });
  expect(await h.surface.findPosted(CHANNEL, 'alert-1')).toEqual(ref);
  expect(h.sender.pending).toBe(0);
});

it('replies, updates and answers one user', async () => {
  const root = await h.surface.post(CHANNEL, alertCard('alert-2'), { alertId: 'alert-2' });
  const reply = await h.surface.reply(root, { kind: 'notice', title: 'Who?', text: 'running', tone: 'info' });
  await h.surface.update(root, alertCard('alert-2'));
  await h.surface.notifyUser({ channelId: CHANNEL, threadId: root.threadId }, 'U123', { kind: 'notice', title: 'Vote', text: 'counted', tone: 'good' });
  expect(reply.threadId).toBe(root.messageId);
  expect(h.slack.threadReplies(CHANNEL, root.messageId)).toHaveLength(1);
  expect(h.slack.rootMessages(CHANNEL)[0]!.edits).toBe(1);
  expect(h.slack.ephemerals).toEqual([expect.objectContaining({ channel: CHANNEL, user: 'U123', thread_ts: root.threadId })]);
});

it("brings Slack's refusal back as an error the callers can classify (final, with data.error)", async () => {
  const failure = await h.surface.post('', alertCard('alert-3')).catch((err: unknown) => err);
  expect(failure).toBeInstanceOf(Error);
  expect((failure as { data?: { error?: string } }).data?.error).toBe('channel_not_found');
  expect(classifySlackError(failure).kind).toBe('final');
});

it('waits out a 429 (Retry-After) and posts once', async () => {
  h.slack.failNext('chat.postMessage', 429, 1, 0);
  await h.surface.post(CHANNEL, alertCard('alert-4'), { alertId: 'alert-4' });
  expect(h.slack.callsOf('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
  expect(h.slack.rootMessages(CHANNEL)).toHaveLength(1);
});

it('a 500 that did post is found by its metadata before the retry: one message', async () => {
  h.slack.failNextAfterEffect('chat.postMessage');
  const ref = await h.surface.post(CHANNEL, alertCard('alert-5'), { alertId: 'alert-5' });
  expect(h.slack.rootMessages(CHANNEL).map((m) => m.ts)).toEqual([ref.messageId]);
  expect(h.slack.callsOf('conversations.history').length).toBeGreaterThan(0);
});
