/**
 * The Log Analytics wire limits for one identity, on every HTTP request the SDK sends (its own
 * retries included): at most `maxConcurrent` in flight, at most `maxRequestsPerWindow` started in
 * any 30 s, and after a 429 nothing new until its Retry-After has passed (or a doubling backoff
 * when the answer names no time). The service's limits are 5 and 200 per 30 s per user, and it
 * queues what goes beyond 5 first-in-first-out on its side — which is why the app's own fair
 * queue decides the order, and this only keeps the wire within the limits.
 *
 * A pipeline policy placed after the SDK's retry policy, so each attempt passes it.
 */
import type { PipelinePolicy, PipelineResponse } from '@azure/core-rest-pipeline';

export const SERVICE_MAX_CONCURRENT = 5;
export const SERVICE_MAX_REQUESTS_PER_30S = 200;
const WINDOW_MS = 30_000;
/** Slack for clock and network skew between our count and the service's. */
const WINDOW_MARGIN_MS = 100;
const MAX_BACKOFF_MS = 60_000;

export interface BudgetLimits {
  maxConcurrent: number;
  maxRequestsPerWindow: number;
  /** The service's window is 30 s; tests shorten it. */
  windowMs?: number;
}

export class LogAnalyticsBudget {
  readonly maxConcurrent: number;
  private readonly maxPerWindow: number;
  private readonly windowMs: number;
  private inFlight = 0;
  /** Start times of the requests in the current window, oldest first. */
  private readonly started: number[] = [];
  private pausedUntil = 0;
  private backoffMs = 0;
  private readonly waiting: (() => void)[] = [];
  private wakeTimer?: NodeJS.Timeout;
  /** 429 answers seen (metrics, tests). */
  throttled = 0;

  constructor(limits: BudgetLimits = { maxConcurrent: SERVICE_MAX_CONCURRENT, maxRequestsPerWindow: SERVICE_MAX_REQUESTS_PER_30S }) {
    this.maxConcurrent = limits.maxConcurrent;
    this.maxPerWindow = limits.maxRequestsPerWindow;
    this.windowMs = limits.windowMs ?? WINDOW_MS;
  }

  /**
   * Resolves with a release function once one more request may go on the wire; rejects after
   * `timeoutMs` (the request's own timeout) rather than send a request nobody waits for any more.
   */
  async acquire(timeoutMs = 0): Promise<() => void> {
    if (!this.waiting.length && this.delayFor(Date.now()) === 0) this.take();
    else await this.wait(timeoutMs); // wake() takes the slot for us
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.wake();
    };
  }

  /** What a response says about the budget: a 429 pauses everyone; a success resets the backoff. */
  observe(status: number, retryAfterMs: number | undefined): void {
    if (status !== 429) {
      if (status < 400) this.backoffMs = 0;
      return;
    }
    this.throttled++;
    this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs ? this.backoffMs * 2 : 1000);
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + (retryAfterMs ?? this.backoffMs));
  }

  policy(): PipelinePolicy {
    return {
      name: 'logAnalyticsBudgetPolicy',
      sendRequest: async (request, next) => {
        const release = await this.acquire(request.timeout);
        try {
          const response = await next(request);
          this.observe(response.status, retryAfterMs(response));
          return response;
        } finally {
          release();
        }
      },
    };
  }

  /** 0 when a request may start at `now`; -1 when it waits for a slot; else the ms until it may. */
  private delayFor(now: number): number {
    if (this.inFlight >= this.maxConcurrent) return -1;
    while (this.started.length && this.started[0]! <= now - this.windowMs - WINDOW_MARGIN_MS) this.started.shift();
    const windowWait = this.started.length >= this.maxPerWindow ? this.started[0]! + this.windowMs + WINDOW_MARGIN_MS - now : 0;
    return Math.max(0, this.pausedUntil - now, windowWait);
  }

  private wait(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const go = () => {
        clearTimeout(timer);
        resolve();
      };
      if (timeoutMs > 0) {
        timer = setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(go), 1);
          reject(new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for the Log Analytics request budget`));
        }, timeoutMs);
      }
      this.waiting.push(go);
      this.wake();
    });
  }

  /** Lets the first waiter go when it may; otherwise wakes again when the window or pause allows. */
  private wake(): void {
    clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    while (this.waiting.length) {
      const delay = this.delayFor(Date.now());
      if (delay === -1) return; // a release wakes us
      if (delay > 0) {
        this.wakeTimer = setTimeout(() => this.wake(), delay);
        this.wakeTimer.unref();
        return;
      }
      // Taken here, before the waiter's continuation runs, so the next waiter sees it.
      this.take();
      this.waiting.shift()!();
    }
  }

  private take(): void {
    this.inFlight++;
    this.started.push(Date.now());
  }
}

/** Retry-After in seconds or as an HTTP date, or the millisecond headers Azure uses. */
export function retryAfterMs(response: Pick<PipelineResponse, 'headers'>): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const ms = Number(response.headers.get(name));
    if (response.headers.get(name) && Number.isFinite(ms) && ms >= 0) return ms;
  }
  const value = response.headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
