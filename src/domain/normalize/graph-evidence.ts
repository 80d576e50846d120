/**
 * Microsoft Graph alert evidence (`evidence[]`, typed by `@odata.type`) → Defender entities, the
 * JSON the ARM / export shapes carry (`type` host, account, process, file, ip, url, azure-resource,
 * and Defender's names for the rest: blob, blob-container, K8s-cluster, K8s-namespace, K8s-pod,
 * container, container-image…). entities.ts then reads both shapes the same way, so an evidence
 * kind it learns to read (Kubernetes, blobs) is read from Graph with no change here.
 * This is the one mapping table: refine it here when entities.ts gains kinds.
 */
import { asText, isObject, type JsonObject } from './fields';

/** Graph caps nothing; a hostile alert could carry any number. More than enough for a real one. */
export const MAX_EVIDENCE = 500;

/** Fields every alertEvidence carries that say nothing about the thing itself (left out of summaries). */
const BASE_FIELDS = new Set(['@odata.type', 'createddatetime', 'verdict', 'remediationstatus', 'remediationstatusdetails', 'roles', 'detailedroles', 'tags', 'mdedeviceid']);

type Mapper = (e: JsonObject, ids: IdSource) => JsonObject[];

const MAPPERS = new Map<string, Mapper>(Object.entries({
  deviceevidence: device,
  userevidence: (e, ids) => accountOf(e.userAccount, ids),
  processevidence: process,
  fileevidence: (e) => [file(e.fileDetails)],
  ipevidence: (e) => [{ type: 'ip', address: e.ipAddress, location: { countryCode: e.countryLetterCode } }],
  urlevidence: (e) => [{ type: 'url', url: e.url }],
  azureresourceevidence: (e) => azureResource(e),
  blobcontainerevidence: (e) => [{ type: 'blob-container', name: e.name, url: e.url, storageAccount: sub(e.storageResource, 'resourceName') }, ...azureResource(e.storageResource)],
  blobevidence: (e) => [{ type: 'blob', name: e.name, url: e.url, container: sub(e.blobContainer, 'name'), etag: e.etag }],
  kubernetesclusterevidence: (e) => [{ type: 'K8s-cluster', name: e.name, platform: e.platform, version: e.version }, ...azureResource(e.cloudResource)],
  kubernetesnamespaceevidence: (e) => [{ type: 'K8s-namespace', name: e.name, cluster: sub(e.cluster, 'name') }],
  kubernetespodevidence: (e) => [
    { type: 'K8s-pod', name: e.name, namespace: sub(e.namespace, 'name'), podIp: sub(e.podIp, 'ipAddress'), serviceAccount: sub(e.serviceAccount, 'name') },
  ],
  kubernetesserviceaccountevidence: (e) => [{ type: 'K8s-serviceaccount', name: e.name, namespace: sub(e.namespace, 'name') }],
  containerevidence: (e) => [
    { type: 'container', name: e.name, image: sub(e.image, 'imageId'), privileged: e.isPrivileged, containerId: e.containerId, pod: sub(e.pod, 'name'), command: commandOf(e) },
  ],
  containerimageevidence: (e) => [{ type: 'container-image', imageId: e.imageId, digestImage: e.digestImage, registry: sub(e.containerRegistry, 'registry') }],
} satisfies Record<string, Mapper>));

/** Hands out the `$id`s that tie an account to the host and process that name it. */
class IdSource {
  private next = 1;
  take(): string {
    return `g${this.next++}`;
  }
}

/** The Defender entities that the evidence list stands for, in order; unknown kinds as plain entities. */
export function evidenceEntities(evidence: unknown): JsonObject[] {
  const list = Array.isArray(evidence) ? evidence.slice(0, MAX_EVIDENCE) : [];
  const ids = new IdSource();
  const entities = list.filter(isObject).flatMap((e) => {
    const kind = evidenceKind(e);
    const map = MAPPERS.get(kind);
    return map ? map(e, ids) : [otherEntity(kind, e)];
  });
  return withoutBareLogons(entities);
}

/**
 * A device's logged-on user (name and domain only) that a user or process evidence names again with
 * its SID or Entra ids is that account, not a second one.
 */
function withoutBareLogons(entities: JsonObject[]): JsonObject[] {
  const label = (e: JsonObject) => `${asText(e.ntDomain) ?? ''}\\${asText(e.name) ?? ''}`.toLowerCase();
  const full = new Set(entities.filter((e) => e.type === 'account' && !(LOGGED_ON in e)).map(label));
  return entities.filter((e) => !(LOGGED_ON in e) || !full.has(label(e))).map((e) => (LOGGED_ON in e ? withoutMark(e) : e));
}

/** Marks an account that only a device's loggedOnUsers names (removed before the entity leaves). */
const LOGGED_ON = '$loggedOn';

function withoutMark(e: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(e).filter(([key]) => key !== LOGGED_ON));
}

