/**
 * Defender entities (any casing, `$ref`s resolved through the EntityGraph) → who / where / what.
 * Entity types follow Defender's entity schema: account, host, azure-resource, process, file,
 * filehash, ip, url, dns, and the cloud-workload ones (cloud-entities.ts); anything else is kept as
 * 'other' with a one-line summary.
 */
import type { AccountEntity, AzureResourceEntity, FileEntity, HostEntity, KubernetesEntity, WhatEntity, WhereEntity } from '../alert';
import { LocalityJudge } from './account-locality';
import {
  ipThreatIntel,
  isKubernetesType,
  mostSpecificKubernetes,
  toCloudApplication,
  toKubernetes,
  toMalware,
  toStorageObject,
  withoutCoveredContainers,
} from './cloud-entities';
import { EntityGraph, entityType } from './entity-graph';
import { cut, dropUndefined, Fields, isObject, type JsonObject } from './fields';
import { toIsoUtc } from './times';

const SUMMARY_MAX = 300;

export interface GroupedEntities {
  who: AccountEntity[];
  where: WhereEntity[];
  what: WhatEntity[];
  /** What the raw account entities said beyond the Alert's fields, for the account-kind pass. */
  accountHints: WeakMap<AccountEntity, AccountHints>;
  /** Every entity type seen (lower-case), for the resource-kind table. */
  entityTypes: string[];
}

export interface AccountHints {
  /** An AD objectGUID, or IsDomainJoined: true. */
  directory: boolean;
  /** IsDomainJoined: false. */
  notDomainJoined: boolean;
  /** A Kubernetes service-account entity. */
  kubernetesServiceAccount: boolean;
}

const SERVICE_ACCOUNT_TYPES = new Set(['k8s-serviceaccount', 'k8s-service-account', 'kubernetes-serviceaccount']);

/** `machineNames`: names of the alert's machine besides host entities (e.g. CompromisedEntity). */
export function groupEntities(rawEntities: unknown, machineNames: string[]): GroupedEntities {
  const graph = new EntityGraph(rawEntities);
  const grouped: GroupedEntities = { who: [], where: [], what: [], accountHints: new WeakMap(), entityTypes: [] };
  const ownedHashes = graph.referencedThrough('filehashes');
  const accounts: JsonObject[] = [];
  const kubernetes: KubernetesEntity[] = [];
  for (const entity of graph.entities()) {
    const type = entityType(entity);
    grouped.entityTypes.push(type);
    if (type === 'account' || SERVICE_ACCOUNT_TYPES.has(type)) accounts.push(entity);
    else if (type === 'host') grouped.where.push(toHost(entity));
    else if (isAzureResource(type, entity)) grouped.where.push(toAzureResource(new Fields(entity).text('resourceId') ?? ''));
    else if (isKubernetesType(type)) kubernetes.push(toKubernetes(type, entity, graph));
    else if (type === 'filehash' && ownedHashes.has(entity)) continue;
    else grouped.what.push(...toWhat(type, entity, graph));
  }
  const drafts = toAccounts(accounts, graph, [...machineNames, ...hostNames(grouped.where)]);
  // The same account or host defined twice (under two $ids) is one account or host to the analyst.
  const kept = distinct(drafts, ({ account: a }) => [a.domain, a.name, a.sid, a.aadUserId, a.upn].join('|'));
  grouped.who = kept.map((d) => d.account);
  for (const d of kept) grouped.accountHints.set(d.account, d.hints);
  grouped.where.push(...distinct(mostSpecificKubernetes(kubernetes), (k) => JSON.stringify(k)));
  grouped.where = distinct(grouped.where, whereKey);
  grouped.what = withoutCoveredContainers(grouped.what);
  return grouped;
}

function whereKey(w: WhereEntity): string {
  if (w.kind === 'host') return `host|${w.hostName}|${w.azureResourceId}`;
  if (w.kind === 'kubernetes') return `k8s|${JSON.stringify(w)}`;
  return w.resourceId;
}

