/**
 * Who may post alerts: a caller that knows WEBHOOK_SECRET, shown either as an HMAC-SHA256 of the raw
 * body (`X-Triage-Signature: sha256=<hex>`, for senders that can sign) or as
 * `Authorization: Bearer <secret>` (a Logic App HTTP action can send that). Compared in constant time.
 */
import crypto from 'node:crypto';

export const SIGNATURE_HEADER = 'x-triage-signature';

export function signBody(secret: string, body: Buffer | string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Equal-length digests, so neither the length nor the content of a guess leaks through timing. */
function sameSecret(a: string, b: string): boolean {
  const key = crypto.randomBytes(32);
  const da = crypto.createHmac('sha256', key).update(a).digest();
  const db = crypto.createHmac('sha256', key).update(b).digest();
  return crypto.timingSafeEqual(da, db);
}

export function isAuthorized(secret: string, headers: { signature?: string; authorization?: string }, body: Buffer): boolean {
  if (headers.signature) return sameSecret(headers.signature.trim().toLowerCase(), signBody(secret, body));
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
  if (bearer) return sameSecret(bearer[1].trim(), secret);
  return false;
}
