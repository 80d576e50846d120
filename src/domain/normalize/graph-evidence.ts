/**
 * Microsoft Graph alert evidence (`evidence[]`, typed by `@odata.type`) → Defender entities, the
 * JSON the ARM / export shapes carry, so entities.ts reads both shapes the same way and a Graph alert
 * gets the resource kind, account kinds and card vocabulary of its ARM twin:
 *   deviceEvidence → host; userEvidence, processEvidence's userAccount → account (entities.ts and
 *   account-kinds.ts then say what it is); kubernetesServiceAccountEvidence → K8s-serviceaccount;
 *   kubernetesCluster/Namespace/PodEvidence, containerEvidence, containerImageEvidence → K8s-cluster,
 *   K8s-namespace, K8s-pod, container, container-image, each pointing at the one above it;
 *   containerRegistryEvidence → container-registry; blobContainerEvidence, blobEvidence →
 *   blob-container (with its storage account), blob (with its container); cloudApplicationEvidence,
 *   oauthApplicationEvidence → cloud-application; malwareEvidence → malware (and its files);
 *   ipEvidence → ip, whose verdict and tags (Defender's own call on the address, e.g. "Tor exit
 *   node") become the IP's threat intelligence; sasTokenEvidence → "Authentication type: SAS"; file, url, dns, azureResource → file, url, dns,
 *   azure-resource; any other kind → a plain entity named after it, so nothing is lost.
 * Graph names the object above another inline and shallowly (a container's pod by name only): when
 * that object is evidence of the alert too, the reference points at it (`$ref`), so each object
 * knows its whole chain as in ARM. This is the one mapping table: refine it here when entities.ts
 * gains kinds.
 */
import { asText, isObject, type JsonObject } from './fields';

/** Graph caps nothing; a hostile alert could carry any number. More than enough for a real one. */
export const MAX_EVIDENCE = 500;

/** Fields every alertEvidence carries that say nothing about the thing itself (left out of summaries). */
const BASE_FIELDS = new Set(['@odata.type', 'createddatetime', 'verdict', 'remediationstatus', 'remediationstatusdetails', 'roles', 'detailedroles', 'tags', 'mdedeviceid']);

type Mapper = (e: JsonObject, ctx: MappingContext) => JsonObject[];

const MAPPERS = new Map<string, Mapper>(Object.entries({
  deviceevidence: device,
  userevidence: (e, ctx) => accountOf(e.userAccount, ctx),
  processevidence: process,
  fileevidence: (e) => [file(e.fileDetails)],
  ipevidence: (e) => [ip(e)],
  urlevidence: (e) => [{ type: 'url', url: e.url }],
  dnsevidence: (e) => [{ type: 'dns', domainName: e.domainName }],
  azureresourceevidence: (e) => azureResource(e),
  blobcontainerevidence: (e, ctx) => [blobContainer(e, ctx, true), ...azureResource(e.storageResource)],
  blobevidence: (e, ctx) => [{ type: 'blob', name: e.name, url: e.url, etag: e.etag, container: ctx.link('blobcontainerevidence', e.blobContainer, blobContainer) }],
  kubernetesclusterevidence: (e, ctx) => [cluster(e, ctx, true), ...azureResource(e.cloudResource)],
  kubernetesnamespaceevidence: (e, ctx) => [namespace(e, ctx, true)],
  kubernetespodevidence: (e, ctx) => [pod(e, ctx, true)],
  kubernetesserviceaccountevidence: (e) => [{ type: 'K8s-serviceaccount', name: e.name, namespace: sub(e.namespace, 'name') }],
  containerevidence: (e, ctx) => [container(e, ctx)],
  containerimageevidence: (e, ctx) => [image(e, ctx, true)],
  containerregistryevidence: (e) => [{ type: 'container-registry', registry: e.registry }],
  cloudapplicationevidence: (e) => [{ type: 'cloud-application', name: e.displayName, appId: entraAppId(e.appId), instanceName: e.instanceName }],
  oauthapplicationevidence: (e) => [{ type: 'cloud-application', name: e.displayName, appId: entraAppId(e.appId), publisher: e.publisher }],
  malwareevidence: (e) => [{ type: 'malware', name: e.name, category: e.category }, ...listOf(e.files).map((f) => file(f.fileDetails))],
} satisfies Record<string, Mapper>));

/** The objects a chain can point at, and the field that names each. */
const REFERABLE: Record<string, string> = {
  kubernetesclusterevidence: 'name',
  kubernetesnamespaceevidence: 'name',
  kubernetespodevidence: 'name',
  containerimageevidence: 'imageId',
  blobcontainerevidence: 'name',
};

/**
 * Hands out the `$id`s that tie an account to the host and process that name it, and ties a
 * shallow inline reference (a container's pod by name) to that object's own evidence.
 */
class MappingContext {
  private next = 1;
  private readonly ids = new Map<string, string>();
  private readonly defined = new Set<string>();

  constructor(evidence: JsonObject[]) {
    for (const e of evidence) {
      const key = referableKey(evidenceKind(e), e);
      if (key && !this.ids.has(key)) this.ids.set(key, this.take());
    }
  }

  take(): string {
    return `g${this.next++}`;
  }

  /** `{ $id }` for the first top-level evidence of a referable object; nothing for inline ones or repeats. */
  define(kind: string, e: JsonObject, topLevel: boolean): JsonObject {
    const key = topLevel ? referableKey(kind, e) : undefined;
    const id = key ? this.ids.get(key) : undefined;
    if (!key || !id || this.defined.has(key)) return {};
    this.defined.add(key);
    return { $id: id };
  }

