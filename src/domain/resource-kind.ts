/**
 * What kind of resource an alert is about — the Defender plan's vocabulary. Decided, in order, by the
 * alert type's prefix (Defender names every alert after its plan: `Storage.Blob_…`, `KV_…`,
 * `SQL.DB_…`, `K8S_…`), the provider type of the affected resource id, and the entities. Arc
 * machines and AWS/GCP resources (Defender's multicloud connectors) map to the nearest Azure kind.
 * One pure table: adding a plan is adding a row.
 */

export const RESOURCE_KINDS = [
  'windows-machine',
  'linux-machine',
  'storage-account',
  'azure-sql',
  'sql-on-machine',
  'open-source-database',
  'key-vault',
  'kubernetes',
  'app-service',
  'resource-manager',
  'dns',
  'cosmos-db',
  'api-management',
  'ai-service',
  'unknown',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** A machine before its operating system is known. */
type KindGuess = ResourceKind | 'machine';

/** Alert type prefixes (Microsoft's alert reference), most specific first. */
const BY_ALERT_TYPE: [RegExp, KindGuess][] = [
  [/^SQL\.(PostgreSQL|MySQL|MariaDB)_/i, 'open-source-database'],
  [/^SQL\.VM_/i, 'sql-on-machine'],
  [/^(SQL\.(DB|MI|DW)_|Synapse\.SQLPool_)/i, 'azure-sql'],
  [/^Storage\./i, 'storage-account'],
  [/^KV_/i, 'key-vault'],
  [/^K8S[._]/i, 'kubernetes'],
  [/^AppServices_/i, 'app-service'],
  [/^ARM[._]/i, 'resource-manager'],
  [/^(AzureDNS|DNS)_/i, 'dns'],
  [/^(Azure)?CosmosDB_/i, 'cosmos-db'],
  [/^API_/i, 'api-management'],
  [/^AI\./i, 'ai-service'],
  [/^(VM_|SUSPECT_|Linux_)/i, 'machine'],
];

/** `/providers/<namespace>/<type>` of a resource id (lower-case) → kind. */
const BY_PROVIDER_TYPE: [RegExp, KindGuess][] = [
  [/^microsoft\.(compute\/virtualmachines|compute\/virtualmachinescalesets|hybridcompute\/machines|classiccompute\/virtualmachines)$/, 'machine'],
  [/^microsoft\.(azurearcdata\/sqlserverinstances|sqlvirtualmachine\/sqlvirtualmachines)$/, 'sql-on-machine'],
  [/^microsoft\.(sql\/servers|sql\/managedinstances|synapse\/workspaces)$/, 'azure-sql'],
  [/^microsoft\.(dbforpostgresql|dbformysql|dbformariadb)\//, 'open-source-database'],
  [/^microsoft\.storage\/storageaccounts$/, 'storage-account'],
  [/^microsoft\.keyvault\/(vaults|managedhsms)$/, 'key-vault'],
  [/^microsoft\.(containerservice\/managedclusters|kubernetes\/connectedclusters|containerregistry\/registries)$/, 'kubernetes'],
  [/^microsoft\.web\/sites$/, 'app-service'],
  [/^microsoft\.documentdb\/databaseaccounts$/, 'cosmos-db'],
  [/^microsoft\.apimanagement\/service$/, 'api-management'],
  [/^microsoft\.(cognitiveservices\/accounts|machinelearningservices\/workspaces)$/, 'ai-service'],
  [/^microsoft\.network\/(dnszones|privatednszones|dnsresolvers|dnsresolverpolicies)$/, 'dns'],
];

/** Defender's multicloud resources: `…/securityconnectors/<c>/securityentitydata/<aws-…|gcp-…>`. */
const BY_MULTICLOUD_TYPE: [RegExp, KindGuess][] = [
  [/^(aws-ec2-instance|gcp-compute-instance)/, 'machine'],
  [/^(aws-eks-cluster|gcp-gke-cluster|gcp-container-cluster|aws-ecr-repository|gcp-artifactregistry)/, 'kubernetes'],
  [/^(aws-s3-bucket|gcp-storage-bucket)/, 'storage-account'],
  [/^(aws-rds|gcp-sqladmin|gcp-sql-instance)/, 'open-source-database'],
  [/^(aws-iam|gcp-iam|aws-organizations|gcp-resourcemanager)/, 'resource-manager'],
];

/** Entity types (Defender's names, lower-case) that say the kind when nothing else does. */
const BY_ENTITY: [RegExp, KindGuess][] = [
  [/^(k8s-|kubernetes|container$|container-image$|container-registry$)/, 'kubernetes'],
  [/^(blob|blob-container)$/, 'storage-account'],
  [/^host$/, 'machine'],
];

export interface KindEvidence {
  alertType?: string;
  resourceId?: string;
  /** Defender entity types in the alert, lower-case ("host", "k8s-pod", "blob"…). */
  entityTypes: string[];
  /** The host entity's OS family or version text, when there is one. */
  os?: string;
}

export function classifyResourceKind(e: KindEvidence): ResourceKind {
  const guess = byAlertType(e.alertType) ?? byResourceId(e.resourceId) ?? byEntities(e.entityTypes) ?? 'unknown';
  return guess === 'machine' ? machineKind(e) : guess;
}

export function byAlertType(alertType: string | undefined): KindGuess | undefined {
  const type = (alertType ?? '').trim();
  return BY_ALERT_TYPE.find(([re]) => re.test(type))?.[1];
}

/** The kind a resource id names by its provider type; a bare subscription or resource group is Resource Manager. */
export function byResourceId(resourceId: string | undefined): KindGuess | undefined {
  const id = (resourceId ?? '').trim().toLowerCase().replace(/\/+$/, '');
  if (!/^\/subscriptions\/[^/]+/.test(id)) return undefined;
  if (/^\/subscriptions\/[^/]+(\/resourcegroups\/[^/]+)?$/.test(id)) return 'resource-manager';
  const multicloud = /\/securityconnectors\/[^/]+\/securityentitydata\/([^/]+)/.exec(id)?.[1];
  if (multicloud) return BY_MULTICLOUD_TYPE.find(([re]) => re.test(multicloud))?.[1];
  const type = providerType(id);
  return type ? BY_PROVIDER_TYPE.find(([re]) => re.test(type))?.[1] : undefined;
}

/** "microsoft.storage/storageaccounts" of "/subscriptions/…/providers/Microsoft.Storage/storageAccounts/x/blobServices/default". */
export function providerType(resourceId: string): string | undefined {
  const m = /\/providers\/([^/]+)\/([^/]+)\/[^/]+/i.exec(resourceId);
  return m ? `${m[1]!.toLowerCase()}/${m[2]!.toLowerCase()}` : undefined;
}

function byEntities(types: string[]): KindGuess | undefined {
  for (const [re, kind] of BY_ENTITY) if (types.some((t) => re.test(t))) return kind;
  return undefined;
}

/** Windows unless something says Linux: Defender's VM_ alerts without an OS are mostly Windows ones. */
function machineKind(e: KindEvidence): ResourceKind {
  if (/linux|ubuntu|debian|red ?hat|rhel|centos|suse|oracle linux|alma|rocky/i.test(e.os ?? '')) return 'linux-machine';
  if (/windows/i.test(e.os ?? '')) return 'windows-machine';
  if (/linux|ssh/i.test(e.alertType ?? '')) return 'linux-machine';
  return 'windows-machine';
}

export function isMachineKind(kind: ResourceKind): boolean {
  return kind === 'windows-machine' || kind === 'linux-machine';
}

export function isSqlKind(kind: ResourceKind): boolean {
  return kind === 'azure-sql' || kind === 'sql-on-machine' || kind === 'open-source-database';
}

/** What the card calls the affected resource ("Host" only for machines). */
export const WHERE_LABEL: Record<ResourceKind, string> = {
  'windows-machine': 'Host',
  'linux-machine': 'Host',
  'storage-account': 'Storage account',
  'azure-sql': 'SQL server / database',
  'sql-on-machine': 'SQL server / database',
  'open-source-database': 'Database server',
  'key-vault': 'Key vault',
  kubernetes: 'Cluster / namespace / pod',
  'app-service': 'App',
  'resource-manager': 'Subscription',
  dns: 'DNS client',
  'cosmos-db': 'Cosmos DB account',
  'api-management': 'API Management service',
  'ai-service': 'AI resource',
  unknown: 'Resource',
};

/** The plan, as the analyst knows it. */
export const KIND_NAME: Record<ResourceKind, string> = {
  'windows-machine': 'Windows machine',
  'linux-machine': 'Linux machine',
  'storage-account': 'storage account',
  'azure-sql': 'Azure SQL',
  'sql-on-machine': 'SQL Server on a machine',
  'open-source-database': 'open-source database',
  'key-vault': 'key vault',
  kubernetes: 'Kubernetes',
  'app-service': 'App Service',
  'resource-manager': 'Resource Manager',
  dns: 'DNS',
  'cosmos-db': 'Cosmos DB',
  'api-management': 'API Management',
  'ai-service': 'AI service',
  unknown: 'unknown resource',
};
