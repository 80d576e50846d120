/**
 * One Defender alert, several shapes. The same alert reaches the bot as an ARM alert (polling), a
 * continuous export (webhook, Event Hubs), a Graph alert (the Defender portal) and a SecurityAlert
 * row (Sentinel); the normalizer gives all of them the Defender alert id, and the store keeps one
 * alert, merged here:
 *   - a newer delivery in the shape stored first replaces what the alert says (Defender updates its
 *     alerts); one in another shape does not: what was stored first is kept, so the card does not
 *     flip between two renderings of the same evidence, and only what the stored alert lacks is
 *     filled from it;
 *   - its state (status, severity, and across shapes the incident flag and a later end time) is the
 *     newer delivery's: that is news;
 *   - links to the alert elsewhere (ARM id, Graph id, XDR incident, Sentinel row id, portal link)
 *     are kept from every shape, the newer winning (an XDR incident can be merged into another).
 * Pure: the repository calls it inside its transaction.
 */
import type { Alert } from './alert';

/** The newer delivery's value wins when it has one. */
const NEWER_WINS = ['status', 'severity', 'graphAlertId', 'tenantId', 'xdrIncidentId', 'xdrIncidentTitle', 'sentinelAlertId', 'customer'] as const;

export function mergeAlertShapes(stored: Alert, incoming: Alert): Alert {
  const sameShape = stored.shape === incoming.shape;
  const [base, other] = sameShape ? [incoming, stored] : [stored, incoming];
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(other)) {
    if (!present(merged[key]) && present(value)) merged[key] = value;
  }
  for (const key of NEWER_WINS) if (present(incoming[key])) merged[key] = incoming[key];
  merged.status = statusOf(stored, incoming);
  merged.extendedProperties = { ...stored.extendedProperties, ...incoming.extendedProperties };
  // Accounts come as one set: the flag follows the accounts kept.
  merged.hasEntraIdentity = present(base.who) ? base.hasEntraIdentity : other.hasEntraIdentity;
  merged.shape = stored.shape;
  if (!sameShape) {
    merged.isIncident = stored.isIncident || incoming.isIncident;
    merged.endTime = Date.parse(incoming.endTime) > Date.parse(stored.endTime) ? incoming.endTime : stored.endTime;
  }
  return merged as unknown as Alert;
}

/**
 * Graph cannot say "dismissed" (XDR resolves a false positive): its "resolved" for an alert Defender
 * for Cloud dismissed is the same state, not a change back.
 */
function statusOf(stored: Alert, incoming: Alert): Alert['status'] {
  if (incoming.shape === 'graph' && incoming.status === 'Resolved' && stored.status === 'Dismissed') return 'Dismissed';
  return incoming.status;
}

/** The ids an alert is known by: Defender's, and the ones Graph and Sentinel gave it. */
export type AlertIds = Pick<Alert, 'systemAlertId'> & Partial<Pick<Alert, 'graphAlertId' | 'sentinelAlertId'>>;

/**
 * The same Defender alert, in whatever shapes a and b arrived (never "related" to itself): the
 * one check for it. The normalizer gives every shape Defender's id, so that is usually enough; a
 * shared Graph or Sentinel id says the same where a source gave another identity (a SecurityAlert
 * row without a vendor id is known by its own id). Ids are GUID-like, compared ignoring case.
 */
export function isSameAlert(a: AlertIds, b: AlertIds): boolean {
  const mine = new Set(idsOf(a));
  return idsOf(b).some((id) => mine.has(id));
}

function idsOf(x: AlertIds): string[] {
  return [x.systemAlertId, x.graphAlertId, x.sentinelAlertId].filter((id): id is string => typeof id === 'string' && id !== '').map((id) => id.toLowerCase());
}

function present(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}
