/**
 * The per-plan part of an investigation subject, read from the alert: principals (Entra object ids,
 * UPNs, application ids), the names services log accounts by, the Kubernetes chain, DNS names and URL
 * paths, and Defender's extended properties. Values stay raw; the query builders quote them.
 */
import type { Alert, KubernetesEntity, ResourceKind } from '../alert';
import { extendedValue } from '../extended-properties';

/** What the per-plan investigations need beyond a machine's host, accounts and IPs. */
export interface CloudSubject {
  kind: ResourceKind;
  alertType: string;
  subscriptionId?: string;
  resourceGroup?: string;
  /** Entra object ids, UPNs and application ids of the alert's principals. */
  principalIds: string[];
  upns: string[];
  appIds: string[];
  /** Account names as the service logs them (SQL logins, Kubernetes users, Linux users). */
  accountNames: string[];
  /** Kubernetes: the cluster's resource id, and the namespaces and pods the alert names. */
  clusterResourceId?: string;
  namespaces: string[];
  pods: string[];
  /** DNS names and URL paths the alert names. */
  domains: string[];
  paths: string[];
  /** Storage: which service the alert type names (Storage.Blob_ → blob). */
  storageService?: 'blob' | 'file';
  extended: Record<string, string>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function cloudSubjectOf(alert: Alert, kind: ResourceKind): CloudSubject {
  const ext = alert.extendedProperties ?? {};
  const k8s = alert.where.filter((w): w is KubernetesEntity => w.kind === 'kubernetes');
  const apps = alert.what.flatMap((w) => (w.kind === 'cloud-application' && w.appId && GUID.test(w.appId) ? [w.appId] : []));
  const extPrincipal = extendedValue(ext, 'objectid', 'principalobjectid', 'userobjectid', 'callerobjectid');
  const extUpn = extendedValue(ext, 'userprincipalname', 'upn', 'callerupn');
  const extLogin = extendedValue(ext, 'clientprincipalname', 'principalname', 'loginname', 'username', 'kubernetesuser', 'user');
  const domains = alert.what.flatMap((w) => (w.kind === 'domain' ? [w.domain] : w.kind === 'url' ? [hostOf(w.url)] : []));
  const extDomain = extendedValue(ext, 'domainname', 'queriedname', 'dnsquery', 'domain');
  return {
    kind,
    alertType: alert.alertType,
    subscriptionId: alert.subscriptionId,
    resourceGroup: alert.resourceGroup,
    principalIds: unique([...alert.who.flatMap((a) => (a.aadUserId ? [a.aadUserId] : [])), ...(extPrincipal && GUID.test(extPrincipal) ? [extPrincipal] : [])]),
    upns: unique([...alert.who.flatMap((a) => (a.upn ? [a.upn] : [])), ...(extUpn?.includes('@') ? [extUpn] : [])]),
    appIds: unique([...alert.who.flatMap((a) => (a.appId ? [a.appId] : [])), ...apps]),
    accountNames: unique([...alert.who.map((a) => a.name), ...(extLogin ? [extLogin] : [])].filter(Boolean)),
    clusterResourceId: k8s.find((k) => k.clusterResourceId)?.clusterResourceId ?? (kind === 'kubernetes' ? alert.resourceId : undefined),
    namespaces: unique(k8s.flatMap((k) => (k.namespace ? [k.namespace] : []))),
    pods: unique(k8s.flatMap((k) => (k.pod ? [k.pod] : []))),
    domains: unique([...domains, ...(extDomain ? [extDomain] : [])].filter(Boolean).map((d) => d.toLowerCase().replace(/\.$/, ''))),
    paths: unique([...alert.what.flatMap((w) => (w.kind === 'url' ? [pathOf(w.url)] : [])), pathOf(extendedValue(ext, 'requestedurl', 'uri', 'url', 'requesturi') ?? '')].filter(Boolean)),
    storageService: /^Storage\.Blob/i.test(alert.alertType) ? 'blob' : /^Storage\.Files/i.test(alert.alertType) ? 'file' : undefined,
    extended: ext,
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