function distinct<T>(items: T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = keyOf(item).toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toAccounts(entities: JsonObject[], graph: EntityGraph, machineNames: string[]): { account: AccountEntity; hints: AccountHints }[] {
  const drafts = entities.map((e) => accountDraft(new Fields(e), graph, entityType(e)));
  const judge = new LocalityJudge(machineNames, drafts.map((d) => ({ ...d, ntDomain: d.domain })));
  return drafts.map(({ hasDirectoryIds, ownHostName, hints, ...account }) => {
    const isLocal = judge.isLocal({ ntDomain: account.domain, sid: account.sid, hasDirectoryIds });
    // A local account's domain is its machine: say which, so "WEB-VM-01\svc-backup" can be queried.
    const domain = account.domain ?? (isLocal ? ownHostName ?? soleHost(machineNames) : undefined);
    return { account: dropUndefined({ ...account, domain, isLocal }), hints };
  });
}

type AccountDraft = Omit<AccountEntity, 'isLocal'> & { hasDirectoryIds: boolean; ownHostName?: string; hints: AccountHints };

function accountDraft(f: Fields, graph: EntityGraph, type: string): AccountDraft {
  const [nameDomain, plainName] = splitDomainName(f.text('name', 'accountName') ?? f.text('displayName') ?? 'unknown account');
  const aadUserId = f.text('aadUserId');
  const upnSuffix = f.text('upnSuffix');
  const upn = f.text('userPrincipalName', 'upn') ?? (upnSuffix ? `${plainName}@${upnSuffix}` : undefined);
  const host = graph.resolve(f.raw('host'));
  return {
    kind: 'account',
    name: plainName,
    domain: f.text('ntDomain') ?? nameDomain,
    sid: f.text('sid'),
    upn,
    aadUserId,
    aadTenantId: f.text('aadTenantId'),
    isEntra: aadUserId !== undefined || upn !== undefined,
    hasDirectoryIds: aadUserId !== undefined || upn !== undefined || f.text('objectGuid') !== undefined,
    ownHostName: host ? new Fields(host).text('hostName', 'netBiosName') : undefined,
    hints: {
      directory: f.text('objectGuid') !== undefined || f.text('isDomainJoined')?.toLowerCase() === 'true',
      notDomainJoined: f.text('isDomainJoined')?.toLowerCase() === 'false',
      kubernetesServiceAccount: SERVICE_ACCOUNT_TYPES.has(type),
    },
  };
}

/** "WEB-VM-01\svc-backup" → ["WEB-VM-01", "svc-backup"]; a plain name has no domain. */
function splitDomainName(name: string): [string | undefined, string] {
  const slash = name.indexOf('\\');
  if (slash <= 0 || slash === name.length - 1) return [undefined, name];
  return [name.slice(0, slash), name.slice(slash + 1)];
}

function soleHost(machineNames: string[]): string | undefined {
  const distinct = new Set(machineNames.map((n) => n.toLowerCase()));
  return distinct.size === 1 ? machineNames[0] : undefined;
}

function toHost(entity: JsonObject): HostEntity {
  const f = new Fields(entity);
  const fqdn = f.text('fqdn');
  return dropUndefined({
    kind: 'host',
    hostName: f.text('hostName', 'netBiosName') ?? fqdn?.split('.')[0] ?? lastSegment(f.text('azureID')) ?? 'unknown host',
    netBiosName: f.text('netBiosName'),
    dnsDomain: f.text('dnsDomain'),
    azureResourceId: f.text('azureID', 'azureResourceId'),
    osFamily: known(f.text('osFamily', 'operatingSystem')),
    osVersion: known(f.text('osVersion')),
    omsAgentId: f.text('omsAgentID'),
  });
}

/** Defender writes "Unknown" where it knows nothing: that is absence, not an OS. */
function known(value: string | undefined): string | undefined {
  return value?.trim().toLowerCase() === 'unknown' ? undefined : value;
}

function hostNames(where: WhereEntity[]): string[] {
  return where.flatMap((e) => (e.kind === 'host' ? [e.hostName, e.netBiosName ?? ''] : [])).filter((n) => n !== '');
}

function toWhat(type: string, entity: JsonObject, graph: EntityGraph): WhatEntity[] {
  const f = new Fields(entity);
  switch (type) {
    case 'process':
      return [toProcess(f, graph)];
    case 'file':
      return [toFile(f, graph)];
    case 'ip': {
      const address = f.text('address');
      const location = f.object('location');
      const countryCode = location ? new Fields(location).text('countryCode') : undefined;
      const intel = ipThreatIntel(f, graph);
      const threatIntelligence = intel.length ? intel : undefined;
      return address ? [dropUndefined({ kind: 'ip', address, countryCode, threatIntelligence })] : [toOther(type, entity)];
    }
    case 'blob':
    case 'blob-container':
      return [toStorageObject(type, entity, graph)];
    case 'cloud-application':
    case 'cloudapplication':
      return [toCloudApplication(f)];
    case 'malware':
      return [toMalware(f)];
    case 'url': {
      const url = f.text('url');
      return url ? [{ kind: 'url', url }] : [toOther(type, entity)];
    }
    case 'dns':
    case 'domain': {
      const domain = f.text('domainName', 'domain');
      return domain ? [{ kind: 'domain', domain }] : [toOther(type, entity)];
    }
    default:
      return [toOther(type, entity)];
  }
}

function toProcess(f: Fields, graph: EntityGraph): WhatEntity {
  const image = graph.resolve(f.raw('imageFile'));
  const account = graph.resolve(f.raw('account'));
  return dropUndefined({
    kind: 'process',
    processId: f.text('processId'),
    commandLine: f.text('commandLine'),
    // ImageFile is an entity (or its $ref); a plain path string is accepted, a dangling $ref is absence.
    imageFile: image ? filePath(new Fields(image)) : typeof f.raw('imageFile') === 'string' ? f.text('imageFile') : undefined,
    accountName: account ? accountLabel(new Fields(account)) : undefined,
    creationTimeUtc: toIsoUtc(f.raw('creationTimeUtc')),
  });
}

function filePath(f: Fields): string | undefined {
  const name = f.text('name', 'fileName');
  const directory = f.text('directory');
  if (!name) return directory;
  return directory ? joinPath(directory, name) : name;
}

/** A directory and a name joined with the directory's own separator: "/var/www/uploads/x.php", "C:\\Temp\\x.exe". */
export function joinPath(directory: string, name: string): string {
  const separator = directory.includes('\\') || /^[a-z]:/i.test(directory) ? '\\' : '/';
  return `${directory.replace(/[\\/]+$/, '')}${separator}${name}`;
}

function accountLabel(f: Fields): string | undefined {
  const name = f.text('name');
  const domain = f.text('ntDomain');
  return name && domain && !name.includes('\\') ? `${domain}\\${name}` : name;
}

function toFile(f: Fields, graph: EntityGraph): FileEntity {
  const hashes = f.list('fileHashes').flatMap((h) => {
    const hash = graph.resolve(h);
    if (!hash) return [];
    const hf = new Fields(hash);
    const value = hf.text('value');
    return value ? [{ algorithm: hf.text('algorithm') ?? 'unknown', value }] : [];
  });
  return dropUndefined({ kind: 'file', name: f.text('name', 'fileName') ?? 'unknown file', directory: f.text('directory'), hashes });
}

function isAzureResource(type: string, entity: JsonObject): boolean {
  return (type === 'azure-resource' || type === 'azureresource') && new Fields(entity).text('resourceId') !== undefined;
}

export function toAzureResource(resourceId: string): AzureResourceEntity {
  return { kind: 'azure-resource', resourceId };
}

/** An entity kept as one line of its plain fields, so nothing in the alert is silently dropped. */
function toOther(type: string, entity: JsonObject): WhatEntity {
  const parts = Object.keys(entity)
    .filter((key) => !key.startsWith('$') && key.toLowerCase() !== 'type')
    .flatMap((key) => {
      const value = entity[key];
      if (isObject(value) || Array.isArray(value) || value === null || value === undefined) return [];
      return [`${key}: ${String(value)}`];
    });
  return { kind: 'other', type: type || 'unknown', summary: cut(parts.join(', '), SUMMARY_MAX) };
}

function lastSegment(id: string | undefined): string | undefined {
  return id?.split('/').filter((s) => s !== '').pop();
}
