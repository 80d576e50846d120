/**
 * What a failed Web API call means for a retry: Slack said "slow down" (429 + Retry-After), the
 * call may work later (5xx, timeouts, connection errors), or it will never work (`ok: false`
 * platform errors such as channel_not_found or invalid_auth, and 4xx other than 408/429).
 */
import { ErrorCode, type WebAPIHTTPError, type WebAPIRateLimitedError } from '@slack/web-api';

export type SlackFailure =
  | { kind: 'rate-limited'; retryAfterMs: number; reason: string }
  | { kind: 'transient'; reason: string }
  | { kind: 'final'; reason: string };

export function classifySlackError(err: unknown): SlackFailure {
  const code = (err as { code?: unknown } | undefined)?.code;
  switch (code) {
    case ErrorCode.RateLimitedError: {
      const seconds = (err as WebAPIRateLimitedError).retryAfter;
      const retryAfterMs = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
      return { kind: 'rate-limited', retryAfterMs, reason: `429, Retry-After ${seconds}s` };
    }
    case ErrorCode.HTTPError: {
      const status = (err as WebAPIHTTPError).statusCode;
      return status >= 500 || status === 408 ? { kind: 'transient', reason: `HTTP ${status}` } : { kind: 'final', reason: `HTTP ${status}` };
    }
    case ErrorCode.RequestError:
      return { kind: 'transient', reason: (err as Error).message };
    default:
      return { kind: 'final', reason: err instanceof Error ? err.message : String(err) };
  }
}
