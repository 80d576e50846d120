/**
 * The Azure side of the investigations from configuration: Log Analytics (LOG_ANALYTICS_WORKSPACE_ID,
 * LOG_ANALYTICS_ENDPOINT) and Defender (AZURE_SUBSCRIPTION_IDS, ARM_ENDPOINT), with the credential
 * AZURE_CREDENTIAL names. Either may be absent; the use cases then answer that it is not configured.
 * The one credential gets one Log Analytics budget (LOG_ANALYTICS_MAX_CONCURRENT,
 * LOG_ANALYTICS_MAX_REQUESTS_PER_30S): the service counts per identity, whatever the workspace.
 * Investigations of an alert search the workspace its data is in when LOG_ANALYTICS_WORKSPACES
 * allows it (workspace selection, with the ARM diagnostic-settings locator); the same client and
 * budget serve every workspace.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { DefenderClient } from '../../ports/defender-client';
import type { WorkspaceSelection } from '../../app/deps';
import { workspaceIdOf, type WorkspaceAllowlist } from '../../domain/investigation/workspace-choice';
import type { LogsQuery } from '../../ports/logs-query';
import type { CredentialSettings } from './credentials';
import { ArmDefenderClient } from './defender-arm-client';
import { ArmWorkspaceLocator } from './diagnostic-settings-locator';
import { LogAnalyticsBudget, SERVICE_MAX_CONCURRENT, SERVICE_MAX_REQUESTS_PER_30S } from './log-analytics-budget';
import { AzureLogsQuery } from './logs-query-client';

export interface AzureInvestigationSettings extends CredentialSettings {
  LOG_ANALYTICS_WORKSPACE_ID?: string;
  LOG_ANALYTICS_ENDPOINT?: string;
  LOG_ANALYTICS_WORKSPACE_RESOURCE_ID?: string;
  /** Absent: the configured workspace only. */
  LOG_ANALYTICS_WORKSPACES?: WorkspaceAllowlist;
  LOG_ANALYTICS_MAX_CONCURRENT?: number;
  LOG_ANALYTICS_MAX_REQUESTS_PER_30S?: number;
  AZURE_SUBSCRIPTION_IDS: string[];
  ARM_ENDPOINT?: string;
}

/** `sharedCredential`: the process's one credential (composition/app-deps.ts), asked for only when Azure is configured. */
export function azureInvestigationPorts(
  s: AzureInvestigationSettings,
  sharedCredential: () => TokenCredential,
): { logs?: LogsQuery; defender?: DefenderClient; workspaces?: WorkspaceSelection } {
  if (!s.LOG_ANALYTICS_WORKSPACE_ID && !s.AZURE_SUBSCRIPTION_IDS.length) return {};
  const credential = sharedCredential();
  return {
    workspaces: workspaceSelection(s, credential),
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

/**
 * The alert's own workspace, within LOG_ANALYTICS_WORKSPACES; the configured one as the fallback.
 * A configured id that is not a GUID (a test double's) keeps the one-workspace behaviour.
 */
function workspaceSelection(s: AzureInvestigationSettings, credential: TokenCredential): WorkspaceSelection | undefined {
  const id = workspaceIdOf(s.LOG_ANALYTICS_WORKSPACE_ID);
  if (!id) return undefined;
  return {
    allow: s.LOG_ANALYTICS_WORKSPACES ?? { kind: 'listed', ids: [id] },
    configured: { id, resourceId: s.LOG_ANALYTICS_WORKSPACE_RESOURCE_ID },
    locator: new ArmWorkspaceLocator({ credential, endpoint: s.ARM_ENDPOINT }),
  };
}
