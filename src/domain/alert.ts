/**
 * The one Alert every Defender shape (ARM REST, SDK-flattened, continuous export, Microsoft Graph
 * alerts_v2, Sentinel's SecurityAlert rows) is normalized to.
 * Every string here came from the alert and is attacker-influenced: renderers escape it for their
 * target, query builders quote it. Times are ISO 8601 UTC strings so an Alert is plain JSON.
 *
 * Entities, for normalizers of other shapes (Graph evidence, SecurityAlert rows) — which entity kind
 * each Defender entity type becomes:
 *   account, K8s service account          → AccountEntity (who; `accountKind` says what it is)
 *   host                                   → HostEntity (where)
 *   azure-resource                         → AzureResourceEntity (where)
 *   K8s-cluster/-namespace/-pod, container,
 *   container-image                        → KubernetesEntity (where; one per object, its chain filled in)
 *   process, file, ip, url, dns            → ProcessEntity, FileEntity, IpEntity, UrlEntity, DomainEntity (what)
 *   blob, blob-container                   → StorageObjectEntity (what)
 *   cloud-application                      → CloudApplicationEntity (what)
 *   malware                                → MalwareEntity (what)
 *   anything else                          → OtherEntity (what), so nothing is lost
 */
import type { ResourceKind } from './resource-kind';

