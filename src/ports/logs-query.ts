/** Log Analytics as the investigations see it. A partial or failed query is a value, not a throw. */
import type { LogsWorkspace } from '../domain/investigation/workspace-choice';

export type { LogsWorkspace, WorkspaceId } from '../domain/investigation/workspace-choice';

export interface Timespan {
  /** ISO 8601 */
  start: string;
  end: string;
}

export interface KqlQuery {
  name: string;
  query: string;
  timespan: Timespan;
}

export interface LogsTable {
  name: string;
  columns: { name: string; type: string }[];
  rows: unknown[][];
}

export type LogsQueryResult =
  | { status: 'success'; tables: LogsTable[] }
  | { status: 'partial'; tables: LogsTable[]; reason: string }
  /**
   * `missingTable`: the workspace does not have that table (Log Analytics' semantic error "Failed to
   * resolve table or column expression named …"): the source is not collected here.
   */
  | { status: 'failure'; reason: string; missingTable?: string };

export interface LogsQuery {
  /** The configured workspace: the one queried when a query names none. */
  readonly workspaceId: string;
  /** The bundled demo workspace (sample data): answers from it say so. */
  readonly demo?: boolean;
  /**
   * `workspace`: the workspace to query (the alert's own, the resource's diagnostic setting's); absent,
   * the configured one. One identity queries them all, so one budget covers every workspace.
   */
  query(q: KqlQuery, workspace?: LogsWorkspace): Promise<LogsQueryResult>;
  /** Portal link that opens the query in Log Analytics (in `workspace`, when given). */
  portalLink?(q: KqlQuery, workspace?: LogsWorkspace): string | undefined;
}
