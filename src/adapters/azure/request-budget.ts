/**
 * At most `limit` requests in any `windowMs` (a sliding window), and a pause when the server says
 * so (Retry-After): `take()` resolves when a request may go. One budget per Graph client, and one
 * client per process: Graph's 150 requests a minute for security alerts are per app and tenant.
 */
export interface BudgetClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: BudgetClock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

export class RequestBudget {
  private readonly sent: number[] = [];
  private pausedUntil = 0;
  /** Requests waiting, in order: each takes the next free slot. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: BudgetClock = realClock,
  ) {}

  take(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Holds every request for `ms` (the server's Retry-After). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.sent.length && this.sent[0]! <= now - this.windowMs) this.sent.shift();
      const wait = Math.max(this.pausedUntil - now, this.sent.length >= this.limit ? this.sent[0]! + this.windowMs - now : 0);
      if (wait <= 0) {
        this.sent.push(now);
        return;
      }
      await this.clock.sleep(wait);
    }
  }
}
