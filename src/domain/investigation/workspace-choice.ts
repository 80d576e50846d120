/**
 * Which Log Analytics workspace an investigation searches. A machine's logs are in the workspace its
 * agent reports to, which the alert names (`resourceIdentifiers` of type LogAnalytics); a storage
 * account's, key vault's or cluster's resource logs are where the resource's diagnostic setting sends
 * them. The bot searches a workspace only when the operator allowed it (LOG_ANALYTICS_WORKSPACES);
 * one it may not search is answered with what to allow, never quietly swapped for another, whose
 * "no rows" would look like an answer.
 */
import type { Alert } from '../alert';
import { resourceKindOf } from '../alert-kind';
import type { ResourceKind } from '../resource-kind';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A workspace's customer id (the GUID the query API takes), lower-case. */
export type WorkspaceId = string & { readonly __workspaceId: unique symbol };

/** The GUID as a WorkspaceId; undefined for anything else (attacker text included). */
export function workspaceIdOf(text: string | undefined): WorkspaceId | undefined {
  const t = text?.trim();
  return t && GUID.test(t) ? (t.toLowerCase() as WorkspaceId) : undefined;
}

/** A workspace to query: its id, and what we know to name it by. */
export interface LogsWorkspace {
  id: WorkspaceId;
  /** The workspace resource's name, when ARM told us. */
  name?: string;
  /** Its ARM id (/subscriptions/…/workspaces/<name>), for portal links. */
  resourceId?: string;
}

/** LOG_ANALYTICS_WORKSPACES: `*` (any the identity can read) or these ids. */
export type WorkspaceAllowlist = { kind: 'any' } | { kind: 'listed'; ids: readonly WorkspaceId[] };

/** Why this workspace: the words every answer uses. */
export type WorkspaceReason = 'named-by-alert' | 'diagnostic-setting' | 'configured';

export const WORKSPACE_REASON_TEXT: Record<WorkspaceReason, string> = {
  'named-by-alert': 'named by the alert',
  'diagnostic-setting': "the resource's diagnostic setting",
  configured: 'the configured workspace',
};

export type WorkspaceChoice =
  | { kind: 'search'; workspace: LogsWorkspace; reason: WorkspaceReason }
  /** The data is in a workspace LOG_ANALYTICS_WORKSPACES does not allow: not searched. */
  | { kind: 'not-allowed'; workspace: LogsWorkspace; reason: WorkspaceReason }
  /** No workspace named, found or configured. */
  | { kind: 'none' };

export interface WorkspaceCandidates {
  /** The workspace the alert names. */
  named?: LogsWorkspace;
  /** Where the resource's diagnostic setting sends its logs (resource-log plans only). */
  diagnostic?: LogsWorkspace;
  /** LOG_ANALYTICS_WORKSPACE_ID: always allowed. */
  configured?: LogsWorkspace;
}

/** The diagnostic setting first (that is where resource logs go), then the alert's, then the configured one. */
export function chooseWorkspace(c: WorkspaceCandidates, allow: WorkspaceAllowlist): WorkspaceChoice {
  const ordered: [LogsWorkspace | undefined, WorkspaceReason][] = [
    [c.diagnostic, 'diagnostic-setting'],
    [c.named, 'named-by-alert'],
    [c.configured, 'configured'],
  ];
  const first = ordered.find(([w]) => w !== undefined);
  if (!first) return { kind: 'none' };
  const [workspace, reason] = first as [LogsWorkspace, WorkspaceReason];
  if (reason === 'configured' || isAllowed(workspace.id, allow) || workspace.id === c.configured?.id) return { kind: 'search', workspace, reason };
  return { kind: 'not-allowed', workspace, reason };
}

export function isAllowed(id: WorkspaceId, allow: WorkspaceAllowlist): boolean {
  return allow.kind === 'any' || allow.ids.includes(id);
}

/** The workspace the alert names, when its id is a GUID. */
export function namedWorkspaceOf(alert: Alert): LogsWorkspace | undefined {
  const id = workspaceIdOf(alert.workspace?.workspaceId);
  return id ? { id } : undefined;
}

/** Plans whose Who? reads the resource's own logs (diagnostic settings), not a machine's agent. */
const RESOURCE_LOG_KINDS: ReadonlySet<ResourceKind> = new Set<ResourceKind>([
  'storage-account',
  'azure-sql',
  'open-source-database',
  'key-vault',
  'kubernetes',
  'app-service',
  'cosmos-db',
  'api-management',
  'ai-service',
]);

/**
 * The resource whose diagnostic settings say where the alert's resource logs go, or undefined
 * when its logs are not resource logs. A storage account's request logs are set per service: the
 * blob service's (StorageBlobLogs, what storage alerts are mostly about).
 */
export function diagnosticResourceOf(alert: Alert): string | undefined {
  const kind = resourceKindOf(alert);
  const id = alert.resourceId;
  if (!id || !RESOURCE_LOG_KINDS.has(kind)) return undefined;
  const account = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Storage\/storageAccounts\/[^/]+)/i.exec(id);
  if (kind === 'storage-account' && account) return `${account[1]}/blobServices/default`;
  return id;
}

/** "law-soc (8c1d…), named by the alert" */
export function workspaceText(w: LogsWorkspace): string {
  return w.name ? `${w.name} (${w.id})` : w.id;
}

/** The fact every answer carries: where it searched and why, or why it did not. */
export function workspaceFact(choice: Exclude<WorkspaceChoice, { kind: 'none' }>): { title: string; value: string } {
  const why = WORKSPACE_REASON_TEXT[choice.reason];
  if (choice.kind === 'search') return { title: 'Workspace searched', value: `${workspaceText(choice.workspace)} — ${why}` };
  return { title: 'Workspace not searched', value: notAllowedText(choice.workspace, choice.reason) };
}

export function notAllowedText(w: LogsWorkspace, reason: WorkspaceReason): string {
  return `the data is in workspace ${workspaceText(w)} (${WORKSPACE_REASON_TEXT[reason]}), which the bot may not search: add ${w.id} to LOG_ANALYTICS_WORKSPACES`;
}
