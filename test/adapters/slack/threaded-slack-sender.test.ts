/**
 * The Slack sender thread against the fake Slack Web API: what it posts, how Slack's refusals and
 * rate limits come back across the thread, reconciliation of an ambiguous 500, and what happens
 * to calls in flight when the thread goes away.
 */
import { ErrorCode } from '@slack/web-api';
import { classifySlackError } from '../../../src/adapters/slack/slack-errors';
import { SlackSurface } from '../../../src/adapters/slack/slack-surface';
import { fromThreadError, toThreadError } from '../../../src/adapters/slack/slack-thread-protocol';
import { ThreadedSlackSender } from '../../../src/adapters/slack/threaded-slack-sender';
import { silentLogger } from '../../../src/app/deps';
import { TriageError } from '../../../src/domain/errors';
import { startFakeSlack, type FakeSlackApi } from '../../fakes/slack-api-server';
import { makeAlert } from '../../helpers/alerts';

const TOKEN = 'xoxb-thread-test';
const CHANNEL = 'CTHREAD01';

let slack: FakeSlackApi;
let sender: ThreadedSlackSender;
let surface: SlackSurface;

beforeEach(async () => {
  slack = await startFakeSlack({ token: TOKEN });
  sender = new ThreadedSlackSender({ token: TOKEN, apiUrl: slack.apiUrl, outbox: { minIntervalMs: 0, baseBackoffMs: 10, maxBackoffMs: 50 } }, silentLogger);
  surface = new SlackSurface(sender);
});
afterEach(async () => {
  await sender.close();
  await slack.close();
});

const alertCard = (id: string) => ({ kind: 'alert' as const, alert: makeAlert({ systemAlertId: id, displayName: 'Suspicious `PowerShell` <b>' }), state: { status: 'Active' as const } });

it('posts a rendered card from its thread: Block Kit blocks, fallback text and the alert metadata arrive', async () => {
  const ref = await surface.post(CHANNEL, alertCard('alert-1'), { alertId: 'alert-1' });
  const [message] = slack.rootMessages(CHANNEL);
  expect(ref).toEqual({ platform: 'slack', channelId: CHANNEL, messageId: message!.ts, threadId: message!.ts });
  expect(Array.isArray(message!.blocks) && message!.blocks.length).toBeGreaterThan(3);
  expect(message!.text).toContain('Suspicious');
  expect(message!.metadata).toEqual({ event_type: 'defender_alert', event_payload: { system_alert_id: 'alert-1' } });
  expect(await surface.findPosted(CHANNEL, 'alert-1')).toEqual(ref);
  expect(sender.pending).toBe(0);
});

it('replies, updates and answers one user through the same thread', async () => {
  const root = await surface.post(CHANNEL, alertCard('alert-2'), { alertId: 'alert-2' });
  const reply = await surface.reply(root, { kind: 'notice', title: 'Who?', text: 'running', tone: 'info' });
  await surface.update(root, alertCard('alert-2'));
  await surface.notifyUser({ channelId: CHANNEL, threadId: root.threadId }, 'U123', { kind: 'notice', title: 'Vote', text: 'counted', tone: 'good' });
  expect(reply.threadId).toBe(root.messageId);
  expect(slack.threadReplies(CHANNEL, root.messageId)).toHaveLength(1);
  expect(slack.rootMessages(CHANNEL)[0]!.edits).toBe(1);
  expect(slack.ephemerals).toEqual([expect.objectContaining({ channel: CHANNEL, user: 'U123', thread_ts: root.threadId })]);
});

it("brings Slack's refusal back as an error the callers can classify (final, with data.error)", async () => {
  const failure = await surface.post('', alertCard('alert-3')).catch((err: unknown) => err);
  expect(failure).toBeInstanceOf(Error);
  expect((failure as { data?: { error?: string } }).data?.error).toBe('channel_not_found');
  expect(classifySlackError(failure).kind).toBe('final');
});

it('waits out a 429 in the thread and posts once', async () => {
  slack.failNext('chat.postMessage', 429, 1, 0);
  await surface.post(CHANNEL, alertCard('alert-4'), { alertId: 'alert-4' });
  expect(slack.callsOf('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
  expect(slack.rootMessages(CHANNEL)).toHaveLength(1);
});

it('a 500 that did post is found by its metadata before the retry: one message', async () => {
  slack.failNextAfterEffect('chat.postMessage');
  const ref = await surface.post(CHANNEL, alertCard('alert-5'), { alertId: 'alert-5' });
  expect(slack.rootMessages(CHANNEL).map((m) => m.ts)).toEqual([ref.messageId]);
  expect(slack.callsOf('conversations.history').length).toBeGreaterThan(0);
});

it('fails calls in flight when closed (the durable outbox retries them), and starts a new thread for the next call', async () => {
  const inFlight = expect(surface.post(CHANNEL, alertCard('alert-6'), { alertId: 'alert-6' })).rejects.toThrow(/outbox retries/);
  await sender.close();
  await inFlight;
  await surface.post(CHANNEL, alertCard('alert-7'), { alertId: 'alert-7' });
  expect(slack.rootMessages(CHANNEL).map((m) => m.metadata?.event_payload.system_alert_id)).toContain('alert-7');
});

describe('errors across the thread boundary', () => {
  it('keep what classifySlackError and the outbox read: code, retryAfter, statusCode', () => {
    const limited = Object.assign(new Error('A rate limit was exceeded'), { code: ErrorCode.RateLimitedError, retryAfter: 7 });
    expect(classifySlackError(fromThreadError(toThreadError(limited)))).toEqual(classifySlackError(limited));
    const http = Object.assign(new Error('HTTP 503'), { code: ErrorCode.HTTPError, statusCode: 503 });
    expect(classifySlackError(fromThreadError(toThreadError(http))).kind).toBe('transient');
  });

  it('rebuild a TriageError with its code and message', () => {
    const rebuilt = fromThreadError(toThreadError(new TriageError('slack_unavailable', 'check SLACK_API_URL')));
    expect(rebuilt).toBeInstanceOf(TriageError);
    expect(rebuilt).toMatchObject({ code: 'slack_unavailable', message: 'check SLACK_API_URL' });
  });

  it('turn anything thrown into an Error with its text', () => {
    expect(fromThreadError(toThreadError('plain text'))).toMatchObject({ message: 'plain text' });
  });
});
