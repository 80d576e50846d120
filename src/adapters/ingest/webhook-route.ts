/**
 * POST /api/alerts: what a Defender workflow automation (Logic App) sends — one alert or an array,
 * in any alert shape. The answer is 202 only after every alert in the body is durably stored and
 * queued; 401 (secret), 400 (not JSON, or not alerts: the reason is in the body) and 413 (too big)
 * store nothing. A body with one bad alert is refused as a whole, so the sender can fix and resend
 * it without guessing which part went through. A store failure answers 503: the sender retries.
 */
import express, { type ErrorRequestHandler, type Express, type Request, type Response } from 'express';
import { TriageError } from '../../domain/errors';
import { normalizeAlerts } from '../../domain/normalize';
import { isAuthorized, SIGNATURE_HEADER } from './webhook-auth';

export const WEBHOOK_PATH = '/api/alerts';
export const DEFAULT_WEBHOOK_LIMIT_BYTES = 4 * 1024 * 1024;

export interface WebhookOptions {
  secret: string;
  /** Stores and queues the alerts of one body; resolves once they are durable. */
  ingest(raw: unknown, source: string): Promise<void>;
  limitBytes?: number;
  logger?: { warn(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
}

export function mountAlertWebhook(app: Express, options: WebhookOptions): void {
  const limit = options.limitBytes ?? DEFAULT_WEBHOOK_LIMIT_BYTES;
  const rawBody = express.raw({ type: () => true, limit });
  app.post(WEBHOOK_PATH, rawBody, (req: Request, res: Response) => handle(req, res, options), tooLarge(limit));
}

async function handle(req: Request, res: Response, options: WebhookOptions): Promise<void> {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const headers = { signature: req.get(SIGNATURE_HEADER), authorization: req.get('authorization') };
  if (!isAuthorized(options.secret, headers, body)) {
    answer(res, 401, `missing or wrong secret: send ${SIGNATURE_HEADER}: sha256=<hex HMAC of the body> or Authorization: Bearer <secret>`);
    return;
  }
  const parsed = parseJson(body);
  if (!parsed.ok) return answer(res, 400, `body is not JSON: ${parsed.reason}`);
  let count: number;
  try {
    count = normalizeAlerts(parsed.value).length; // validate the whole body before storing any of it
  } catch (err) {
    if (err instanceof TriageError) return answer(res, 400, `not an alert: ${err.message}`);
    throw err;
  }
  if (count === 0) return answer(res, 400, 'no alerts in the body');
  try {
    await options.ingest(parsed.value, 'webhook');
  } catch (err) {
    options.logger?.error({ err }, 'webhook alerts could not be stored');
    return answer(res, 503, 'alerts could not be stored; retry later');
  }
  res.status(202).json({ accepted: count });
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
    if (err?.type === 'entity.too.large' || err?.status === 413) return answer(res, 413, `body larger than ${limit} bytes`);
    if (err?.status && err.status < 500) return answer(res, err.status, 'unreadable body');
    next(err);
  };
}
