/**
 * Where each Log Analytics table comes from: the setting that makes a workspace collect it, and
 * Microsoft's page that says how. When a workspace does not have a table ("Failed to resolve table"),
 * the answer says it is not collected here and names this setting — never "nothing found".
 */

export interface LogSource {
  table: string;
  /** What to turn on, in the analyst's words. */
  setting: string;
  /** Microsoft's documentation for it (a link we build, never one from an alert). */
  docs: string;
}

const LEARN = 'https://learn.microsoft.com';

const SOURCES: LogSource[] = [
  { table: 'SecurityEvent', setting: 'Windows security events through the Azure Monitor Agent (a data collection rule with the Security event log, or Defender for Servers data collection)', docs: `${LEARN}/azure/sentinel/connect-windows-security-events` },
  { table: 'Event', setting: 'Windows event logs (Microsoft-Windows-PowerShell/Operational; Application for SQL Server audit) in a data collection rule', docs: `${LEARN}/azure/azure-monitor/agents/data-collection-windows-events` },
  { table: 'VMConnection', setting: 'VM insights with processes and dependencies (Map)', docs: `${LEARN}/azure/azure-monitor/vm/vminsights-enable-overview` },
  { table: 'Heartbeat', setting: 'the Azure Monitor Agent on the machine, reporting to this workspace', docs: `${LEARN}/azure/azure-monitor/agents/azure-monitor-agent-manage` },
  { table: 'Syslog', setting: 'Syslog (facilities auth and authpriv) in a data collection rule for the Linux machine', docs: `${LEARN}/azure/azure-monitor/agents/data-collection-syslog` },
  { table: 'DeviceLogonEvents', setting: 'the Microsoft Defender XDR connector streaming DeviceLogonEvents to this workspace', docs: `${LEARN}/azure/sentinel/connect-microsoft-365-defender` },
  { table: 'DeviceProcessEvents', setting: 'the Microsoft Defender XDR connector streaming DeviceProcessEvents to this workspace', docs: `${LEARN}/azure/sentinel/connect-microsoft-365-defender` },
  { table: 'StorageBlobLogs', setting: "the storage account's diagnostic setting for blob: StorageRead, StorageWrite and StorageDelete to this workspace", docs: `${LEARN}/azure/storage/blobs/monitor-blob-storage` },
  { table: 'StorageFileLogs', setting: "the storage account's diagnostic setting for file: StorageRead, StorageWrite and StorageDelete to this workspace", docs: `${LEARN}/azure/storage/files/storage-files-monitoring` },
  { table: 'StorageQueueLogs', setting: "the storage account's diagnostic setting for queue: StorageRead, StorageWrite and StorageDelete to this workspace", docs: `${LEARN}/azure/storage/queues/monitor-queue-storage` },
  { table: 'StorageTableLogs', setting: "the storage account's diagnostic setting for table: StorageRead, StorageWrite and StorageDelete to this workspace", docs: `${LEARN}/azure/storage/tables/monitor-table-storage` },
  { table: 'AZKVAuditLogs', setting: "the key vault's diagnostic setting: category AuditEvent, destination table Resource specific", docs: `${LEARN}/azure/key-vault/general/howto-logging` },
  { table: 'SQLSecurityAuditEvents', setting: 'Azure SQL auditing to this Log Analytics workspace (server or database level)', docs: `${LEARN}/azure/azure-sql/database/auditing-setup` },
  { table: 'AKSAudit', setting: "the cluster's diagnostic setting: category kube-audit, destination table Resource specific", docs: `${LEARN}/azure/aks/monitor-aks` },
  { table: 'AKSAuditAdmin', setting: "the cluster's diagnostic setting: category kube-audit-admin, destination table Resource specific", docs: `${LEARN}/azure/aks/monitor-aks` },
  { table: 'KubeEvents', setting: 'Container insights on the cluster', docs: `${LEARN}/azure/azure-monitor/containers/kubernetes-monitoring-enable` },
  { table: 'KubePodInventory', setting: 'Container insights on the cluster', docs: `${LEARN}/azure/azure-monitor/containers/kubernetes-monitoring-enable` },
  { table: 'ContainerLogV2', setting: 'Container insights on the cluster with the ContainerLogV2 schema', docs: `${LEARN}/azure/azure-monitor/containers/container-insights-logs-schema` },
  { table: 'AppServiceHTTPLogs', setting: "the app's diagnostic setting: category AppServiceHTTPLogs", docs: `${LEARN}/azure/app-service/troubleshoot-diagnostic-logs#send-logs-to-azure-monitor` },
  { table: 'AppServiceAuditLogs', setting: "the app's diagnostic setting: category AppServiceAuditLogs", docs: `${LEARN}/azure/app-service/troubleshoot-diagnostic-logs#send-logs-to-azure-monitor` },
  { table: 'AppServiceConsoleLogs', setting: "the app's diagnostic setting: category AppServiceConsoleLogs", docs: `${LEARN}/azure/app-service/troubleshoot-diagnostic-logs#send-logs-to-azure-monitor` },
  { table: 'AzureActivity', setting: "the subscription's activity log diagnostic setting (category Administrative) to this workspace", docs: `${LEARN}/azure/azure-monitor/essentials/activity-log` },
  { table: 'AzureDiagnostics', setting: "the resource's diagnostic setting in Azure diagnostics mode (Key Vault AuditEvent, SQL auditing, PostgreSQL/MySQL logs, Azure AI Audit and RequestResponse)", docs: `${LEARN}/azure/azure-monitor/essentials/resource-logs#azure-diagnostics-mode` },
  { table: 'CDBDataPlaneRequests', setting: "the Cosmos DB account's diagnostic setting: DataPlaneRequests, destination table Resource specific", docs: `${LEARN}/azure/cosmos-db/monitor-resource-logs` },
  { table: 'CDBControlPlaneRequests', setting: "the Cosmos DB account's diagnostic setting: ControlPlaneRequests, destination table Resource specific", docs: `${LEARN}/azure/cosmos-db/monitor-resource-logs` },
  { table: 'DNSQueryLogs', setting: 'a DNS security policy with a diagnostic setting sending DNS query logs to this workspace', docs: `${LEARN}/azure/dns/dns-security-policy` },
  { table: 'AZFWDnsQuery', setting: "Azure Firewall's DNS proxy with the resource-specific (structured) diagnostic logs", docs: `${LEARN}/azure/firewall/firewall-structured-logs` },
  { table: 'ApiManagementGatewayLogs', setting: "the API Management service's diagnostic setting: GatewayLogs, destination table Resource specific", docs: `${LEARN}/azure/api-management/monitor-api-management` },
  { table: 'SigninLogs', setting: "Microsoft Entra ID's diagnostic setting: SignInLogs", docs: `${LEARN}/entra/identity/monitoring-health/howto-integrate-activity-logs-with-azure-monitor-logs` },
  { table: 'AADNonInteractiveUserSignInLogs', setting: "Microsoft Entra ID's diagnostic setting: NonInteractiveUserSignInLogs", docs: `${LEARN}/entra/identity/monitoring-health/howto-integrate-activity-logs-with-azure-monitor-logs` },
  { table: 'AADServicePrincipalSignInLogs', setting: "Microsoft Entra ID's diagnostic setting: ServicePrincipalSignInLogs", docs: `${LEARN}/entra/identity/monitoring-health/howto-integrate-activity-logs-with-azure-monitor-logs` },
  { table: 'AADManagedIdentitySignInLogs', setting: "Microsoft Entra ID's diagnostic setting: ManagedIdentitySignInLogs", docs: `${LEARN}/entra/identity/monitoring-health/howto-integrate-activity-logs-with-azure-monitor-logs` },
  { table: 'SecurityAlert', setting: 'the Microsoft Defender for Cloud connector in Microsoft Sentinel', docs: `${LEARN}/azure/sentinel/connect-defender-for-cloud` },
  { table: 'SecurityIncident', setting: 'Microsoft Sentinel on this workspace', docs: `${LEARN}/azure/sentinel/quickstart-onboard` },
  { table: 'ThreatIntelIndicators', setting: 'a threat intelligence connector in Microsoft Sentinel', docs: `${LEARN}/azure/sentinel/understand-threat-intelligence` },
  { table: 'ThreatIntelligenceIndicator', setting: 'a threat intelligence connector in Microsoft Sentinel (legacy table)', docs: `${LEARN}/azure/sentinel/understand-threat-intelligence` },
];

const BY_TABLE = new Map(SOURCES.map((s) => [s.table.toLowerCase(), s]));

export function logSource(table: string): LogSource {
  return BY_TABLE.get(table.toLowerCase()) ?? { table, setting: `a diagnostic setting or connector that sends ${table} to this workspace`, docs: `${LEARN}/azure/azure-monitor/reference/tables/${table.toLowerCase()}` };
}

export function allLogSources(): readonly LogSource[] {
  return SOURCES;
}
