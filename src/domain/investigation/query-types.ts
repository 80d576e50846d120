/**
 * A generated query: its KQL text, the timespan sent with it, and the structured parameters it was
 * built from (so the local demo workspace can answer it without parsing KQL, and so tests can check
 * that every value went in as a literal).
 */
import type { SourceQuerySpec } from './source-query';
import type { TimeWindow } from './window';

export type QueryFamily = 'identity' | 'correlation' | 'ioc';

export const QUERY_NAMES = [
  'logons',
  'process-creation',
  'powershell-script-blocks',
  'network-connections',
  'entra-signins',
  'heartbeat',
  'resource-activity',
  'sentinel-alerts',
  'sentinel-incidents',
  'threat-intel',
  'threat-intel-legacy',
  'target-lookup',
  // Per plan (Who? on storage, key vaults, SQL, Kubernetes, App Service, Resource Manager, DNS, Cosmos DB, APIs, AI, Linux):
  'linux-auth',
  'linux-logons-mde',
  'linux-processes-mde',
  'storage-blob',
  'storage-file',
  'storage-queue',
  'storage-table',
  'key-vault-audit',
  'key-vault-audit-legacy',
  'sql-audit',
  'sql-audit-legacy',
  'sql-server-audit',
  'postgres-logs',
  'mysql-audit',
  'aks-audit',
  'aks-audit-admin',
  'kube-events',
  'kube-pod-inventory',
  'container-logs',
  'app-http-logs',
  'app-audit-logs',
  'app-console-logs',
  'resource-manager-activity',
  'dns-queries',
  'firewall-dns',
  'cosmos-data-plane',
  'cosmos-control-plane',
  'apim-gateway',
  'ai-diagnostics',
  'entra-noninteractive-signins',
  'entra-sp-signins',
  'entra-mi-signins',
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

/** The table each query reads (what "not collected here" refers to). */
export const QUERY_TABLE: Record<QueryName, string> = {
  logons: 'SecurityEvent',
  'process-creation': 'SecurityEvent',
  'powershell-script-blocks': 'Event',
  'network-connections': 'VMConnection',
  'entra-signins': 'SigninLogs',
  heartbeat: 'Heartbeat',
  // A fuzzy union (Heartbeat, SecurityEvent, SigninLogs): a missing table never fails it; Heartbeat names it.
  'target-lookup': 'Heartbeat',
  'resource-activity': 'AzureActivity',
  'sentinel-alerts': 'SecurityAlert',
  'sentinel-incidents': 'SecurityIncident',
  'threat-intel': 'ThreatIntelIndicators',
  'threat-intel-legacy': 'ThreatIntelligenceIndicator',
  'linux-auth': 'Syslog',
  'linux-logons-mde': 'DeviceLogonEvents',
  'linux-processes-mde': 'DeviceProcessEvents',
  'storage-blob': 'StorageBlobLogs',
  'storage-file': 'StorageFileLogs',
  'storage-queue': 'StorageQueueLogs',
  'storage-table': 'StorageTableLogs',
  'key-vault-audit': 'AZKVAuditLogs',
  'key-vault-audit-legacy': 'AzureDiagnostics',
  'sql-audit': 'SQLSecurityAuditEvents',
  'sql-audit-legacy': 'AzureDiagnostics',
  'sql-server-audit': 'Event',
  'postgres-logs': 'AzureDiagnostics',
  'mysql-audit': 'AzureDiagnostics',
  'aks-audit': 'AKSAudit',
  'aks-audit-admin': 'AKSAuditAdmin',
  'kube-events': 'KubeEvents',
  'kube-pod-inventory': 'KubePodInventory',
  'container-logs': 'ContainerLogV2',
  'app-http-logs': 'AppServiceHTTPLogs',
  'app-audit-logs': 'AppServiceAuditLogs',
  'app-console-logs': 'AppServiceConsoleLogs',
  'resource-manager-activity': 'AzureActivity',
  'dns-queries': 'DNSQueryLogs',
  'firewall-dns': 'AZFWDnsQuery',
  'cosmos-data-plane': 'CDBDataPlaneRequests',
  'cosmos-control-plane': 'CDBControlPlaneRequests',
  'apim-gateway': 'ApiManagementGatewayLogs',
  'ai-diagnostics': 'AzureDiagnostics',
  'entra-noninteractive-signins': 'AADNonInteractiveUserSignInLogs',
  'entra-sp-signins': 'AADServicePrincipalSignInLogs',
  'entra-mi-signins': 'AADManagedIdentitySignInLogs',
};

export interface IocSet {
  ips: string[];
  urls: string[];
  domains: string[];
  hashes: string[];
}

export interface QueryParams {
  host?: string;
  resourceId?: string;
  accountNames: string[];
  upns: string[];
  ips: string[];
  processFiles: string[];
  commandLines: string[];
  alertId?: string;
  iocs?: IocSet;
  window: TimeWindow;
}

export interface CatalogueQuery {
  name: QueryName;
  family: QueryFamily;
  /** What the query answers, for the evidence table's title. */
  title: string;
  query: string;
  timespan: TimeWindow;
  params: QueryParams;
  /** The table it reads. */
  table: string;
  /** Per-plan queries are written as a spec (source-query.ts), which the demo workspace evaluates. */
  spec?: SourceQuerySpec;
}

export function isCatalogueQuery(q: unknown): q is CatalogueQuery {
  const c = q as Partial<CatalogueQuery> | null;
  return !!c && typeof c.name === 'string' && (QUERY_NAMES as readonly string[]).includes(c.name) && !!c.params;
}
