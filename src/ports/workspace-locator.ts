/**
 * Where a resource's logs go: the Log Analytics workspace its diagnostic setting names (Azure
 * Monitor `Microsoft.Insights/diagnosticSettings` on the resource), resolved to the workspace's
 * customer id. An expected outcome — none set, not readable — is a value, not a throw.
 */
import type { LogsWorkspace } from '../domain/investigation/workspace-choice';

export type ResourceWorkspace =
  | { kind: 'found'; workspace: LogsWorkspace }
  /** No diagnostic setting on the resource sends logs to a workspace. */
  | { kind: 'none' }
  /** The settings (or the workspace they name) could not be read: `reason` says what to grant. */
  | { kind: 'unreadable'; reason: string };

export interface WorkspaceLocator {
  workspaceOfResource(resourceId: string): Promise<ResourceWorkspace>;
}