/** "#microsoft.graph.security.deviceEvidence" → "deviceevidence" (Graph's casing varies: AzureResourceEvidence). */
export function evidenceKind(e: JsonObject): string {
  const type = asText(e['@odata.type']) ?? '';
  return type.replace(/^#?microsoft\.graph\.security\./i, '').trim().toLowerCase();
}

/** The first Azure resource the evidence names: a VM's resource id, else a resource's, a storage account's, a cluster's. */
export function primaryResourceId(evidence: unknown): string | undefined {
  const list = Array.isArray(evidence) ? evidence.slice(0, MAX_EVIDENCE).filter(isObject) : [];
  const candidates = list.flatMap((e) => [sub(e.vmMetadata, 'resourceId'), e.resourceId, sub(e.storageResource, 'resourceId'), sub(e.cloudResource, 'resourceId')]);
  return candidates.map((c) => asText(c)).find((id): id is string => typeof id === 'string' && /^\/subscriptions\//i.test(id.trim()));
}

/** The first device's host name (for the compromised entity, as ARM names the machine). */
export function primaryDeviceName(evidence: unknown): string | undefined {
  const list = Array.isArray(evidence) ? evidence.slice(0, MAX_EVIDENCE).filter(isObject) : [];
  const device = list.find((e) => evidenceKind(e) === 'deviceevidence');
  return device ? deviceNames(device).hostName : undefined;
}

function device(e: JsonObject, ids: IdSource): JsonObject[] {
  const $id = ids.take();
  const { hostName, dnsDomain } = deviceNames(e);
  const host: JsonObject = {
    $id,
    type: 'host',
    hostName,
    dnsDomain,
    azureID: sub(e.vmMetadata, 'resourceId'),
    osFamily: e.osPlatform,
    ntDomain: e.ntDomain,
  };
  const users = (Array.isArray(e.loggedOnUsers) ? e.loggedOnUsers.slice(0, MAX_EVIDENCE) : []).filter(isObject);
  return [host, ...users.map((u) => ({ type: 'account', name: u.accountName, ntDomain: u.domainName, host: { $ref: $id }, [LOGGED_ON]: true }))];
}

/** `hostName` where Graph gives it; else the first label of `deviceDnsName` (its FQDN). */
function deviceNames(e: JsonObject): { hostName?: string; dnsDomain?: string } {
  const fqdn = asText(e.deviceDnsName)?.trim();
  const dot = fqdn ? fqdn.indexOf('.') : -1;
  const hostName = asText(e.hostName)?.trim() || (fqdn && dot > 0 ? fqdn.slice(0, dot) : fqdn) || undefined;
  const dnsDomain = asText(e.dnsDomain)?.trim() || (fqdn && dot > 0 ? fqdn.slice(dot + 1) : undefined);
  return { hostName, dnsDomain };
}

function accountOf(userAccount: unknown, ids: IdSource): JsonObject[] {
  if (!isObject(userAccount)) return [];
  const u = userAccount;
  return [
    {
      $id: ids.take(),
      type: 'account',
      name: u.accountName ?? u.userPrincipalName ?? u.displayName,
      ntDomain: u.domainName,
      sid: u.userSid,
      aadUserId: u.azureAdUserId,
      userPrincipalName: u.userPrincipalName,
      displayName: u.displayName,
    },
  ];
}

function process(e: JsonObject, ids: IdSource): JsonObject[] {
  const [account] = accountOf(e.userAccount, ids);
  const entity: JsonObject = {
    type: 'process',
    processId: e.processId,
    commandLine: e.processCommandLine,
    creationTimeUtc: e.processCreationDateTime,
    imageFile: isObject(e.imageFile) ? file(e.imageFile) : undefined,
    account: account ? { $ref: account.$id } : undefined,
  };
  return account ? [entity, account] : [entity];
}

function file(details: unknown): JsonObject {
  const d = isObject(details) ? details : {};
  const hashes = (['sha256', 'sha1', 'md5'] as const).flatMap((algorithm) => (asText(d[algorithm]) ? [{ algorithm: algorithm.toUpperCase(), value: d[algorithm] }] : []));
  return { type: 'file', name: d.fileName, directory: d.filePath, fileHashes: hashes };
}

function azureResource(e: unknown): JsonObject[] {
  if (!isObject(e) || asText(e.resourceId) === undefined) return [];
  return [{ type: 'azure-resource', resourceId: e.resourceId }];
}

function commandOf(e: JsonObject): string | undefined {
  const parts = [e.command, e.args].flatMap((v) => (Array.isArray(v) ? v.slice(0, 100) : [])).map((p) => asText(p) ?? '');
  return parts.length ? parts.join(' ') : undefined;
}

/** A kind with no mapping: its own fields, named after the kind ("registryKey" for registryKeyEvidence). */
function otherEntity(kind: string, e: JsonObject): JsonObject {
  const plain = Object.fromEntries(Object.entries(e).filter(([key, value]) => !BASE_FIELDS.has(key.toLowerCase()) && !isObject(value) && !Array.isArray(value)));
  return { ...plain, type: kind.replace(/evidence$/, '') || 'evidence' };
}

function sub(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}
