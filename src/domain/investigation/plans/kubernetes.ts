/**
 * Kubernetes (Defender for Containers): who asked the API server for what, from where — AKSAudit /
 * AKSAuditAdmin (User.username, SourceIps, Verb, ObjectRef) — and what the cluster saw of the pod:
 * KubeEvents, KubePodInventory, ContainerLogV2 (Container insights).
 */
import { resourceActivity } from '../identity-queries';
import type { CatalogueQuery, QueryName, QueryParams } from '../query-types';
import { anyOf, dyn, inList, scopeOf, textOf, type Condition, type Derived, type Row } from '../source-query';
import type { CloudSubject, InvestigationSubject } from '../subject';
import { displayName, principalValues, rootOf, specQuery, type Plan } from './plan';

const CLUSTER = /microsoft\.(containerservice\/managedclusters|kubernetes\/connectedclusters)/;
const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

const AUDIT_DERIVED: Derived[] = [
  { name: 'Username', kql: 'tostring(User.username)', value: (r) => textOf(dyn(r, 'User', 'username')) },
  { name: 'SourceIp', kql: 'tostring(SourceIps[0])', value: (r) => textOf((dyn(r, 'SourceIps') as unknown[] | undefined)?.[0]) },
  { name: 'Resource', kql: 'tostring(ObjectRef.resource)', value: (r) => textOf(dyn(r, 'ObjectRef', 'resource')) },
  { name: 'ObjectNamespace', kql: 'tostring(ObjectRef.namespace)', value: (r) => textOf(dyn(r, 'ObjectRef', 'namespace')) },
  { name: 'ObjectName', kql: 'tostring(ObjectRef.name)', value: (r) => textOf(dyn(r, 'ObjectRef', 'name')) },
  { name: 'Code', kql: 'toint(ResponseStatus.code)', value: (r) => Number(dyn(r, 'ResponseStatus', 'code') ?? 0) },
];

export const kubernetesPlan: Plan = {
  queries(subject, cloud, p) {
    const cluster = rootOf(cloud.clusterResourceId ?? subject.resourceId, CLUSTER);
    if (!cluster) return [];
    const out: CatalogueQuery[] = [
      auditQuery('aks-audit', 'Kubernetes API requests (AKSAudit)', cluster, subject, cloud, p),
      auditQuery('aks-audit-admin', 'Kubernetes API requests, admin (AKSAuditAdmin)', cluster, subject, cloud, p),
      specQuery('kube-events', 'Kubernetes events of the pod (KubeEvents)', {
        window: p.window,
        match: [scopeOf(cluster), anyOf(inList('Name', 'pods', cloud.pods), inList('Namespace', 'namespaces', cloud.namespaces))],
        project: ['TimeGenerated', 'Namespace', 'Name', 'ObjectKind', 'Reason', 'Message', 'KubeEventType'],
        order: ['TimeGenerated', 'asc'],
        limit: 50,
      }, p),
      specQuery('kube-pod-inventory', 'Pods and containers (KubePodInventory)', {
        window: p.window,
        match: [scopeOf(cluster), anyOf(inList('Name', 'pods', cloud.pods), inList('Namespace', 'namespaces', cloud.pods.length ? [] : cloud.namespaces))],
        summarize: { by: ['Name', 'Namespace', 'ContainerName', 'PodStatus', 'ControllerName', 'ClusterName'] },
        order: ['LastSeen', 'desc'],
        limit: 20,
      }, p),
    ];
    // A cluster's container logs are only worth reading for the alert's own pods.
    if (cloud.pods.length) {
      out.push(specQuery('container-logs', "The pod's container logs (ContainerLogV2)", {
        window: p.window,
        derive: [{ name: 'Log', kql: 'substring(tostring(LogMessage), 0, 500)', value: (r) => textOf(r.LogMessage).slice(0, 500) }],
        match: [scopeOf(cluster), anyOf(inList('PodName', 'pods', cloud.pods))],
        project: ['TimeGenerated', 'PodNamespace', 'PodName', 'ContainerName', 'Log'],
        order: ['TimeGenerated', 'asc'],
        limit: 50,
      }, p));
    }
    const activity = resourceActivity({ ...p, resourceId: cluster });
    return activity ? [...out, activity] : out;
  },
  answer(rows, subject, cloud) {
    const audit = [...rows('aks-audit'), ...rows('aks-audit-admin')];
    const sentences = auditSentences(audit, subject, cloud);
    const pod = rows('kube-pod-inventory')[0];
    if (pod && !sentences.length) sentences.push(`Pod ${textOf(pod.Namespace)}/${textOf(pod.Name)} was ${textOf(pod.PodStatus).toLowerCase() || 'seen'} (container ${textOf(pod.ContainerName)}).`);
    return sentences;
  },
};

