/**
 * A local HTTP server speaking the Azure Resource Manager Defender Alerts API, for every test that
 * drives @azure/arm-security (listing, correlation, polling, write-back):
 *  - GET  /subscriptions/{sub}/providers/Microsoft.Security/alerts                       (paged by nextLink)
 *  - GET  /subscriptions/{sub}[/resourceGroups/{rg}]/providers/Microsoft.Security/locations/{loc}/alerts/{name}
 *  - POST …/alerts/{name}/{activate|inProgress|resolve|dismiss}                          (204, status updated)
 *  - GET  {resourceId}/providers/Microsoft.Insights/diagnosticSettings                   (a resource's diagnostic settings)
 *  - GET  /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.OperationalInsights/workspaces/{name}
 * Per-request faults (429 with Retry-After, 500, 403, any status and body, a delay), extra routes,
 * and a recorder of every request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ArmRecordedRequest {
  method: string;
  path: string;
  apiVersion: string | null;
  query: Record<string, string>;
  authorization?: string;
  body: string;
  at: number;
  status: number;
}

export interface ArmFault {
  /** Which requests it applies to (default: any). */
  match?: (r: { method: string; path: string }) => boolean;
  status?: number;
  retryAfterSeconds?: number;
  delayMs?: number;
  body?: unknown;
  /** How many matching requests it answers (default 1). */
  times?: number;
}

export type ArmRoute = (req: { method: string; path: string; query: URLSearchParams; body: string }) => { status: number; body?: unknown } | undefined;

const LIST = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Security\/alerts$/i;
const ONE = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?\/providers\/Microsoft\.Security\/locations\/([^/]+)\/alerts\/([^/]+)(?:\/(activate|inProgress|resolve|dismiss))?$/i;
const DIAGNOSTIC_SETTINGS = /^(\/subscriptions\/.+)\/providers\/Microsoft\.Insights\/diagnosticSettings$/i;
const WORKSPACE = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/([^/]+)$/i;
const STATUS_OF: Record<string, string> = { activate: 'Active', inprogress: 'InProgress', resolve: 'Resolved', dismiss: 'Dismissed' };

export class FakeArmServer {
  readonly requests: ArmRecordedRequest[] = [];
  readonly faults: ArmFault[] = [];
  /** Extra routes, tried before the built-in ones (return undefined to pass). */
  readonly routes: ArmRoute[] = [];
  /** ARM alert resources per subscription (lower-case id), in list order. */
  private readonly alerts = new Map<string, Record<string, unknown>[]>();
  /** Diagnostic settings per resource id (lower-case); a resource with none answers an empty list. */
  private readonly diagnostics = new Map<string, Record<string, unknown>[]>();
  /** Log Analytics workspaces by ARM id (lower-case). */
  private readonly workspaceResources = new Map<string, Record<string, unknown>>();
  pageSize = 50;
  url = '';
  private server?: http.Server;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  setAlerts(subscriptionId: string, alerts: unknown[]): void {
    this.alerts.set(subscriptionId.toLowerCase(), alerts as Record<string, unknown>[]);
  }

  /** A diagnostic setting on `resourceId` sending its logs (`categoryGroup` allLogs) to the workspace with this ARM id. */
  addDiagnosticSetting(resourceId: string, workspaceResourceId: string, name = 'to-log-analytics', logsEnabled = true): void {
    const settings = this.diagnostics.get(resourceId.toLowerCase()) ?? [];
    settings.push({
      id: `${resourceId}/providers/microsoft.insights/diagnosticSettings/${name}`,
      type: 'Microsoft.Insights/diagnosticSettings',
      name,
      location: null,
      properties: {
        workspaceId: workspaceResourceId,
        logs: [{ category: null, categoryGroup: 'allLogs', enabled: logsEnabled, retentionPolicy: { enabled: false, days: 0 } }],
        metrics: [{ category: 'Transaction', enabled: false, retentionPolicy: { enabled: false, days: 0 } }],
        logAnalyticsDestinationType: null,
      },
    });
    this.diagnostics.set(resourceId.toLowerCase(), settings);
  }

