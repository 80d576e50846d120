/** Log Analytics as the investigations see it. A partial or failed query is a value, not a throw. */
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
  readonly workspaceId: string;
  /** The bundled demo workspace (sample data): answers from it say so. */
  readonly demo?: boolean;
  query(q: KqlQuery): Promise<LogsQueryResult>;
  /** Portal link that opens the query in Log Analytics. */
  portalLink?(q: KqlQuery): string | undefined;
}
