/**
 * Who may post alerts: a caller that knows WEBHOOK_SECRET. Three forms, compared in constant time:
 *
 *   recommended  X-Triage-Timestamp: <Unix time in seconds>
 *                X-Triage-Signature: sha256=<hex HMAC-SHA256, key WEBHOOK_SECRET, of "<timestamp>.<raw body>">
 *                — refused when the timestamp is more than 5 minutes old or more than 30 s ahead, so
 *                a captured request cannot be replayed later, and the signed time dates the update.
 *   weaker       X-Triage-Signature: sha256=<hex HMAC-SHA256 of the raw body> (no timestamp header):
 *                a captured request can be replayed for ever.
 *   weaker       Authorization: Bearer <secret> (a Logic App HTTP action can send it; it cannot
 *                compute an HMAC): the secret itself travels, and a request can be replayed.
 *
 * With a timestamp header only the timestamped signature counts. WEBHOOK_REQUIRE_TIMESTAMP turns
 * the weaker forms off. A refusal says why in the log, never to the caller.
 */
import crypto from 'node:crypto';

export const SIGNATURE_HEADER = 'x-triage-signature';
export const TIMESTAMP_HEADER = 'x-triage-timestamp';
/** A timestamped request older than this is refused (a replay, or a sender whose clock is wrong). */
export const TIMESTAMP_MAX_AGE_S = 300;
/** …and one dated further ahead of the bot's clock than this. */
export const TIMESTAMP_MAX_AHEAD_S = 30;

export type WebhookAuthForm = 'timestamped-signature' | 'signature' | 'bearer';

export type WebhookAuth =
  | { ok: true; form: WebhookAuthForm; /** ISO time the sender signed (timestamped form) */ signedAt?: string }
  | { ok: false; form?: WebhookAuthForm; reason: string };

export interface WebhookCredentials {
  signature?: string;
  timestamp?: string;
  authorization?: string;
}

/** The weaker signature: HMAC-SHA256 of the raw body. */
export function signBody(secret: string, body: Buffer | string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The recommended signature: HMAC-SHA256 of "<timestamp>.<raw body>", the timestamp in Unix seconds. */
export function signTimestamped(secret: string, timestamp: number | string, body: Buffer | string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/** Equal-length digests, so neither the length nor the content of a guess leaks through timing. */
function sameSecret(a: string, b: string): boolean {
  const key = crypto.randomBytes(32);
  const da = crypto.createHmac('sha256', key).update(a).digest();
  const db = crypto.createHmac('sha256', key).update(b).digest();
  return crypto.timingSafeEqual(da, db);
}

export function authenticate(
  secret: string,
  credentials: WebhookCredentials,
  body: Buffer,
  nowMs: number,
  options: { requireTimestamp?: boolean } = {},
): WebhookAuth {
  const { signature, timestamp, authorization } = credentials;
  if (timestamp !== undefined) return timestamped(secret, signature, timestamp.trim(), body, nowMs);
  if (options.requireTimestamp && (signature || authorization)) {
    return { ok: false, form: signature ? 'signature' : 'bearer', reason: 'no X-Triage-Timestamp, and WEBHOOK_REQUIRE_TIMESTAMP refuses the forms without one' };
  }
  if (signature) {
    return sameSecret(signature.trim().toLowerCase(), signBody(secret, body)) ? { ok: true, form: 'signature' } : { ok: false, form: 'signature', reason: 'wrong signature' };
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  if (bearer) return sameSecret(bearer[1]!.trim(), secret) ? { ok: true, form: 'bearer' } : { ok: false, form: 'bearer', reason: 'wrong bearer secret' };
  return { ok: false, reason: authorization ? 'an Authorization header that is not Bearer' : 'no credentials' };
}

function timestamped(secret: string, signature: string | undefined, timestamp: string, body: Buffer, nowMs: number): WebhookAuth {
  const form = 'timestamped-signature';
  if (!signature) return { ok: false, form, reason: 'X-Triage-Timestamp without X-Triage-Signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, form, reason: 'X-Triage-Timestamp is not a Unix time in seconds' };
  // The signature first: whether a timestamp is fresh is said only to whoever knows the secret.
  if (!sameSecret(signature.trim().toLowerCase(), signTimestamped(secret, timestamp, body))) return { ok: false, form, reason: 'wrong signature' };
  const ageS = Math.round(nowMs / 1000) - Number(timestamp);
  if (ageS > TIMESTAMP_MAX_AGE_S) return { ok: false, form, reason: `stale timestamp: signed ${ageS} s ago, at most ${TIMESTAMP_MAX_AGE_S} s (a replay, or the sender's clock is behind)` };
  if (-ageS > TIMESTAMP_MAX_AHEAD_S) return { ok: false, form, reason: `timestamp ${-ageS} s in the future, at most ${TIMESTAMP_MAX_AHEAD_S} s (the sender's clock is ahead)` };
  return { ok: true, form, signedAt: new Date(Number(timestamp) * 1000).toISOString() };
}
