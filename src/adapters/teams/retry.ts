/**
 * Retries the Bot Connector's transient answers: 429 (throttled), 412 (a concurrent update of the
 * same message), 502 and 504 (gateway trouble), with exponential backoff and full jitter, honouring
 * Retry-After. Anything else (403 bot removed, 404, 400) fails at once: retrying cannot fix it.
 */
export const RETRYABLE_STATUSES: readonly number[] = [412, 429, 502, 504];

export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const defaultRetryOptions: RetryOptions = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** The HTTP status of a failed connector call (the SDK's HttpError carries `status`), if any. */
export function statusOf(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Retry-After in ms (seconds or an HTTP date), if the failed response carried one. */
export function retryAfterMs(err: unknown, now = Date.now()): number | undefined {
  const headers = (err as { response?: { headers?: { get?(name: string): string | null } } } | null)?.response?.headers;
  const value = typeof headers?.get === 'function' ? headers.get('retry-after') : null;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export async function withRetry<T>(
  attempt: () => Promise<T>,
  options: RetryOptions = defaultRetryOptions,
  onRetry?: (info: { attempt: number; status: number; delayMs: number }) => void,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      const status = statusOf(err);
      if (status === undefined || !RETRYABLE_STATUSES.includes(status) || n >= options.maxAttempts) throw err;
      const backoff = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (n - 1));
      const delayMs = Math.min(options.maxDelayMs, retryAfterMs(err) ?? Math.round(options.random() * backoff));
      onRetry?.({ attempt: n, status, delayMs });
      await options.sleep(delayMs);
    }
  }
}
