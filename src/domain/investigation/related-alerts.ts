/**
 * Is another alert one stage of the same story? It is when it falls in the window and shares, across
 * plans: the host, an account, a principal (Entra object id, UPN or application id), an IP, a
 * resource chain (a pod's cluster, a database's server, a blob's storage account) or Defender's
 * correlation key; a Defender "security incident" that shares any of them groups them. The same
 * alert in another shape (a Sentinel copy, a Graph alert naming Defender's id) is the same alert,
 * never a related one.
 */
import { ipsOf, primaryHostName, type Alert, type KubernetesEntity } from '../alert';
import { resourceKindOf } from '../alert-kind';
import { isMachineKind } from '../resource-kind';
import { shortHost } from './records';

export type Relation = 'host' | 'account' | 'principal' | 'ip' | 'resource' | 'correlation key' | 'security incident';

export interface RelatedAlert {
  alert: Alert;
  shared: Relation[];
}

export function relationTo(alert: Alert, other: Alert, windowHours: number): Relation[] {
  if (sameAlert(alert, other) || !withinWindow(alert, other, windowHours)) return [];
  const shared: Relation[] = [];
  const machines = isMachineKind(resourceKindOf(alert)) && isMachineKind(resourceKindOf(other));
  if (machines && sameHost(alert, other)) shared.push('host');
  if (intersects(accountNames(alert), accountNames(other))) shared.push('account');
  if (intersects(principalIds(alert), principalIds(other))) shared.push('principal');
  if (intersects(ipsOf(alert), ipsOf(other))) shared.push('ip');
  // The same machine is "host"; otherwise sharing a resource (or the resource it lives in) is "resource".
  if (!shared.includes('host') && ((!machines && sameHost(alert, other)) || intersects(resourceChain(alert), resourceChain(other)))) shared.push('resource');
  if (alert.correlationKey && alert.correlationKey === other.correlationKey) shared.push('correlation key');
  if (shared.length && other.isIncident) shared.push('security incident');
  return shared;
}

/** One Defender alert, whatever shape it came in: the ids each shape knows it by overlap. */
export function sameAlert(a: Alert, b: Alert): boolean {
  const ids = (x: Alert) => [x.systemAlertId, x.originalAlertId, x.armId?.split('/').pop()].filter((v): v is string => !!v).map((v) => v.toLowerCase());
  const mine = new Set(ids(a));
  return ids(b).some((id) => mine.has(id));
}

/** Related alerts, oldest first; one per alert, whatever shapes it came in. */
export function findRelatedAmong(alert: Alert, candidates: Alert[], windowHours: number): RelatedAlert[] {
  const out: RelatedAlert[] = [];
  for (const other of candidates) {
    if (out.some((r) => sameAlert(r.alert, other))) continue;
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

function principalIds(alert: Alert): string[] {
  return alert.who.flatMap((w) => [w.aadUserId, w.upn, w.appId]).filter((v): v is string => !!v).map((v) => v.toLowerCase());
}

/**
 * The resources an alert's resource lives in, up to the first one under a provider: a database's
 * server, a blob service's storage account, a pod's cluster (from its Kubernetes entities) —
 * never a resource group or subscription, which would relate everything in them.
 */
export function resourceChain(alert: Alert): string[] {
  const ids = [alert.resourceId, ...alert.where.map((w) => (w.kind === 'kubernetes' ? (w as KubernetesEntity).clusterResourceId : undefined))];
  return [...new Set(ids.flatMap((id) => ancestors(id)))];
}

function ancestors(resourceId: string | undefined): string[] {
  const m = resourceId ? /^(.*?\/providers\/[^/]+)((\/[^/]+\/[^/]+)+)\/?$/i.exec(resourceId) : null;
  if (!m) return [];
  const [, base = '', path = ''] = m;
  const parts = path.split('/').filter(Boolean);
  const out: string[] = [];
  for (let i = 2; i <= parts.length; i += 2) out.push(`${base}/${parts.slice(0, i).join('/')}`.toLowerCase());
  return out;
}

function intersects(a: string[], b: string[]): boolean {
  return a.some((x) => b.includes(x));
}