  /** A workspace resource; its `customerId` is the id the query API takes. */
  addWorkspace(workspaceResourceId: string, customerId: string): void {
    this.workspaceResources.set(workspaceResourceId.toLowerCase(), {
      id: workspaceResourceId,
      name: WORKSPACE.exec(workspaceResourceId)?.[1],
      type: 'Microsoft.OperationalInsights/workspaces',
      location: 'westeurope',
      properties: { customerId, provisioningState: 'Succeeded', sku: { name: 'PerGB2018' }, retentionInDays: 30, publicNetworkAccessForQuery: 'Enabled' },
    });
  }

  alertsOf(subscriptionId: string): Record<string, unknown>[] {
    return this.alerts.get(subscriptionId.toLowerCase()) ?? [];
  }

  listRequests(): ArmRecordedRequest[] {
    return this.requests.filter((r) => LIST.test(r.path));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const record: ArmRecordedRequest = {
      method,
      path: url.pathname,
      apiVersion: url.searchParams.get('api-version'),
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      body,
      at: Date.now(),
      status: 0,
    };
    this.requests.push(record);
    const answer = await this.answer(method, url, body, res);
    record.status = answer.status;
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...(answer.headers ?? {}) });
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }

  private async answer(method: string, url: URL, body: string, res: http.ServerResponse): Promise<{ status: number; body?: unknown; headers?: Record<string, string> }> {
    const fault = this.takeFault(method, url.pathname);
    if (fault?.delayMs) await sleep(fault.delayMs, res);
    if (fault?.status) {
      const headers = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : undefined;
      return { status: fault.status, headers, body: fault.body ?? armError(fault.status) };
    }
    for (const route of this.routes) {
      const out = route({ method, path: url.pathname, query: url.searchParams, body });
      if (out) return out;
    }
    const diagnostics = DIAGNOSTIC_SETTINGS.exec(url.pathname);
    if (diagnostics && method === 'GET') return { status: 200, body: { value: this.diagnostics.get(decodeURIComponent(diagnostics[1]!).toLowerCase()) ?? [] } };
    const workspace = WORKSPACE.test(url.pathname) && method === 'GET' ? this.workspaceResources.get(decodeURIComponent(url.pathname).toLowerCase()) : undefined;
    if (WORKSPACE.test(url.pathname) && method === 'GET') {
      return workspace
        ? { status: 200, body: workspace }
        : { status: 404, body: { error: { code: 'ResourceNotFound', message: `The Resource '${decodeURIComponent(url.pathname)}' was not found.` } } };
    }
    const list = LIST.exec(url.pathname);
    if (list && method === 'GET') return { status: 200, body: this.page(decodeURIComponent(list[1]!), url) };
    const one = ONE.exec(url.pathname);
    if (one) return this.single(method, one);
    return { status: 404, body: { error: { code: 'NotFound', message: `no route ${method} ${url.pathname}` } } };
  }

  private page(subscriptionId: string, url: URL): unknown {
    const all = this.alertsOf(subscriptionId);
    const skip = Number(url.searchParams.get('$skipToken') ?? 0);
    const next = skip + this.pageSize < all.length ? new URL(url) : undefined;
    next?.searchParams.set('$skipToken', String(skip + this.pageSize));
    return { value: all.slice(skip, skip + this.pageSize), ...(next ? { nextLink: next.toString() } : {}) };
  }

  private single(method: string, m: RegExpExecArray): { status: number; body?: unknown } {
    const [, sub, , , name, action] = m;
    const alert = this.alertsOf(decodeURIComponent(sub!)).find((a) => a.name === decodeURIComponent(name!));
    if (!alert) return { status: 404, body: { error: { code: 'AlertNotFound', message: `alert ${name} not found` } } };
    if (method === 'GET' && !action) return { status: 200, body: alert };
    if (method === 'POST' && action) {
      const props = (alert.properties ?? {}) as Record<string, unknown>;
      alert.properties = { ...props, status: STATUS_OF[action.toLowerCase()] };
      return { status: 204 };
    }
    return { status: 405, body: { error: { code: 'MethodNotAllowed', message: method } } };
  }

  private takeFault(method: string, path: string): ArmFault | undefined {
    const i = this.faults.findIndex((f) => !f.match || f.match({ method, path }));
    if (i === -1) return undefined;
    const fault = this.faults[i]!;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.faults.splice(i, 1);
    return fault;
  }
}

function armError(status: number): unknown {
  const code = status === 429 ? 'TooManyRequests' : status === 403 ? 'AuthorizationFailed' : status >= 500 ? 'InternalServerError' : 'BadRequest';
  return { error: { code, message: `injected ${status}` } };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function sleep(ms: number, res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
