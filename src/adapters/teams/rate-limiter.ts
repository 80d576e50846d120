/**
 * Teams throttles bots per thread (7 messages per second, 60 per 30 seconds). Sending slower than
 * that on our side avoids 429s instead of retrying them. One sliding window set per thread key.
 */
export interface RateWindow {
  limit: number;
  ms: number;
}

export const TEAMS_THREAD_WINDOWS: readonly RateWindow[] = [
  { limit: 7, ms: 1000 },
  { limit: 60, ms: 30_000 },
];

export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Threads idle this long are forgotten, so the map does not grow with every thread ever seen. */
const FORGET_AFTER_MS = 60_000;

export class ThreadRateLimiter {
  private readonly sent = new Map<string, number[]>();
  /** Per-key chain so concurrent senders to one thread take turns. */
  private readonly turns = new Map<string, Promise<void>>();

  constructor(
    private readonly windows: readonly RateWindow[] = TEAMS_THREAD_WINDOWS,
    private readonly clock: LimiterClock = realClock,
  ) {}

  /** Resolves when one more message may be sent on `key`, and counts it as sent. */
  acquire(key: string): Promise<void> {
    const previous = this.turns.get(key) ?? Promise.resolve();
    const mine = previous.then(() => this.waitForSlot(key));
    this.turns.set(key, mine);
    void mine.finally(() => {
      if (this.turns.get(key) === mine) this.turns.delete(key);
    });
    return mine;
  }

  private async waitForSlot(key: string): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      const history = (this.sent.get(key) ?? []).filter((t) => now - t < FORGET_AFTER_MS);
      const wait = Math.max(0, ...this.windows.map((w) => waitFor(history, w, now)));
      if (wait === 0) {
        history.push(now);
        this.sent.set(key, history);
        return;
      }
      await this.clock.sleep(wait);
    }
  }
}

/** How long until `window` admits one more message, given the send times in `history`. */
function waitFor(history: number[], window: RateWindow, now: number): number {
  const inWindow = history.filter((t) => now - t < window.ms);
  if (inWindow.length < window.limit) return 0;
  const oldestThatMustExpire = inWindow[inWindow.length - window.limit];
  return oldestThatMustExpire + window.ms - now;
}
