/**
 * The workspace an alert's investigation searches, and the Log Analytics view bound to it: Who?'s
 * resource logs where the resource's diagnostic setting sends them; a machine's logs, threat
 * intelligence and SecurityAlert rows in the workspace the alert names; else the configured one.
 * A workspace LOG_ANALYTICS_WORKSPACES does not allow is not queried at all: every query answers
 * with what to allow. The answer names the workspace and why (a fact on the result).
 */
import type { Alert } from '../domain/alert';
import type { InvestigationKind } from '../domain/intent';
import {
  chooseWorkspace,
  diagnosticResourceOf,
  namedWorkspaceOf,
  notAllowedText,
  workspaceFact,
  type LogsWorkspace,
  type WorkspaceChoice,
} from '../domain/investigation/workspace-choice';
import type { InvestigationResultView } from '../ports/card-model';
import type { LogsQuery } from '../ports/logs-query';
import type { AppDeps, WorkspaceSelection } from './deps';

export interface InvestigationScope {
  logs: LogsQuery | undefined;
  /** What the answer says about the workspace (absent without a workspace selection). */
  facts: { title: string; value: string }[];
}

export async function investigationScope(alert: Alert, kind: InvestigationKind, deps: AppDeps): Promise<InvestigationScope> {
  const selection = deps.workspaces;
  if (!selection || !deps.logs) return { logs: deps.logs, facts: [] };
  const { diagnostic, note } = kind === 'identity' ? await diagnosticWorkspace(alert, selection) : {};
  const choice = chooseWorkspace({ named: namedWorkspaceOf(alert), diagnostic, configured: selection.configured }, selection.allow);
  const facts = choice.kind === 'none' ? [] : [workspaceFact(choice)];
  if (note) facts.push(note);
  return { logs: logsIn(deps.logs, choice), facts };
}

/** The result with the workspace facts after its own. */
export function withScopeFacts(result: InvestigationResultView, scope: InvestigationScope): InvestigationResultView {
  return scope.facts.length ? { ...result, facts: [...(result.facts ?? []), ...scope.facts] } : result;
}

async function diagnosticWorkspace(alert: Alert, s: WorkspaceSelection): Promise<{ diagnostic?: LogsWorkspace; note?: { title: string; value: string } }> {
  const resource = diagnosticResourceOf(alert);
  if (!resource || !s.locator) return {};
  try {
    const found = await s.locator.workspaceOfResource(resource);
    if (found.kind === 'found') return { diagnostic: found.workspace };
    const value = found.kind === 'none' ? 'none of the resource sends its logs to a workspace' : `not readable: ${found.reason}`;
    return { note: { title: 'Diagnostic settings', value } };
  } catch (err) {
    return { note: { title: 'Diagnostic settings', value: `not readable: ${(err as Error).message.slice(0, 200)}` } };
  }
}

/** `logs` bound to the chosen workspace; for one not allowed, a view that answers every query with what to allow. */
export function logsIn(logs: LogsQuery, choice: WorkspaceChoice): LogsQuery {
  if (choice.kind === 'none') return logs;
  const { workspace } = choice;
  if (choice.kind === 'not-allowed') {
    const reason = notAllowedText(workspace, choice.reason);
    return { workspaceId: workspace.id, demo: logs.demo, query: async () => ({ status: 'failure', reason }) };
  }
  return {
    workspaceId: workspace.id,
    demo: logs.demo,
    query: (q) => logs.query(q, workspace),
    portalLink: logs.portalLink ? (q) => logs.portalLink!(q, workspace) : undefined,
  };
}
