/**
 * The Azure side of the investigations from configuration: Log Analytics (LOG_ANALYTICS_WORKSPACE_ID,
 * LOG_ANALYTICS_ENDPOINT) and Defender (AZURE_SUBSCRIPTION_IDS, ARM_ENDPOINT), with the credential
 * AZURE_CREDENTIAL names. Either may be absent; the use cases then answer that it is not configured.
 * The one credential gets one Log Analytics budget (LOG_ANALYTICS_MAX_CONCURRENT,
 * LOG_ANALYTICS_MAX_REQUESTS_PER_30S): the service counts per identity, whatever the workspace.
 */
import type { DefenderClient } from '../../ports/defender-client';
import type { LogsQuery } from '../../ports/logs-query';
import { createAzureCredential, type CredentialSettings } from './credentials';
import { ArmDefenderClient } from './defender-arm-client';
import { LogAnalyticsBudget, SERVICE_MAX_CONCURRENT, SERVICE_MAX_REQUESTS_PER_30S } from './log-analytics-budget';
import { AzureLogsQuery } from './logs-query-client';

export interface AzureInvestigationSettings extends CredentialSettings {
  LOG_ANALYTICS_WORKSPACE_ID?: string;
  LOG_ANALYTICS_ENDPOINT?: string;
  LOG_ANALYTICS_WORKSPACE_RESOURCE_ID?: string;
  LOG_ANALYTICS_MAX_CONCURRENT?: number;
  LOG_ANALYTICS_MAX_REQUESTS_PER_30S?: number;
  AZURE_SUBSCRIPTION_IDS: string[];
  ARM_ENDPOINT?: string;
}

export function azureInvestigationPorts(s: AzureInvestigationSettings): { logs?: LogsQuery; defender?: DefenderClient } {
  if (!s.LOG_ANALYTICS_WORKSPACE_ID && !s.AZURE_SUBSCRIPTION_IDS.length) return {};
  const { credential } = createAzureCredential(s);
  return {
    logs: s.LOG_ANALYTICS_WORKSPACE_ID
      ? new AzureLogsQuery({
          credential,
          workspaceId: s.LOG_ANALYTICS_WORKSPACE_ID,
          endpoint: s.LOG_ANALYTICS_ENDPOINT,
          workspaceResourceId: s.LOG_ANALYTICS_WORKSPACE_RESOURCE_ID,
          budget: new LogAnalyticsBudget({
            maxConcurrent: s.LOG_ANALYTICS_MAX_CONCURRENT ?? SERVICE_MAX_CONCURRENT,
            maxRequestsPerWindow: s.LOG_ANALYTICS_MAX_REQUESTS_PER_30S ?? SERVICE_MAX_REQUESTS_PER_30S,
          }),
        })
      : undefined,
    defender: s.AZURE_SUBSCRIPTION_IDS.length ? new ArmDefenderClient({ credential, endpoint: s.ARM_ENDPOINT, subscriptionIds: s.AZURE_SUBSCRIPTION_IDS }) : undefined,
  };
}