export type { ResourceKind } from './resource-kind';
export const SEVERITIES = ['High', 'Medium', 'Low', 'Informational'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ALERT_STATUSES = ['Active', 'InProgress', 'Resolved', 'Dismissed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Graph: Microsoft Graph security alerts_v2 (the Defender portal). security-alert: a Log Analytics / Sentinel SecurityAlert row. */
export type AlertShape = 'arm' | 'sdk' | 'export' | 'graph' | 'security-alert';

/**
 * What an account is. `machine-local` is a Windows or Linux account of the affected machine itself
 * (the card warns there is no Entra ID identity); `domain` an Active Directory account; the Entra
 * kinds carry a directory identity; `sql-login` and the Kubernetes kinds exist only in their service.
 */
export const ACCOUNT_KINDS = [
  'entra-user',
  'entra-service-principal',
  'managed-identity',
  'machine-local',
  'domain',
  'sql-login',
  'kubernetes-user',
  'kubernetes-service-account',
  'unknown',
] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** Access with a credential but no identity (Defender for Storage's "authentication type"). */
export type AccessKind = 'anonymous' | 'sas' | 'account-key';

/** who: an account named in the alert's entities. */
export interface AccountEntity {
  kind: 'account';
  name: string;
  /** What the account is (set by the normalizer; absent on alerts stored before it was). */
  accountKind?: AccountKind;
  /** Entra application (client) id, for service principals and managed identities. */
  appId?: string;
  /** NT domain, or the machine name for a local account. */
  domain?: string;
  sid?: string;
  upn?: string;
  aadUserId?: string;
  aadTenantId?: string;
  /** true only for a machine-local account on a machine (accountKind `machine-local`). */
  isLocal: boolean;
  /** true when the account carries an Entra ID identity (AAD user id or UPN). */
  isEntra: boolean;
}

/** where: a machine. */
export interface HostEntity {
  kind: 'host';
  hostName: string;
  netBiosName?: string;
  dnsDomain?: string;
  azureResourceId?: string;
  osFamily?: string;
  osVersion?: string;
  omsAgentId?: string;
}

/** where: an Azure resource. */
export interface AzureResourceEntity {
  kind: 'azure-resource';
  resourceId: string;
}

export interface ProcessEntity {
  kind: 'process';
  processId?: string;
  commandLine?: string;
  imageFile?: string;
  accountName?: string;
  creationTimeUtc?: string;
}

export interface FileHash {
  algorithm: string;
  value: string;
}

export interface FileEntity {
  kind: 'file';
  name: string;
  directory?: string;
  hashes: FileHash[];
}

/** What Defender's threat intelligence says about an IP, as the IP entity carries it. */
export interface IpThreatIntel {
  provider?: string;
  threatType?: string;
  threatName?: string;
  /** 0..1 as Defender gives it, or 0..100. */
  confidence?: number;
  description?: string;
}

export interface IpEntity {
  kind: 'ip';
  address: string;
  countryCode?: string;
  threatIntelligence?: IpThreatIntel[];
}

/**
 * where: one Kubernetes object (cluster, namespace, pod, container or image) with the chain above it,
 * filled in from the entity references (a container's pod, the pod's namespace, its cluster).
 */
export interface KubernetesEntity {
  kind: 'kubernetes';
  level: 'cluster' | 'namespace' | 'pod' | 'container' | 'image';
  cluster?: string;
  /** The cluster's Azure resource id (or a multicloud connector's id). */
  clusterResourceId?: string;
  namespace?: string;
  pod?: string;
  container?: string;
  image?: string;
  privileged?: boolean;
}

/** what: a blob container, or a blob in one, of a storage account. */
export interface StorageObjectEntity {
  kind: 'storage-object';
  container?: string;
  blob?: string;
  url?: string;
  /** The storage account's resource id. */
  accountResourceId?: string;
}

/** what: a cloud application (an Entra app or a SaaS app) the alert names. */
export interface CloudApplicationEntity {
  kind: 'cloud-application';
  name?: string;
  appId?: string;
  instanceName?: string;
}

/** what: malware Defender named. */
export interface MalwareEntity {
  kind: 'malware';
  name: string;
  category?: string;
}

export interface UrlEntity {
  kind: 'url';
  url: string;
}

export interface DomainEntity {
  kind: 'domain';
  domain: string;
}

/** An entity type the normalizer does not model; kept so nothing in the alert is lost. */
export interface OtherEntity {
  kind: 'other';
  type: string;
  summary: string;
}

export type WhereEntity = HostEntity | AzureResourceEntity | KubernetesEntity;
export type WhatEntity =
  | ProcessEntity
  | FileEntity
  | IpEntity
  | UrlEntity
  | DomainEntity
  | StorageObjectEntity
  | CloudApplicationEntity
  | MalwareEntity
  | OtherEntity;

export interface AlertLink {
  label: string;
  href: string;
}

/**
 * A field the alert carried that the bot could not use (wrong type, unreadable value): the alert is
 * kept and shown, and so is what could not be read — never a reason to lose the alert.
 */
export interface UnusableField {
  /** the field as the alert spells it, e.g. "severity", "startTimeUtc" */
  field: string;
  /** the value as received, as (cut) text */
  value: string;
  /** what the bot does instead, e.g. "shown as Medium" */
  instead: string;
}

export interface WorkspaceRef {
  workspaceId: string;
  subscriptionId?: string;
  resourceGroup?: string;
  agentId?: string;
}

export interface Alert {
  /**
   * The Defender alert's id, whatever the shape it came in: ARM `systemAlertId` / `name`, Graph
   * `providerAlertId`, a SecurityAlert row's `VendorOriginalId`. The key everything else hangs on.
   */
  systemAlertId: string;
  /** The ARM id (/subscriptions/…/alerts/…) when the shape carries it. */
  armId?: string;
  /** ARM location segment of armId (needed to write back). */
  location?: string;
  alertType: string;
  displayName: string;
  severity: Severity;
  status: AlertStatus;
  /**
   * Always usable ISO times. When the alert carried none (`timeUnknown`), all three are the time
   * the bot received it, so windows and sorting still work; every view labels them as such.
   */
  startTime: string;
  endTime: string;
  generatedTime: string;
  /** true when the alert carried no usable time: its times are `receivedTime`. */
  timeUnknown?: boolean;
  /** When the bot first received the alert (set when its time is unknown). */
  receivedTime?: string;
  /**
   * The alert's own last-modified time, for shapes that carry one (Graph alerts_v2
   * `lastUpdateDateTime`): orders its updates (see domain/update-order.ts).
   */
  lastModifiedTime?: string;
  /** Fields the alert carried that could not be used; shown on the card. */
  unusable?: UnusableField[];
  description: string;
  /** MITRE tactics (Defender's `intent`, comma separated there). */
  tactics: string[];
  techniques: string[];
  subTechniques: string[];
  remediationSteps: string[];
  extendedProperties: Record<string, string>;
  portalUrl?: string;
  links: AlertLink[];
  subscriptionId?: string;
  resourceGroup?: string;
  /** The affected Azure resource id. */
  resourceId?: string;
  /** Last segment of resourceId, or the compromised entity. */
  resourceName?: string;
  workspace?: WorkspaceRef;
  compromisedEntity?: string;
  correlationKey?: string;
  isIncident: boolean;
  productName?: string;
  vendorName?: string;
  who: AccountEntity[];
  where: WhereEntity[];
  what: WhatEntity[];
  /** true when at least one account carries an Entra ID identity. */
  hasEntraIdentity: boolean;
  shape: AlertShape;
  /** The Defender plan's resource kind (set by the normalizer; `resourceKindOf` computes it for older alerts). */
  resourceKind?: ResourceKind;
  /** Credential-only access (SAS token, account key, anonymous), when the alert says so. */
  accessKind?: AccessKind;
  // The same alert elsewhere. systemAlertId is Defender's id in every shape; the ids other services
  // know it by are kept here, from every shape that arrived (alert-merge.ts), and `isSameAlert`
  // compares them all: a Sentinel copy or a Graph alert is the same alert, never a related one.
  /** Microsoft Graph security alert id (alerts_v2): the alert in the Defender portal (Defender XDR). */
  graphAlertId?: string;
  /** The Entra tenant the alert belongs to (Graph `tenantId`, an ARM alert's AAD resource identifier); the Defender portal links name it. */
  tenantId?: string;
  /** The customer (CUSTOMERS) the alert belongs to, by its subscription or tenant; set at ingest, absent without CUSTOMERS. */
  customer?: string;
  /** The Defender XDR incident that holds the alert. */
  xdrIncidentId?: string;
  xdrIncidentTitle?: string;
  /** Sentinel's own id of the alert's SecurityAlert row (that row's `SystemAlertId`). */
  sentinelAlertId?: string;
}

/** The host name the alert is about: first host entity, else the compromised entity. */
export function primaryHostName(alert: Alert): string | undefined {
  const host = alert.where.find((e): e is HostEntity => e.kind === 'host');
  return host?.hostName ?? alert.compromisedEntity ?? alert.resourceName;
}

export function processesOf(alert: Alert): ProcessEntity[] {
  return alert.what.filter((e): e is ProcessEntity => e.kind === 'process');
}

export function ipsOf(alert: Alert): string[] {
  return alert.what.filter((e): e is IpEntity => e.kind === 'ip').map((e) => e.address);
}

export function commandLinesOf(alert: Alert): string[] {
  return processesOf(alert)
    .map((p) => p.commandLine)
    .filter((c): c is string => typeof c === 'string' && c.length > 0);
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}
