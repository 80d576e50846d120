/**
 * An alert's resource kind: the normalizer sets `resourceKind`; alerts stored before it did (or built
 * by hand) get it computed from the same evidence.
 */
import type { Alert, HostEntity } from './alert';
import { classifyResourceKind, type KindEvidence, type ResourceKind } from './resource-kind';

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
