/**
 * Defender's cloud-workload entities → Alert entities: Kubernetes objects (K8s-cluster, K8s-namespace,
 * K8s-pod, container, container-image), storage objects (blob-container, blob), cloud applications,
 * malware, and the threat intelligence an IP entity carries. References are followed through the
 * EntityGraph (a container's Pod, the pod's Namespace, its Cluster, the cluster's CloudResource), so
 * each Kubernetes entity knows its whole chain.
 */
import type { CloudApplicationEntity, IpThreatIntel, KubernetesEntity, MalwareEntity, StorageObjectEntity } from '../alert';
import type { EntityGraph } from './entity-graph';
import { dropUndefined, Fields, isObject, type JsonObject } from './fields';

const KUBERNETES_LEVEL: Record<string, KubernetesEntity['level']> = {
  'k8s-cluster': 'cluster',
  'k8s-namespace': 'namespace',
  'k8s-pod': 'pod',
  container: 'container',
  'container-image': 'image',
};

export function isKubernetesType(type: string): boolean {
  return type in KUBERNETES_LEVEL;
}

export function isStorageObjectType(type: string): boolean {
  return type === 'blob' || type === 'blob-container';
}

/** Bounded walk up the chain: a hostile reference cycle ends here. */
const MAX_CHAIN = 6;

export function toKubernetes(type: string, entity: JsonObject, graph: EntityGraph): KubernetesEntity {
  const level = KUBERNETES_LEVEL[type] ?? 'cluster';
  const out: KubernetesEntity = { kind: 'kubernetes', level };
  let current: JsonObject | undefined = entity;
  let currentType = type;
  for (let step = 0; current && step < MAX_CHAIN; step++) {
    const f = new Fields(current);
    const name = f.text('name');
    switch (currentType) {
      case 'container':
        out.container ??= name;
        if (f.bool('isPrivileged', 'privileged')) out.privileged = true;
        out.image ??= imageName(graph.resolve(f.raw('image')));
        current = graph.resolve(f.raw('pod'));
        currentType = 'k8s-pod';
        break;
      case 'container-image':
        out.image ??= imageName(current);
        current = undefined;
        break;
      case 'k8s-pod':
        out.pod ??= name;
        current = graph.resolve(f.raw('namespace'));
        currentType = 'k8s-namespace';
        break;
      case 'k8s-namespace':
        out.namespace ??= name;
        current = graph.resolve(f.raw('cluster'));
        currentType = 'k8s-cluster';
        break;
      default: {
        out.cluster ??= name;
        const resource = graph.resolve(f.raw('cloudResource', 'azureResource'));
        out.clusterResourceId ??= resource ? new Fields(resource).text('resourceId', 'azureResourceId') : f.text('resourceId');
        current = undefined;
      }
    }
  }
  return dropUndefined(out);
}

function imageName(image: JsonObject | undefined): string | undefined {
  if (!image) return undefined;
  const f = new Fields(image);
  return f.text('imageId', 'imageName', 'name', 'digestImage');
}

export function toStorageObject(type: string, entity: JsonObject, graph: EntityGraph): StorageObjectEntity {
  const f = new Fields(entity);
  const container = type === 'blob' ? graph.resolve(f.raw('container', 'blobContainer')) : entity;
  const cf = container ? new Fields(container) : undefined;
  const account = cf ? graph.resolve(cf.raw('storageResource', 'storageAccount')) : undefined;
  return dropUndefined({
    kind: 'storage-object',
    container: cf?.text('name'),
    blob: type === 'blob' ? f.text('name') : undefined,
    url: f.text('url'),
    accountResourceId: account ? new Fields(account).text('resourceId', 'azureResourceId') : undefined,
  });
}

export function toCloudApplication(f: Fields): CloudApplicationEntity {
  return dropUndefined({ kind: 'cloud-application', name: f.text('name', 'displayName'), appId: f.text('appId', 'applicationId'), instanceName: f.text('instanceName') });
}

export function toMalware(f: Fields): MalwareEntity {
  return dropUndefined({ kind: 'malware', name: f.text('name') ?? 'unnamed malware', category: f.text('category') });
}

/** An IP entity's `ThreatIntelligence` list (Defender: ProviderName, ThreatType, ThreatName, Confidence, ThreatDescription). */
export function ipThreatIntel(f: Fields, graph: EntityGraph): IpThreatIntel[] {
  return f.list('threatIntelligence').flatMap((raw) => {
    const item = graph.resolve(raw);
    if (!isObject(item)) return [];
    const t = new Fields(item);
    const confidence = Number(t.text('confidence'));
    const intel = dropUndefined({
      provider: t.text('providerName', 'provider'),
      threatType: t.text('threatType'),
      threatName: t.text('threatName'),
      confidence: Number.isFinite(confidence) && t.text('confidence') !== undefined ? confidence : undefined,
      description: t.text('threatDescription', 'description'),
    });
    return Object.keys(intel).length ? [intel] : [];
  });
}

/**
 * Kubernetes entities name the same objects at several levels (the cluster, its namespace, the pod in
 * it): the analyst needs the most specific ones, each with its chain.
 */
export function mostSpecificKubernetes(items: KubernetesEntity[]): KubernetesEntity[] {
  const path = (k: KubernetesEntity) => [k.cluster, k.namespace, k.pod, k.container];
  const covers = (a: KubernetesEntity, b: KubernetesEntity) => {
    if (a === b) return false;
    const pa = path(a);
    const pb = path(b);
    const defined = pa.filter((v) => v !== undefined).length;
    const more = pb.filter((v) => v !== undefined).length;
    if (a.level === 'image') return b.image === a.image && b.level !== 'image';
    return more > defined && pa.every((v, i) => v === undefined || v === pb[i]);
  };
  return items.filter((a) => !items.some((b) => covers(a, b)));
}

/** A blob container listed beside a blob in it is the same place: keep the blob, which names both. */
export function withoutCoveredContainers<T extends { kind: string }>(what: T[]): T[] {
  const blobs = what.filter((e): e is T & StorageObjectEntity => e.kind === 'storage-object' && !!(e as unknown as StorageObjectEntity).blob);
  return what.filter((e) => {
    if (e.kind !== 'storage-object') return true;
    const o = e as unknown as StorageObjectEntity;
    return !!o.blob || !blobs.some((b) => b.container === o.container);
  });
}
