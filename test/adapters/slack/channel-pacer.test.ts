/**
 * The per-channel pacer, driving the real WebClient over HTTP against the fake Slack Web API.
 */
import type { WebClient } from '@slack/web-api';
import { silentLogger } from '../../../src/app/deps';
import { ChannelPacer } from '../../../src/adapters/slack/channel-pacer';
import { createSlackClient } from '../../../src/adapters/slack/slack-client';
import { startFakeSlack, type FakeSlackApi } from '../../fakes/slack-api-server';

let slack: FakeSlackApi;
let client: WebClient;

beforeEach(async () => {
  slack = await startFakeSlack({ token: 'xoxb-test' });
  client = createSlackClient('xoxb-test', slack.apiUrl, silentLogger);
});
afterEach(() => slack.close());

const post = (channel: string, text: string) => () => client.chat.postMessage({ channel, text });

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!);
}

describe('ChannelPacer', () => {
  it('spaces calls in one channel by the minimum interval, in order, while channels run side by side', async () => {
    const pacer = new ChannelPacer({ minIntervalMs: 150 });
    const c1Starts: number[] = [];
    const c2Starts: number[] = [];
    const timed = (channel: string, text: string) => () => {
      (channel === 'C1' ? c1Starts : c2Starts).push(Date.now());
      return post(channel, text)();
    };
    const started = Date.now();
    await Promise.all([
      ...[1, 2, 3, 4].map((n) => pacer.enqueue('C1', timed('C1', `one-${n}`))),
      ...[1, 2, 3, 4].map((n) => pacer.enqueue('C2', timed('C2', `two-${n}`))),
    ]);
    const elapsed = Date.now() - started;
    expect(slack.rootMessages('C1').map((m) => m.text)).toEqual(['one-1', 'one-2', 'one-3', 'one-4']);
    expect(slack.rootMessages('C2').map((m) => m.text)).toEqual(['two-1', 'two-2', 'two-3', 'two-4']);
    for (const gap of gaps(c1Starts)) expect(gap).toBeGreaterThanOrEqual(148);
    expect(elapsed).toBeGreaterThanOrEqual(3 * 150 - 20);
    // the channels run side by side: C2 does not wait for C1's lane to drain
    expect(c2Starts[1]!).toBeLessThan(c1Starts[3]!);
    expect(pacer.pending).toBe(0);
  });

  it('honours Retry-After on a 429 and posts the message exactly once', async () => {
    slack.failNext('chat.postMessage', 429, 1, 1);
    const retries: number[] = [];
    const pacer = new ChannelPacer({ minIntervalMs: 10, onRetry: (e) => retries.push(e.waitMs) });
    await pacer.enqueue('C1', post('C1', 'hello'));
    const calls = slack.callsOf('chat.postMessage');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(990);
    expect(retries).toEqual([1000]);
    expect(slack.rootMessages('C1')).toHaveLength(1);
    expect(pacer.pending).toBe(0);
  });

  it('retries 5xx with growing backoff, then succeeds', async () => {
    slack.failNext('chat.postMessage', 500, 2);
    const waits: number[] = [];
    const pacer = new ChannelPacer({ minIntervalMs: 1, baseBackoffMs: 100, random: () => 1, onRetry: (e) => waits.push(e.waitMs) });
    const result = await pacer.enqueue('C1', post('C1', 'after faults'));
    expect(result.ok).toBe(true);
    expect(waits).toEqual([100, 200]);
    expect(slack.callsOf('chat.postMessage').map((c) => c.status)).toEqual([500, 500, 200]);
    expect(slack.rootMessages('C1')).toHaveLength(1);
  });

  it('gives up after maxAttempts with an error that says what to check', async () => {
    slack.failNext('chat.postMessage', 503, 5);
    const pacer = new ChannelPacer({ minIntervalMs: 1, baseBackoffMs: 5, maxAttempts: 3 });
    await expect(pacer.enqueue('C1', post('C1', 'never'))).rejects.toMatchObject({
      code: 'slack_unavailable',
      message: expect.stringMatching(/channel C1: 3 attempts failed.*SLACK_API_URL/),
    });
    expect(slack.callsOf('chat.postMessage')).toHaveLength(3);
  });

  it("gives up when still rate limited, telling the durable outbox Slack's last Retry-After in ms (the port's retryAfterMs)", async () => {
    slack.failNext('chat.postMessage', 429, 3, 0);
    slack.failNext('chat.postMessage', 429, 1, 2);
    const pacer = new ChannelPacer({ minIntervalMs: 1, maxRateLimited: 3, onRetry: () => undefined });
    await expect(pacer.enqueue('C1', post('C1', 'never'))).rejects.toMatchObject({ code: 'slack_unavailable', retryAfterMs: 2000, message: expect.stringMatching(/rate limited 4 times/) });
    expect(slack.callsOf('chat.postMessage').map((c) => c.status)).toEqual([429, 429, 429, 429]);
  });

  it('gives up on 5xx without a retry hint: the outbox backs off on its own', async () => {
    slack.failNext('chat.postMessage', 503, 2);
    const pacer = new ChannelPacer({ minIntervalMs: 1, baseBackoffMs: 5, maxAttempts: 2 });
    const failure = await pacer.enqueue('C1', post('C1', 'never')).catch((err: unknown) => err);
    expect(failure).toMatchObject({ code: 'slack_unavailable' });
    expect(failure).not.toHaveProperty('retryAfterMs');
  });

  it('does not retry a platform error, and the lane keeps going after it', async () => {
    const pacer = new ChannelPacer({ minIntervalMs: 1 });
    const bad = pacer.enqueue('C1', () => client.chat.postMessage({ channel: 'C1', text: '' }));
    const good = pacer.enqueue('C1', post('C1', 'fine'));
    await expect(bad).rejects.toMatchObject({ data: { error: 'no_text' } });
    await expect(good).resolves.toMatchObject({ ok: true });
    expect(slack.callsOf('chat.postMessage')).toHaveLength(2);
  });
});

describe('ChannelPacer pacing across bursts', () => {
  it('paces a call that arrives just after the channel drained', async () => {
    const pacer = new ChannelPacer({ minIntervalMs: 200 });
    const starts: number[] = [];
    const timed = () => {
      starts.push(Date.now());
      return client.chat.postMessage({ channel: 'C1', text: 'x' });
    };
    await pacer.enqueue('C1', timed);
    await pacer.idle();
    await pacer.enqueue('C1', timed);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(198);
  });
});