  /** A reference to the object's own evidence when the alert has it, else the inline object mapped. */
  link(kind: string, value: unknown, map: (e: JsonObject, ctx: MappingContext, topLevel: boolean) => JsonObject): JsonObject | undefined {
    if (!isObject(value)) return undefined;
    const key = referableKey(kind, value);
    const id = key ? this.ids.get(key) : undefined;
    return id ? { $ref: id } : map(value, this, false);
  }
}

function referableKey(kind: string, e: JsonObject): string | undefined {
  const field = REFERABLE[kind];
  const name = field ? asText(e[field])?.trim().toLowerCase() : undefined;
  return name ? `${kind}|${name}` : undefined;
}

/** The Defender entities that the evidence list stands for, in order; unknown kinds as plain entities. */
export function evidenceEntities(evidence: unknown): JsonObject[] {
  const list = (Array.isArray(evidence) ? evidence.slice(0, MAX_EVIDENCE) : []).filter(isObject);
  const ctx = new MappingContext(list);
  const entities = list.flatMap((e) => {
    const kind = evidenceKind(e);
    const map = MAPPERS.get(kind);
    return map ? map(e, ctx) : [otherEntity(kind, e)];
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

/**
 * What the evidence says that the ARM shape says in its extended properties: a SAS token used
 * (sasTokenEvidence) is Defender for Storage's "Authentication type: SAS" (account-kinds.ts reads it).
 */
export function evidenceProperties(evidence: unknown): Record<string, string> {
  const list = Array.isArray(evidence) ? evidence.slice(0, MAX_EVIDENCE).filter(isObject) : [];
  return list.some((e) => evidenceKind(e) === 'sastokenevidence') ? { 'Authentication type': 'SAS' } : {};
}

/** The first device's host name (for the compromised entity, as ARM names the machine). */
export function primaryDeviceName(evidence: unknown): string | undefined {
  const list = Array.isArray(evidence) ? evidence.slice(0, MAX_EVIDENCE).filter(isObject) : [];
  const device = list.find((e) => evidenceKind(e) === 'deviceevidence');
  return device ? deviceNames(device).hostName : undefined;
}

function device(e: JsonObject, ctx: MappingContext): JsonObject[] {
  const $id = ctx.take();
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

function accountOf(userAccount: unknown, ctx: MappingContext): JsonObject[] {
  if (!isObject(userAccount)) return [];
  const u = userAccount;
  return [
    {
      $id: ctx.take(),
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

function process(e: JsonObject, ctx: MappingContext): JsonObject[] {
  const [account] = accountOf(e.userAccount, ctx);
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

type ChainMapper = (e: JsonObject, ctx: MappingContext, topLevel: boolean) => JsonObject;

const cluster: ChainMapper = (e, ctx, topLevel) => ({
  ...ctx.define('kubernetesclusterevidence', e, topLevel),
  type: 'K8s-cluster',
  name: e.name,
  platform: e.platform,
  distribution: e.distribution,
  version: e.version,
  cloudResource: azureResource(e.cloudResource)[0],
});

const namespace: ChainMapper = (e, ctx, topLevel) => ({
  ...ctx.define('kubernetesnamespaceevidence', e, topLevel),
  type: 'K8s-namespace',
  name: e.name,
  cluster: ctx.link('kubernetesclusterevidence', e.cluster, cluster),
});

const pod: ChainMapper = (e, ctx, topLevel) => ({
  ...ctx.define('kubernetespodevidence', e, topLevel),
  type: 'K8s-pod',
  name: e.name,
  namespace: ctx.link('kubernetesnamespaceevidence', e.namespace, namespace),
  podIp: sub(e.podIp, 'ipAddress'),
  serviceAccount: sub(e.serviceAccount, 'name'),
});

const image: ChainMapper = (e, ctx, topLevel) => ({
  ...ctx.define('containerimageevidence', e, topLevel),
  type: 'container-image',
  imageId: e.imageId,
  digestImage: e.digestImage,
  registry: sub(e.containerRegistry, 'registry'),
});

const blobContainer: ChainMapper = (e, ctx, topLevel) => ({
  ...ctx.define('blobcontainerevidence', e, topLevel),
  type: 'blob-container',
  name: e.name,
  url: e.url,
  storageResource: azureResource(e.storageResource)[0],
});

/** A container is never pointed at (Graph's pods list theirs, but the containers are evidence of their own). */
function container(e: JsonObject, ctx: MappingContext): JsonObject {
  return {
    type: 'container',
    name: e.name,
    image: ctx.link('containerimageevidence', e.image, image),
    isPrivileged: e.isPrivileged,
    containerId: e.containerId,
    pod: ctx.link('kubernetespodevidence', e.pod, pod),
    command: commandOf(e),
  };
}

/** Defender's verdict and tags on the address ("malicious", "Tor exit node") are its threat intelligence on it. */
function ip(e: JsonObject): JsonObject {
  const verdict = asText(e.verdict)?.trim();
  const tags = (Array.isArray(e.tags) ? e.tags.slice(0, 5) : []).filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  const judged = verdict && /^(malicious|suspicious)$/i.test(verdict);
  const threatIntelligence = judged ? [{ providerName: 'Microsoft Defender', threatType: `${verdict.toLowerCase()} verdict`, threatName: tags.join(', ') || undefined }] : undefined;
  return { type: 'ip', address: e.ipAddress, location: { countryCode: e.countryLetterCode }, threatIntelligence };
}

/** An Entra application id; Defender for Cloud Apps' numeric catalogue ids are not one. */
function entraAppId(value: unknown): unknown {
  const id = asText(value)?.trim();
  return id && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id : undefined;
}

function listOf(value: unknown): JsonObject[] {
  return (Array.isArray(value) ? value.slice(0, MAX_EVIDENCE) : []).filter(isObject);
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
