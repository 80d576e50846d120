/**
 * What an /investigate target is, by its shape and by what the store and the workspace know: an
 * alert id, an IP, a host, a local or domain Windows account, or an Entra UPN. An account nobody
 * knows stays that account (its queries match only it): it is never widened to a look-alike, so
 * svc-backup@contoso.com never gets WEB-VM-01\svc-backup's logons.
 */
import type { Alert } from '../domain/alert';
import { isIpAddress, records, targetLookupQuery, text, type LookupKind } from '../domain/investigation';
import { shortHostName, type SubjectAccount } from '../domain/investigation/subject';
import type { AppDeps } from './deps';

export type TargetClass =
  | { kind: 'alert-id'; alertId: string }
  | { kind: 'ip'; ip: string }
  | { kind: 'host'; host: string }
  | { kind: 'local-account' | 'domain-account'; name: string; domain?: string }
  | { kind: 'entra-account'; upn: string };

export interface ClassifiedTarget {
  target: TargetClass;
  /** Whether the store or the workspace knows it (an unknown one is still searched, as typed). */
  known: boolean;
  /** The newest time the workspace saw it (last TARGET_LOOKUP_DAYS), for an empty window's hint. */
  lastSeen?: string;
  /** Stored alerts about it: their processes, IPs and accounts order the answer. */
  alerts: Alert[];
}

const SCANNED_ALERTS = 500;

export async function classifyTarget(raw: string, deps: AppDeps): Promise<ClassifiedTarget> {
  const t = raw.trim();
  if (await deps.store.alerts.get(t)) return { target: { kind: 'alert-id', alertId: t }, known: true, alerts: [] };
  if (isIpAddress(t)) return { target: { kind: 'ip', ip: t }, known: true, alerts: await alertsWith(deps, (a) => a.what.some((e) => e.kind === 'ip' && e.address === t)) };
  const seen = await lookup(t, deps);
  const lastSeen = seen.map((r) => r.lastSeen).sort().pop();
  if (t.includes('@')) {
    const alerts = await alertsWith(deps, (a) => a.who.some((w) => same(w.upn, t)));
    return { target: { kind: 'entra-account', upn: t }, known: alerts.length > 0 || seen.some((r) => r.kind === 'entra-account'), lastSeen, alerts };
  }
  if (t.includes('\\')) {
    const [domain = '', ...rest] = t.split('\\');
    const name = rest.join('\\');
    const alerts = await alertsWith(deps, (a) => a.who.some((w) => same(w.name, name) && same(w.domain, domain)));
    const isLocal = alerts.some((a) => a.who.some((w) => same(w.name, name) && w.isLocal)) || (await hostAlerts(domain, deps)).length > 0;
    return { target: { kind: isLocal ? 'local-account' : 'domain-account', name, domain }, known: alerts.length > 0 || seen.some((r) => r.kind === 'account'), lastSeen, alerts };
  }
  const onHost = await hostAlerts(t, deps);
  if (onHost.length || seen.some((r) => r.kind === 'host')) return { target: { kind: 'host', host: t }, known: true, lastSeen, alerts: onHost };
  const asAccount = await alertsWith(deps, (a) => a.who.some((w) => same(w.name, t)));
  const entity = asAccount.flatMap((a) => a.who).find((w) => same(w.name, t));
  const row = seen.find((r) => r.kind === 'account');
  if (entity || row) {
    const domain = entity?.domain ?? row?.domain;
    const local = entity ? entity.isLocal : !!domain && (await hostAlerts(domain, deps)).length > 0;
    return { target: { kind: local ? 'local-account' : 'domain-account', name: t, domain: domain || undefined }, known: true, lastSeen, alerts: asAccount };
  }
  // Nothing knows it: searched as a host name, and the answer says it is not known.
  return { target: { kind: 'host', host: t }, known: false, lastSeen, alerts: [] };
}

/** How the answer names the target: "host web-vm-01", "local account WEB-VM-01\svc-backup". */
export function describeTarget(c: TargetClass): string {
  switch (c.kind) {
    case 'alert-id':
      return `alert ${c.alertId}`;
    case 'ip':
      return `IP ${c.ip}`;
    case 'host':
      return `host ${c.host}`;
    case 'entra-account':
      return `Entra ID account ${c.upn}`;
    default:
      return `${c.kind === 'local-account' ? 'local' : 'domain'} account ${c.domain ? `${c.domain}\\${c.name}` : c.name}`;
  }
}

/** The account a target names, as the subject of the identity queries. */
export function accountOf(c: TargetClass): SubjectAccount | undefined {
  if (c.kind === 'entra-account') return { name: c.upn, upn: c.upn, isLocal: false, isEntra: true };
  if (c.kind === 'local-account' || c.kind === 'domain-account') return { name: c.name, domain: c.domain, isLocal: c.kind === 'local-account', isEntra: false };
  return undefined;
}

async function lookup(target: string, deps: AppDeps): Promise<{ kind: LookupKind; domain: string; lastSeen: string }[]> {
  if (!deps.logs) return [];
  const result = await deps.logs.query(targetLookupQuery(target, deps.clock.now().toISOString())).catch(() => undefined);
  if (!result || result.status === 'failure') return [];
  return records(result.tables)
    .filter((r) => !Number.isNaN(Date.parse(text(r.LastSeen))))
    .map((r) => ({ kind: text(r.Kind) as LookupKind, domain: text(r.Domain), lastSeen: new Date(Date.parse(text(r.LastSeen))).toISOString() }));
}

async function hostAlerts(host: string, deps: AppDeps): Promise<Alert[]> {
  const short = shortHostName(host).toLowerCase();
  return alertsWith(deps, (a) => a.where.some((e) => e.kind === 'host' && shortHostName(String(e.hostName ?? '')).toLowerCase() === short) || shortHostName(a.compromisedEntity ?? '').toLowerCase() === short);
}

async function alertsWith(deps: AppDeps, match: (a: Alert) => boolean): Promise<Alert[]> {
  return (await deps.store.alerts.find({ limit: SCANNED_ALERTS })).filter(match);
}

function same(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}
