/**
 * Rate awareness without waiting in real time: the per-thread limiter on a fake clock, and the
 * retry policy's backoff (jitter, Retry-After, which statuses are retried at all).
 */
import { ThreadRateLimiter, TEAMS_THREAD_WINDOWS, type LimiterClock } from '../../../src/adapters/teams/rate-limiter';
import { withRetry, type RetryOptions } from '../../../src/adapters/teams/retry';

function fakeClock(): LimiterClock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

/** An error shaped like the SDK's HttpError. */
function httpError(status: number, retryAfter?: string): Error {
  return Object.assign(new Error(`HTTP ${status}`), {
    status,
    response: { headers: new Headers(retryAfter === undefined ? {} : { 'retry-after': retryAfter }) },
  });
}

describe('per-thread pacing', () => {
  it('lets at most 7 messages per second into one thread, and does not slow other threads', async () => {
    const clock = fakeClock();
    const limiter = new ThreadRateLimiter(TEAMS_THREAD_WINDOWS, clock);
    const sentAt: number[] = [];
    for (let i = 0; i < 15; i++) {
      await limiter.acquire('thread-a');
      sentAt.push(clock.now());
    }
    for (const t of sentAt) expect(sentAt.filter((s) => s >= t && s < t + 1000).length).toBeLessThanOrEqual(7);
    expect(sentAt[14]).toBeGreaterThanOrEqual(2000);
    const before = clock.now();
    await limiter.acquire('thread-b');
    expect(clock.now()).toBe(before);
  });

  it('keeps to 60 messages per 30 seconds in one thread', async () => {
    const clock = fakeClock();
    const limiter = new ThreadRateLimiter(TEAMS_THREAD_WINDOWS, clock);
    const sentAt: number[] = [];
    for (let i = 0; i < 61; i++) {
      await limiter.acquire('t');
      sentAt.push(clock.now());
    }
    expect(sentAt[60]! - sentAt[0]!).toBeGreaterThanOrEqual(30_000);
  });

  it('serializes concurrent senders to one thread', async () => {
    const clock = fakeClock();
    const limiter = new ThreadRateLimiter(TEAMS_THREAD_WINDOWS, clock);
    const sentAt: number[] = [];
    await Promise.all(Array.from({ length: 14 }, () => limiter.acquire('t').then(() => sentAt.push(clock.now()))));
    expect(sentAt.filter((t) => t < 1000)).toHaveLength(7);
  });
});

describe('retries', () => {
  const options = (delays: number[]): RetryOptions => ({
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    random: () => 0.5,
    sleep: async (ms) => void delays.push(ms),
  });

  it('backs off exponentially with jitter on 502/504/412', async () => {
    const delays: number[] = [];
    const failures = [httpError(502), httpError(504), httpError(412)];
    const result = await withRetry(async () => {
      const next = failures.shift();
      if (next) throw next;
      return 'sent';
    }, options(delays));
    expect(result).toBe('sent');
    expect(delays).toEqual([50, 100, 200]);
  });

  it('waits what Retry-After says on a 429', async () => {
    const delays: number[] = [];
    let calls = 0;
    await withRetry(async () => {
      if (++calls === 1) throw httpError(429, '0.75');
      return 'ok';
    }, options(delays));
    expect(delays).toEqual([750]);
  });

  it('gives up after maxAttempts and never retries a 403 or 404', async () => {
    const delays: number[] = [];
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw httpError(429); }, options(delays))).rejects.toMatchObject({ status: 429 });
    expect(calls).toBe(4);
    for (const status of [403, 404, 400]) {
      calls = 0;
      await expect(withRetry(async () => { calls++; throw httpError(status); }, options(delays))).rejects.toMatchObject({ status });
      expect(calls).toBe(1);
    }
  });
});
