/**
 * Microsoft Graph security API (v1.0), the few calls the bot makes: list alerts_v2 (filtered,
 * paged), update an alert, comment on it, read an incident with its alerts. Plain HTTPS through
 * @azure/core-rest-pipeline with the @azure/identity credential (token cached and refreshed by the
 * bearer policy); see the README's Dependencies for why not a Graph SDK.
 *   - every request asks `Prefer: include-unknown-enum-members`: without it Graph hides
 *     serviceSource microsoftDefenderForCloud (and the plan detection sources) as unknownFutureValue;
 *   - 150 requests a minute per app and tenant (Graph's limit for security alerts) are spent through
 *     a RequestBudget; a 429 / 503 waits its Retry-After (up to a minute, and holds every request of
 *     this client meanwhile), 5xx and network errors back off; then the call fails, saying why;
 *   - an `@odata.nextLink` is followed only on the configured endpoint: the token goes nowhere else.
 */
import type { TokenCredential } from '@azure/core-auth';
import {
  createDefaultHttpClient,
  createPipelineRequest,
  type HttpClient,
  type Pipeline,
} from '@azure/core-rest-pipeline';
import { tokenPipeline } from './token-pipeline';
import { RequestBudget, type BudgetClock } from './request-budget';

export const DEFAULT_GRAPH_ENDPOINT = 'https://graph.microsoft.com';
export const PREFER_UNKNOWN_ENUMS = 'include-unknown-enum-members';
/** Graph's published limit for the security alerts API: per app, per tenant. */
export const GRAPH_ALERTS_PER_MINUTE = 150;
const MAX_RETRY_AFTER_MS = 60_000;
const READ: GraphPermission = 'SecurityAlert.Read.All';
const WRITE: GraphPermission = 'SecurityAlert.ReadWrite.All';
const MAX_PAGES = 1000;

export interface GraphClientOptions {
  credential: TokenCredential;
  /** GRAPH_ENDPOINT: https://graph.microsoft.com, a national cloud's, or a local fake (http). */
  endpoint?: string;
  requestsPerMinute?: number;
  /** Attempts per call (first try included). */
  attempts?: number;
  timeoutMs?: number;
  clock?: BudgetClock;
}

/** The application permission each call needs (Microsoft Graph, admin consent). */
export type GraphPermission = 'SecurityAlert.Read.All' | 'SecurityAlert.ReadWrite.All' | 'SecurityIncident.Read.All';

/** A Graph answer that is not a success: the HTTP status and Graph's own error code and message. */
export class GraphRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly graphMessage: string,
    readonly permission: GraphPermission,
    readonly retryAfterMs?: number,
  ) {
    super(describeGraphError(status, code, graphMessage, permission));
    this.name = 'GraphRequestError';
  }
}

function describeGraphError(status: number, code: string, message: string, permission: GraphPermission): string {
  const said = [code, message.slice(0, 300)].filter(Boolean).join(': ');
  if (status === 403)
    return `Microsoft Graph refused the call (HTTP 403): the bot's app registration needs the Microsoft Graph application permission ${permission}, with admin consent${said ? ` [${said}]` : ''}`;
  if (status === 401) return `Microsoft Graph rejected the bot's token (HTTP 401): check AZURE_CREDENTIAL, AZURE_TENANT_ID and AZURE_CLIENT_ID${said ? ` [${said}]` : ''}`;
  return `Microsoft Graph answered HTTP ${status}${said ? ` [${said}]` : ''}`;
}

export interface AlertPage {
  alerts: unknown[];
}

/** Counters for benchmarks and logs. */
export interface GraphTraffic {
  requests: number;
  bytes: number;
}

export class GraphSecurityClient {
  readonly endpoint: string;
  readonly traffic: GraphTraffic = { requests: 0, bytes: 0 };
  private readonly pipeline: Pipeline;
  private readonly http: HttpClient = createDefaultHttpClient();
  private readonly budget: RequestBudget;

  constructor(private readonly options: GraphClientOptions) {
    this.endpoint = (options.endpoint ?? DEFAULT_GRAPH_ENDPOINT).replace(/\/+$/, '');
    this.budget = new RequestBudget(options.requestsPerMinute ?? GRAPH_ALERTS_PER_MINUTE, 60_000, options.clock);
    // Retries are ours (Retry-After capped, the budget held).
    this.pipeline = tokenPipeline({ credential: options.credential, endpoint: this.endpoint, defaultOrigin: DEFAULT_GRAPH_ENDPOINT, maxRetries: 0 });
  }