function auditQuery(name: QueryName, title: string, cluster: string, subject: InvestigationSubject, cloud: CloudSubject, p: QueryParams): CatalogueQuery {
  const who = anyOf(inList('Username', 'users', principalValues(cloud)), inList('SourceIp', 'ips', subject.ips, false), inList('ObjectName', 'pods', cloud.pods));
  // Nothing in the alert to narrow by: the cluster's writes, not its (many) reads.
  const writes: Condition[] = who.length ? [] : [{ column: 'Verb', op: 'in', binding: 'verbs', values: WRITE_VERBS }];
  return specQuery(name, title, {
    window: p.window,
    derive: AUDIT_DERIVED,
    match: [scopeOf(cluster), who, writes],
    project: ['TimeGenerated', 'Username', 'SourceIp', 'Verb', 'Resource', 'ObjectNamespace', 'ObjectName', 'Code', 'UserAgent'],
    order: ['TimeGenerated', 'asc'],
    limit: 100,
  }, p);
}

/** "sp-billing-sync created pods payments/billing-debug-… from 198.51.100.77 at 03:20 (kubectl/v1.30.2)." */
function auditSentences(rows: Row[], subject: InvestigationSubject, cloud: CloudSubject): string[] {
  const writes = rows.filter((r) => WRITE_VERBS.includes(textOf(r.Verb).toLowerCase()));
  const ofAlert = writes.filter((r) => cloud.pods.includes(textOf(r.ObjectName))).concat(writes.filter((r) => !cloud.pods.includes(textOf(r.ObjectName))));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of ofAlert) {
    const key = `${textOf(r.Username)}|${textOf(r.Verb)}|${textOf(r.Resource)}|${textOf(r.ObjectName)}`;
    if (seen.has(key) || out.length >= 2) continue;
    seen.add(key);
    const who = displayName(subject, textOf(r.Username));
    const object = [textOf(r.ObjectNamespace), textOf(r.ObjectName)].filter(Boolean).join('/');
    const ip = textOf(r.SourceIp);
    const agent = textOf(r.UserAgent);
    out.push(`${who} ${pastTense(textOf(r.Verb))} ${textOf(r.Resource)} ${object}${ip ? ` from ${ip}` : ''} at ${new Date(Date.parse(textOf(r.TimeGenerated))).toISOString().slice(11, 16)}${agent ? ` (${agent})` : ''}.`);
  }
  if (!out.length && rows.length) {
    const r = rows[0]!;
    out.push(`${displayName(subject, textOf(r.Username))} sent ${rows.length} API request${rows.length === 1 ? '' : 's'} (first: ${textOf(r.Verb)} ${textOf(r.Resource)}) from ${textOf(r.SourceIp) || 'an unknown address'}.`);
  }
  return out;
}

function pastTense(verb: string): string {
  const v = verb.toLowerCase();
  if (v === 'patch') return 'patched';
  if (v.endsWith('e')) return `${v}d`;
  return `${v}ed`;
}
