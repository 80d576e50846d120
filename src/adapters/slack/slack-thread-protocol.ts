/**
 * What the main thread and the Slack sender thread say to each other, and how an error crosses
 * between them: a thread boundary keeps only an Error's message, so the fields the callers read
 * (the Slack SDK's `code`, `retryAfter`, `statusCode`, `data.error`; TriageError's `code`) are
 * carried explicitly and the error is rebuilt on the other side.
 */
import { TriageError } from '../../domain/errors';
import type { ChannelOutboxOptions } from './channel-outbox';
import type { SlackSender } from './slack-sender';

export interface SlackThreadOptions {
  token: string;
  apiUrl?: string;
  /** Pacing and retries of the thread's per-channel outbox (numbers only: functions do not cross threads). */
  outbox: Pick<ChannelOutboxOptions, 'minIntervalMs' | 'maxAttempts' | 'maxRateLimited' | 'baseBackoffMs' | 'maxBackoffMs'>;
}

export type ThreadCall = { id: number } & (
  | { op: 'post'; args: Parameters<SlackSender['post']> }
  | { op: 'update'; args: Parameters<SlackSender['update']> }
  | { op: 'postEphemeral'; args: Parameters<SlackSender['postEphemeral']> }
  | { op: 'findPosted'; args: Parameters<SlackSender['findPosted']> }
  | { op: 'findReply'; args: Parameters<SlackSender['findReply']> }
);

export interface ThreadError {
  name: string;
  message: string;
  code?: string;
  retryAfter?: number;
  retryAfterMs?: number;
  statusCode?: number;
  dataError?: string;
}

export type ThreadReply =
  | { id: number; value: unknown }
  | { id: number; error: ThreadError }
  | { log: { level: 'warn' | 'error'; obj: object; msg?: string } };

export function toThreadError(err: unknown): ThreadError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const e = err as Error & { code?: unknown; retryAfter?: unknown; retryAfterMs?: unknown; statusCode?: unknown; data?: { error?: unknown } };
  return {
    name: e.name,
    message: e.message,
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.retryAfter === 'number' ? { retryAfter: e.retryAfter } : {}),
    ...(typeof e.retryAfterMs === 'number' ? { retryAfterMs: e.retryAfterMs } : {}),
    ...(typeof e.statusCode === 'number' ? { statusCode: e.statusCode } : {}),
    ...(typeof e.data?.error === 'string' ? { dataError: e.data.error } : {}),
  };
}

export function fromThreadError(t: ThreadError): Error {
  const rebuilt = t.name === 'TriageError' && t.code ? new TriageError(t.code, t.message) : Object.assign(new Error(t.message), t.code ? { code: t.code } : {});
  const err = rebuilt as Error & Record<string, unknown>;
  err.name = t.name;
  if (t.retryAfter !== undefined) err.retryAfter = t.retryAfter;
  if (t.retryAfterMs !== undefined) err.retryAfterMs = t.retryAfterMs;
  if (t.statusCode !== undefined) err.statusCode = t.statusCode;
  if (t.dataError !== undefined) err.data = { ok: false, error: t.dataError };
  return err;
}