  /** Every page of alerts_v2 matching `filter` (OData), as raw JSON. */
  async *alertPages(filter: string, top = 200): AsyncGenerator<AlertPage> {
    let url: string | undefined = `${this.endpoint}/v1.0/security/alerts_v2?${new URLSearchParams({ $filter: filter, $top: String(top) })}`;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const body = (await this.send('GET', url, READ)) as { value?: unknown; '@odata.nextLink'?: unknown };
      if (!Array.isArray(body?.value)) throw new Error('Microsoft Graph alerts_v2: the answer has no "value" list');
      yield { alerts: body.value };
      const next = body['@odata.nextLink'];
      url = typeof next === 'string' ? this.sameEndpoint(next) : undefined;
    }
  }

  /** One alerts_v2 call (the newest Defender for Cloud alert): readiness and check-config. Returns how many came back (0 or 1). */
  async probe(): Promise<number> {
    const url = `${this.endpoint}/v1.0/security/alerts_v2?${new URLSearchParams({ $filter: "serviceSource eq 'microsoftDefenderForCloud'", $top: '1' })}`;
    const body = (await this.send('GET', url, READ)) as { value?: unknown };
    return Array.isArray(body?.value) ? body.value.length : 0;
  }

  getAlert(graphAlertId: string): Promise<unknown> {
    return this.send('GET', `${this.endpoint}/v1.0/security/alerts_v2/${encodeURIComponent(graphAlertId)}`, READ);
  }

  updateAlert(graphAlertId: string, change: { status?: string; classification?: string; determination?: string }): Promise<unknown> {
    return this.send('PATCH', `${this.endpoint}/v1.0/security/alerts_v2/${encodeURIComponent(graphAlertId)}`, WRITE, change);
  }

  addComment(graphAlertId: string, comment: string): Promise<unknown> {
    return this.send('POST', `${this.endpoint}/v1.0/security/alerts_v2/${encodeURIComponent(graphAlertId)}/comments`, WRITE, {
      '@odata.type': 'microsoft.graph.security.alertComment',
      comment,
    });
  }

  getIncident(incidentId: string, withAlerts: boolean): Promise<unknown> {
    const query = withAlerts ? '?$expand=alerts' : '';
    return this.send('GET', `${this.endpoint}/v1.0/security/incidents/${encodeURIComponent(incidentId)}${query}`, 'SecurityIncident.Read.All');
  }

  private async send(method: 'GET' | 'PATCH' | 'POST', url: string, permission: GraphPermission, body?: unknown): Promise<unknown> {
    const attempts = Math.max(1, this.options.attempts ?? 3);
    for (let attempt = 1; ; attempt++) {
      await this.budget.take();
      let status: number;
      let text: string;
      let retryAfterMs: number | undefined;
      try {
        const request = createPipelineRequest({ url, method, timeout: this.options.timeoutMs ?? 60_000, allowInsecureConnection: url.startsWith('http://') });
        request.headers.set('Prefer', PREFER_UNKNOWN_ENUMS);
        request.headers.set('Accept', 'application/json');
        if (body !== undefined) {
          request.headers.set('Content-Type', 'application/json');
          request.body = JSON.stringify(body);
        }
        const response = await this.pipeline.sendRequest(this.http, request);
        status = response.status;
        text = response.bodyAsText ?? '';
        retryAfterMs = retryAfter(response.headers.get('retry-after'));
        this.traffic.requests++;
        this.traffic.bytes += Buffer.byteLength(text);
      } catch (err) {
        if (attempt >= attempts) throw new Error(`Microsoft Graph could not be reached at ${this.endpoint}: ${(err as Error).message}`);
        await sleep(backoffMs(attempt));
        continue;
      }
      if (status >= 200 && status < 300) return text ? (JSON.parse(text) as unknown) : undefined;
      const error = graphError(status, text, permission, retryAfterMs);
      const throttled = status === 429 || status === 503;
      if (throttled) this.budget.pauseFor(Math.min(retryAfterMs ?? 1000, MAX_RETRY_AFTER_MS));
      const retryable = throttled ? (retryAfterMs ?? 0) <= MAX_RETRY_AFTER_MS : status >= 500 || status === 408;
      if (!retryable || attempt >= attempts) throw error;
      if (!throttled) await sleep(backoffMs(attempt));
    }
  }

  private sameEndpoint(nextLink: string): string {
    const next = new URL(nextLink, this.endpoint);
    if (next.origin !== new URL(this.endpoint).origin) throw new Error(`@odata.nextLink points away from ${this.endpoint}: ${next.origin}`);
    return next.toString();
  }
}

/**
 * The bearer policy refuses plain http, so local test servers get the token through this one
 * (used only when GRAPH_ENDPOINT is an http:// URL).
 */
function graphError(status: number, text: string, permission: GraphPermission, retryAfterMs: number | undefined): GraphRequestError {
  try {
    const e = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error ?? {};
    return new GraphRequestError(status, typeof e.code === 'string' ? e.code : '', typeof e.message === 'string' ? e.message : '', permission, retryAfterMs);
  } catch {
    return new GraphRequestError(status, '', text.slice(0, 200), permission, retryAfterMs);
  }
}

/** Retry-After in seconds, or an HTTP date. */
function retryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

function backoffMs(attempt: number): number {
  return Math.min(500 * 2 ** (attempt - 1), 8000);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
