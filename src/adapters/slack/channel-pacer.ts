/**
 * The per-channel pacer: calls for one channel (a "lane") run one at a time, at most one per
 * `minIntervalMs` (Slack allows about one chat.postMessage per second per channel), so a burst is
 * smoothed instead of rejected. A 429 pauses that channel for its Retry-After and the call is
 * tried again; a 5xx or network failure is retried with exponential backoff and jitter; a platform
 * error (`ok: false`, e.g. channel_not_found) is final and goes straight back to the caller.
 *
 * The WebClient is built with `rejectRateLimitedCalls: true` and `retryConfig: {retries: 0}`, so
 * the pacer is the only place that retries. Calls are in memory: a crash loses what is queued,
 * which is why the durable outbox in the store sits above it and retries what did not get through.
 */
import { TriageError } from '../../domain/errors';
import type { RetryAfterHint } from '../../ports/chat-surface';
import { classifySlackError } from './slack-errors';

export interface ChannelPacerOptions {
  /** Minimum gap between two calls in one channel. Default 1000 ms. */
  minIntervalMs?: number;
  /** Attempts for a 5xx / network failure before giving up. Default 6. */
  maxAttempts?: number;
  /** 429s tolerated for one call before giving up (Slack says when to come back). Default 50. */
  maxRateLimited?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
  onRetry?: (event: { channel: string; attempt: number; waitMs: number; reason: string }) => void;
}

interface Lane {
  tail: Promise<unknown>;
  /** earliest time the next call in this lane may start */
  nextAt: number;
  pending: number;
}

export class ChannelPacer {
  private readonly lanes = new Map<string, Lane>();
  private readonly minIntervalMs: number;
  private readonly maxAttempts: number;
  private readonly maxRateLimited: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly random: () => number;

  constructor(private readonly options: ChannelPacerOptions = {}) {
    this.minIntervalMs = options.minIntervalMs ?? 1000;
    this.maxAttempts = options.maxAttempts ?? 6;
    this.maxRateLimited = options.maxRateLimited ?? 50;
    this.baseBackoffMs = options.baseBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.random = options.random ?? Math.random;
  }

  /** Runs `call` in `channel`'s lane, paced and retried; resolves with its result. */
  enqueue<T>(channel: string, call: () => Promise<T>): Promise<T> {
    const lane = this.lane(channel);
    lane.pending++;
    const result = lane.tail
      .then(() => this.runWithRetries(channel, lane, call))
      .finally(() => {
        // The lane stays (channels are few): its nextAt must pace the next burst too.
        lane.pending--;
      });
    lane.tail = result.catch(() => undefined);
    return result;
  }

  /** Calls waiting or running, over all channels. */
  get pending(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.pending;
    return n;
  }

  /** Resolves when every lane has drained. */
  async idle(): Promise<void> {
    while (this.pending) await Promise.all([...this.lanes.values()].map((l) => l.tail));
  }

  private lane(channel: string): Lane {
    let lane = this.lanes.get(channel);
    if (!lane) {
      lane = { tail: Promise.resolve(), nextAt: 0, pending: 0 };
      this.lanes.set(channel, lane);
    }
    return lane;
  }

  private async runWithRetries<T>(channel: string, lane: Lane, call: () => Promise<T>): Promise<T> {
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      await sleep(lane.nextAt - Date.now());
      lane.nextAt = Date.now() + this.minIntervalMs;
      try {
        return await call();
      } catch (err) {
        const kind = classifySlackError(err);
        if (kind.kind === 'final') throw err;
        let waitMs: number;
        if (kind.kind === 'rate-limited') {
          if (++rateLimited > this.maxRateLimited) throw giveUp(channel, `rate limited ${rateLimited} times`, err, kind.retryAfterMs);
          waitMs = kind.retryAfterMs;
        } else {
          if (++failures >= this.maxAttempts) throw giveUp(channel, `${failures} attempts failed`, err);
          waitMs = this.backoff(failures);
        }
        lane.nextAt = Math.max(lane.nextAt, Date.now() + waitMs);
        this.options.onRetry?.({ channel, attempt: failures + rateLimited, waitMs, reason: kind.reason });
      }
    }
  }

  /** Exponential, capped, with "equal jitter" so replicas that failed together do not retry together. */
  private backoff(failures: number): number {
    const ceiling = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** (failures - 1));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }
}

/**
 * The error the caller gets. Still rate limited: it carries Slack's last Retry-After in the port's
 * terms (RetryAfterHint, milliseconds), so the durable outbox waits that long instead of backing off.
 */
function giveUp(channel: string, what: string, cause: unknown, retryAfterMs?: number): TriageError & Partial<RetryAfterHint> {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const error = new TriageError('slack_unavailable', `Slack did not accept the message for channel ${channel}: ${what} (last: ${reason}); check Slack's status and SLACK_API_URL`);
  (error as Error & { cause?: unknown }).cause = cause;
  return retryAfterMs === undefined ? error : Object.assign(error, { retryAfterMs });
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
