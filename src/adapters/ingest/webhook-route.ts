/**
 * POST /api/alerts: what a Defender workflow automation (Logic App) sends — one alert or an array,
 * in any alert shape. The answer is 202 only after every alert in the body is durably stored and
 * queued; 401 (not authenticated: webhook-auth.ts), 400 (not JSON, or not alerts: the reason is in
 * the body), 413 (more bytes than WEBHOOK_MAX_BYTES or more alerts than WEBHOOK_MAX_ALERTS: the
 * message names the cap) store nothing. A body with one alert that has no identity is refused as a
 * whole, so the sender can fix and resend it without guessing which part went through. A store
 * failure answers 503: the sender retries. A 401 says nothing of why to the caller; the log does.
 */
import express, { type ErrorRequestHandler, type Express, type Request, type Response } from 'express';
import { TriageError } from '../../domain/errors';
import { alertItems } from '../../domain/normalize';
import type { DeliverAlerts } from '../../ports/alert-source';
import { authenticate, SIGNATURE_HEADER, TIMESTAMP_HEADER, type WebhookAuth } from './webhook-auth';

export const WEBHOOK_PATH = '/api/alerts';
export const DEFAULT_WEBHOOK_LIMIT_BYTES = 4 * 1024 * 1024;
export const DEFAULT_WEBHOOK_MAX_ALERTS = 1000;
/** What every refused authentication is told: nothing about which part failed. */
export const NOT_AUTHENTICATED = 'not authenticated (see "Webhook authentication" in docs/ingest.md)';
/** Failed authentications are logged at most once per this many ms (with how many were not). */
const AUTH_LOG_EVERY_MS = 10_000;

export interface WebhookOptions {
  secret: string;
  /** Stores and queues the alerts of one body; resolves once they are durable. */
  ingest: DeliverAlerts;
  /** WEBHOOK_MAX_BYTES */
  limitBytes?: number;
  /** WEBHOOK_MAX_ALERTS */
  maxAlerts?: number;
  /** WEBHOOK_REQUIRE_TIMESTAMP: refuse the forms without X-Triage-Timestamp */
  requireTimestamp?: boolean;
  now?: () => number;
  logger?: { warn(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
}

export function mountAlertWebhook(app: Express, options: WebhookOptions): void {
  const limit = options.limitBytes ?? DEFAULT_WEBHOOK_LIMIT_BYTES;
  const rawBody = express.raw({ type: () => true, limit });
  const logFailure = authFailureLog(options);
  app.post(WEBHOOK_PATH, rawBody, (req: Request, res: Response) => handle(req, res, options, logFailure), tooLarge(limit));
}

async function handle(req: Request, res: Response, options: WebhookOptions, logFailure: (req: Request, auth: WebhookAuth, bytes: number) => void): Promise<void> {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const credentials = { signature: req.get(SIGNATURE_HEADER), timestamp: req.get(TIMESTAMP_HEADER), authorization: req.get('authorization') };
  const auth = authenticate(options.secret, credentials, body, (options.now ?? Date.now)(), { requireTimestamp: options.requireTimestamp });
  if (!auth.ok) {
    logFailure(req, auth, body.length);
    return answer(res, 401, NOT_AUTHENTICATED);
  }
  const parsed = parseJson(body);
  if (!parsed.ok) return answer(res, 400, `body is not JSON: ${parsed.reason}`);
  // Counting is cheap and bounds the work before any alert is read.
  const count = alertItems(parsed.value).length;
  if (count === 0) return answer(res, 400, 'no alerts in the body');
  const maxAlerts = options.maxAlerts ?? DEFAULT_WEBHOOK_MAX_ALERTS;
  if (count > maxAlerts) return answer(res, 413, `the body holds ${count} alerts, more than WEBHOOK_MAX_ALERTS (${maxAlerts}): send them in smaller bodies`);
  try {
    // Ingest reads every alert before it stores any (refusing the body as a whole), in turns of the event loop.
    await options.ingest(parsed.value, 'webhook', auth.signedAt ? { observedAt: auth.signedAt } : {});
  } catch (err) {
    if (err instanceof TriageError) return answer(res, 400, `not an alert: ${err.message}`);
    options.logger?.error({ err }, 'webhook alerts could not be stored');
    return answer(res, 503, 'alerts could not be stored; retry later');
  }
  res.status(202).json({ accepted: count });
}

/**
 * Every failed authentication is logged — the reason, the form tried, the caller's address, the
 * body's size; never the secret, a signature or the body — at most once per 10 s, with a count of
 * those not logged, so a flood of bad requests cannot flood the log.
 */
function authFailureLog(options: WebhookOptions): (req: Request, auth: WebhookAuth, bytes: number) => void {
  let lastAt = -Infinity;
  let suppressed = 0;
  return (req, auth, bytes) => {
    const now = (options.now ?? Date.now)();
    if (now - lastAt < AUTH_LOG_EVERY_MS) {
      suppressed++;
      return;
    }
    const reason = auth.ok ? '' : auth.reason;
    options.logger?.warn(
      { reason, form: auth.form ?? 'none', remoteAddress: req.socket.remoteAddress, bodyBytes: bytes, ...(suppressed ? { notLoggedSinceLast: suppressed } : {}) },
      'webhook: a request failed authentication and was refused (401)',
    );
    lastAt = now;
    suppressed = 0;
  };
}

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (!body.length) return { ok: false, reason: 'empty body' };
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

function answer(res: Response, status: number, error: string): void {
  res.status(status).json({ error });
}

function tooLarge(limit: number): ErrorRequestHandler {
  return (err: { type?: string; status?: number }, _req, res, next) => {
    if (err?.type === 'entity.too.large' || err?.status === 413)
      return answer(res, 413, `the body is larger than WEBHOOK_MAX_BYTES (${limit} bytes): send the alerts in smaller bodies`);
    if (err?.status && err.status < 500) return answer(res, err.status, 'unreadable body');
    next(err);
  };
}
