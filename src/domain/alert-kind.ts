/**
 * An alert's resource kind: the normalizer sets `resourceKind`; alerts stored before it did (or built
 * by hand) get it computed from the same evidence.
 */
import type { Alert, HostEntity } from './alert';
import { classifyResourceKind, isMachineKind, KIND_NAME, type KindEvidence, type ResourceKind } from './resource-kind';

export function kindEvidenceOf(alert: Pick<Alert, 'alertType' | 'resourceId' | 'where' | 'what'>): KindEvidence {
  const host = alert.where.find((e): e is HostEntity => e.kind === 'host');
  const entityTypes = [
    ...alert.where.map((w) => (w.kind === 'kubernetes' ? 'k8s-pod' : w.kind)),
    ...alert.what.map((w) => (w.kind === 'storage-object' ? 'blob' : w.kind)),
  ];
  return { alertType: alert.alertType, resourceId: alert.resourceId, entityTypes, os: host ? [host.osFamily, host.osVersion].filter(Boolean).join(' ') : undefined };
}

export function resourceKindOf(alert: Alert): ResourceKind {
  return alert.resourceKind ?? classifyResourceKind(kindEvidenceOf(alert));
}

/**
 * The card's "no Entra ID identity — local account only" warning: a machine alert whose accounts are
 * all the machine's own (none carries a directory identity). Never on other kinds: a SQL login, a
 * Kubernetes user or `www-data` in an App Service alert is not a machine-local account.
 */
export function onlyMachineLocalAccounts(alert: Alert): boolean {
  if (!isMachineKind(resourceKindOf(alert)) || !alert.who.length || alert.hasEntraIdentity) return false;
  return alert.who.some((a) => a.isLocal) && !alert.who.some((a) => a.isEntra);
}

/** "storage account stprodinvoices01", "key vault kv-prod-payments", "web-vm-01". */
export function targetName(alert: Alert): string {
  const kind = resourceKindOf(alert);
  const name = alert.resourceName ?? alert.compromisedEntity ?? 'the resource';
  if (kind === 'resource-manager') {
    const group = /\/resourcegroups\/([^/]+)\/?$/i.exec(alert.resourceId ?? '')?.[1];
    return group ? `resource group ${group}` : `subscription ${alert.subscriptionId ?? name}`;
  }
  return isMachineKind(kind) ? name : `${KIND_NAME[kind]} ${name}`;
}
