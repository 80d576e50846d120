/**
 * LogsQuery on @azure/monitor-query-logs. Each query carries its timespan and a server timeout
 * (Prefer: wait=N) and is cut off client-side a little later; partial results are kept as data;
 * 429s are retried by the SDK pipeline, which waits for Retry-After; every request on the wire
 * passes the identity's LogAnalyticsBudget (in flight, per 30 s, a pause after a 429); the
 * endpoint is configurable (sovereign clouds, tests) and must end in /v1.
 */
import type { TokenCredential } from '@azure/core-auth';
import { LogsQueryClient, LogsQueryResultStatus, type LogsTable as SdkTable } from '@azure/monitor-query-logs';
import { ConfigError } from '../../domain/errors';
import type { KqlQuery, LogsQuery, LogsQueryResult, LogsTable, LogsWorkspace } from '../../ports/logs-query';
import { LogAnalyticsBudget, SERVICE_MAX_CONCURRENT, SERVICE_MAX_REQUESTS_PER_30S } from './log-analytics-budget';
import { innermostMessage, unresolvedTable } from './unresolved-table';

export const DEFAULT_LOGS_ENDPOINT = 'https://api.loganalytics.io/v1';

export interface AzureLogsQueryOptions {
  credential: TokenCredential;
  workspaceId: string;
  /** LOG_ANALYTICS_ENDPOINT: the whole base, ending in /v1. */
  endpoint?: string;
  /** Prefer: wait=N — how long the service may spend (max 600). */
  serverTimeoutSeconds?: number;
  /** Client-side cut-off; default server timeout + 15 s. */
  clientTimeoutMs?: number;
  /** Retries of 429 / 5xx / network errors by the SDK pipeline (429 honours Retry-After). */
  maxRetries?: number;
  retryDelayMs?: number;
  /**
   * The identity's wire budget, shared by every client that queries as that identity (the service
   * counts per user, across workspaces). Absent: a budget of this client's own.
   */
  budget?: LogAnalyticsBudget;
  /** For a budget of its own: queries in flight at once (default 5, the service's limit). */
  maxConcurrent?: number;
  /** The workspace's ARM id, for "Open in Log Analytics" links. */
  workspaceResourceId?: string;
}

export class AzureLogsQuery implements LogsQuery {
  readonly workspaceId: string;
  private readonly client: LogsQueryClient;
  private readonly serverTimeoutSeconds: number;
  private readonly clientTimeoutMs: number;

  constructor(private readonly options: AzureLogsQueryOptions) {
    const endpoint = (options.endpoint ?? DEFAULT_LOGS_ENDPOINT).replace(/\/+$/, '');
    if (!/\/v1$/.test(endpoint)) throw new ConfigError([`LOG_ANALYTICS_ENDPOINT: must end in /v1 (got "${endpoint.slice(0, 80)}")`]);
    this.workspaceId = options.workspaceId;
    this.serverTimeoutSeconds = Math.min(options.serverTimeoutSeconds ?? 120, 600);
    this.clientTimeoutMs = options.clientTimeoutMs ?? (this.serverTimeoutSeconds + 15) * 1000;
    const insecure = endpoint.startsWith('http://');
    this.client = new LogsQueryClient(options.credential, {
      endpoint,
      allowInsecureConnection: insecure,
      retryOptions: { maxRetries: options.maxRetries ?? 3, retryDelayInMs: options.retryDelayMs ?? 1000, maxRetryDelayInMs: 60_000 },
      // Sovereign clouds: the token's audience is the query endpoint's origin (api.loganalytics.us, .azure.cn).
      credentials: { scopes: [`${new URL(endpoint).origin}/.default`] },
    });
    // Plain http is only for local test servers: the bearer policy refuses non-TLS URLs.
    if (insecure) this.client.pipeline.removePolicy({ name: 'bearerTokenAuthenticationPolicy' });
    const budget = options.budget ?? new LogAnalyticsBudget({ maxConcurrent: options.maxConcurrent ?? SERVICE_MAX_CONCURRENT, maxRequestsPerWindow: SERVICE_MAX_REQUESTS_PER_30S });
    // After the retry policy: every attempt, the SDK's own retries included, passes the budget.
    this.client.pipeline.addPolicy(budget.policy(), { afterPhase: 'Sign' });
  }

  /** In `workspace` when given (its id in the request path), else the configured one; one budget either way. */
  query(q: KqlQuery, workspace?: LogsWorkspace): Promise<LogsQueryResult> {
    return this.execute(q, workspace?.id ?? this.workspaceId);
  }

