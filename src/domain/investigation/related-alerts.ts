/**
 * Is another alert one stage of the same story? It is when it falls in the window and shares the
 * host (or Azure resource), an account, an IP or Defender's correlation key; a Defender "security
 * incident" that shares any of them groups them.
 */
import { ipsOf, primaryHostName, type Alert } from '../alert';
import { isSameAlert } from '../alert-merge';
import { shortHost } from './records';

/** 'XDR incident': the Defender portal groups both in one incident. */
export type Relation = 'host' | 'account' | 'ip' | 'correlation key' | 'security incident' | 'XDR incident';

export interface RelatedAlert {
  alert: Alert;
  shared: Relation[];
}

export function relationTo(alert: Alert, other: Alert, windowHours: number): Relation[] {
  // The same alert in another shape (a Graph alert, a SecurityAlert row) is not a second stage of it.
  if (isSameAlert(alert, other) || !withinWindow(alert, other, windowHours)) return [];
  const shared: Relation[] = [];
  if (sameHost(alert, other)) shared.push('host');
  if (intersects(accountNames(alert), accountNames(other))) shared.push('account');
  if (intersects(ipsOf(alert), ipsOf(other))) shared.push('ip');
  if (alert.correlationKey && alert.correlationKey === other.correlationKey) shared.push('correlation key');
  if (shared.length && other.isIncident) shared.push('security incident');
  return shared;
}

/** Related alerts, oldest first. */
export function findRelatedAmong(alert: Alert, candidates: Alert[], windowHours: number): RelatedAlert[] {
  const seen = new Set<string>();
  const out: RelatedAlert[] = [];
  for (const other of candidates) {
    if (seen.has(other.systemAlertId)) continue;
    seen.add(other.systemAlertId);
    const shared = relationTo(alert, other, windowHours);
    if (shared.length) out.push({ alert: other, shared });
  }
  return out.sort((a, b) => Date.parse(a.alert.startTime) - Date.parse(b.alert.startTime));
}

function withinWindow(alert: Alert, other: Alert, hours: number): boolean {
  const ms = hours * 3_600_000;
  const from = Date.parse(alert.startTime) - ms;
  const to = Math.max(Date.parse(alert.endTime), Date.parse(alert.startTime)) + ms;
  const t = Date.parse(other.startTime);
  return t >= from && t <= to;
}

function sameHost(a: Alert, b: Alert): boolean {
  const ha = primaryHostName(a);
  const hb = primaryHostName(b);
  if (ha && hb && shortHost(ha) === shortHost(hb)) return true;
  return !!a.resourceId && !!b.resourceId && a.resourceId.toLowerCase() === b.resourceId.toLowerCase();
}

function accountNames(alert: Alert): string[] {
  return alert.who.map((w) => w.name.toLowerCase()).filter(Boolean);
}

function intersects(a: string[], b: string[]): boolean {
  return a.some((x) => b.includes(x));
}