  portalLink(q: KqlQuery, workspace?: LogsWorkspace): string | undefined {
    // Another workspace's link needs its own ARM id; never the configured one's.
    const id = workspace && workspace.id !== this.workspaceId.toLowerCase() ? workspace.resourceId : (workspace?.resourceId ?? this.options.workspaceResourceId);
    if (!id) return undefined;
    return (
      'https://portal.azure.com/#blade/Microsoft_Azure_Monitoring_Logs/LogsBlade' +
      `/resourceId/${encodeURIComponent(id)}/source/LogsBlade.AnalyticsShareLinkToQuery` +
      `/query/${encodeURIComponent(q.query)}/timespan/${encodeURIComponent(`${q.timespan.start}/${q.timespan.end}`)}`
    );
  }

  private async execute(q: KqlQuery, workspaceId: string): Promise<LogsQueryResult> {
    // The SDK drops a top-level abortSignal on queryWorkspace; requestOptions.timeout reaches the
    // HTTP request (and closes its socket), the race bounds the wait whatever the pipeline retries.
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<LogsQueryResult>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'failure', reason: `timed out after ${seconds(this.clientTimeoutMs)} s` }), this.clientTimeoutMs);
    });
    try {
      return await Promise.race([this.send(q, workspaceId), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async send(q: KqlQuery, workspaceId: string): Promise<LogsQueryResult> {
    try {
      const result = await this.client.queryWorkspace(
        workspaceId,
        q.query,
        { startTime: new Date(q.timespan.start), endTime: new Date(q.timespan.end) },
        { serverTimeoutInSeconds: this.serverTimeoutSeconds, requestOptions: { timeout: this.clientTimeoutMs } },
      );
      if (result.status === LogsQueryResultStatus.PartialFailure) {
        return { status: 'partial', tables: result.partialTables.map(toPortTable), reason: errorText(result.partialError) };
      }
      return { status: 'success', tables: result.tables.map(toPortTable) };
    } catch (err) {
      // A column that does not resolve is our fault (reported as a failure); a table, the workspace's setup.
      const missingTable = unresolvedTable(err, tablesOf(q));
      if (missingTable) return { status: 'failure', reason: innermostMessage(err) ?? failureText(err, workspaceId), missingTable };
      return { status: 'failure', reason: failureText(err, workspaceId) };
    }
  }
}

/** The tables a query reads: the catalogue names its own; any other query, every identifier-looking word. */
function tablesOf(q: KqlQuery): string[] {
  const table = (q as KqlQuery & { table?: unknown }).table;
  return typeof table === 'string' ? [table, 'SecurityAlert'] : (q.query.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
}

/** 300 → "0.3", 4000 → "4" */
function seconds(ms: number): string {
  return ms < 10_000 ? String(Math.round(ms / 100) / 10) : String(Math.round(ms / 1000));
}

function toPortTable(t: SdkTable): LogsTable {
  return {
    name: t.name,
    columns: t.columnDescriptors.map((c) => ({ name: c.name ?? '', type: c.type ?? 'string' })),
    rows: t.rows.map((row) => row.map((cell) => (cell instanceof Date ? cell.toISOString() : cell))),
  };
}

interface ErrorLike {
  code?: string;
  message?: string;
  details?: { error?: ErrorLike } | ErrorLike[];
  innererror?: ErrorLike;
  innerError?: ErrorLike;
  statusCode?: number;
}

function errorText(e: ErrorLike | undefined): string {
  if (!e) return 'unknown error';
  const inner = e.innererror ?? e.innerError;
  const innerText = inner?.message && inner.message !== e.message ? ` — ${inner.message}` : '';
  return `${e.message ?? 'error'}${e.code ? ` (${e.code})` : ''}${innerText}`.slice(0, 500);
}

function failureText(err: unknown, workspaceId: string): string {
  const e = err as ErrorLike;
  const details = e.details && !Array.isArray(e.details) ? e.details.error : undefined;
  const detail = details ? errorText(details) : (e.message ?? String(err));
  if (e.statusCode === 429) return `throttled by Log Analytics (HTTP 429) after retries: ${detail}`;
  if (e.statusCode === 401 || e.statusCode === 403) {
    return `not allowed to query workspace ${workspaceId} (HTTP ${e.statusCode}): grant the bot's identity Log Analytics Reader on workspace ${workspaceId}: ${detail}`;
  }
  return e.statusCode ? `HTTP ${e.statusCode}: ${detail}` : detail;
}
