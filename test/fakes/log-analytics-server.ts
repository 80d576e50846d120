/**
 * A local HTTP server speaking the Log Analytics query API (POST {base}/v1/workspaces/{id}/query
 * with {query, timespan}): answers each query by its name (the `// name` first line the catalogue
 * writes) from tables the test sets, can answer partially, and injects faults per request (429 with
 * Retry-After, 500, 403, a delay). Records every request and the peak number in flight.
 *
 * Like the service, it enforces the per-user limits and answers 429 past them: more than 5 queries
 * in flight (stricter than the service, which queues them first-in-first-out for up to 3 minutes
 * — a client that relies on that queue has lost control of the order), or more than 200 requests
 * started in 30 s (Retry-After: when the oldest leaves the window). Tests may shorten the window.
 *
 * A workspace collects only some tables: a query reading a table in `missingTables` gets what Log
 * Analytics answers then — HTTP 400, BadArgumentError › SemanticError › SEM0100 "'<operator>'
 * operator: Failed to resolve table or column expression named '<table>'" (the shape seen in
 * Azure/azure-quickstart-templates#5174 and microsoft/finops-toolkit#1776 and CDCgov/prime-reportstream#11773).
 *
 * Several workspaces: every request records the workspace in its path; a workspace may have tables
 * of its own (`setTableIn`, else the shared ones), may refuse the caller (`forbiddenWorkspaces`: 403
 * InsufficientAccessError, as the service answers an identity without Log Analytics Reader), and
 * when `knownWorkspaces` is set, any other answers 404 WorkspaceNotFoundError.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LaRequest {
  workspaceId: string;
  query: string;
  /** The `// name` on the query's first line. */
  name: string;
  timespan?: string;
  prefer?: string;
  authorization?: string;
  at: number;
}

export interface LaTable {
  columns: { name: string; type: string }[];
  rows: unknown[][];
}

export interface LaFault {
  /** Which requests it applies to (default: the next one). */
  match?: (r: LaRequest) => boolean;
  status?: number;
  retryAfterSeconds?: number;
  delayMs?: number;
  body?: unknown;
  /** How many matching requests it answers (default 1). */
  times?: number;
}

export interface LaLimits {
  maxInFlight: number;
  maxPerWindow: number;
  windowMs: number;
}

export const SERVICE_LIMITS: LaLimits = { maxInFlight: 5, maxPerWindow: 200, windowMs: 30_000 };

export class FakeLogAnalytics {
  readonly requests: LaRequest[] = [];
  /** Requests answered 429 because they went past the limits (injected faults not included). */
  readonly throttled: LaRequest[] = [];
  limits: LaLimits = { ...SERVICE_LIMITS };
  readonly faults: LaFault[] = [];
  /** Result table per query name; a name with no table answers with no rows. */
  readonly tables = new Map<string, LaTable>();
  /** Query names answered as partial results with this error message. */
  readonly partial = new Map<string, string>();
  /** Tables this workspace does not have. */
  readonly missingTables = new Set<string>();
  /** Per workspace (lower-case id): result tables by query name, before the shared `tables`. */
  readonly workspaceTables = new Map<string, Map<string, LaTable>>();
  /** Workspaces the caller may not read: 403. */
  readonly forbiddenWorkspaces = new Set<string>();
  /** When non-empty, the only workspaces that exist: any other is 404. */
  readonly knownWorkspaces = new Set<string>();
  inFlight = 0;
  maxInFlight = 0;
  /** Delay for every answer (ms). */
  delayMs = 0;
  url = '';
  private server?: http.Server;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  setTable(name: string, columns: [string, string][], rows: unknown[][]): void {
    this.tables.set(name, { columns: columns.map(([n, type]) => ({ name: n, type })), rows });
  }

  setTableIn(workspaceId: string, name: string, columns: [string, string][], rows: unknown[][]): void {
    const id = workspaceId.toLowerCase();
    const tables = this.workspaceTables.get(id) ?? new Map<string, LaTable>();
    tables.set(name, { columns: columns.map(([n, type]) => ({ name: n, type })), rows });
    this.workspaceTables.set(id, tables);
  }

  names(): string[] {
    return this.requests.map((r) => r.name);
  }

  /** The workspaces queried, one entry per request. */
  workspacesQueried(): string[] {
    return this.requests.map((r) => r.workspaceId);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const m = /^\/v1\/workspaces\/([^/]+)\/query$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) return send(res, 404, { error: { code: 'PathNotFoundError', message: `no route ${req.method} ${req.url}` } });
    const parsed = JSON.parse(body || '{}') as { query?: string; timespan?: string };
    const query = parsed.query ?? '';
    const record: LaRequest = {
      workspaceId: decodeURIComponent(m[1]!),
      query,
      name: /^\/\/ ([\w-]+)/.exec(query)?.[1] ?? '',
      timespan: parsed.timespan,
      prefer: header(req, 'prefer'),
      authorization: header(req, 'authorization'),
      at: Date.now(),
    };
    this.requests.push(record);
    const overLimit = this.overLimit(record);
    if (overLimit) {
      this.throttled.push(record);
      return send(res, 429, { error: { code: 'TooManyRequests', message: overLimit.message } }, { 'retry-after': String(overLimit.retryAfterSeconds) });
    }
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const fault = this.takeFault(record);
      const delay = (fault?.delayMs ?? 0) + this.delayMs;
      if (delay) await sleep(delay, res);
      if (fault?.status) {
        const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
        return send(res, fault.status, fault.body ?? { error: { code: fault.status === 429 ? 'TooManyRequests' : 'Fault', message: `injected ${fault.status}` } }, headers);
      }
      const refusal = this.workspaceRefusal(record.workspaceId);
      if (refusal) return send(res, refusal.status, refusal.body);
      const missing = this.missingTableIn(query);
      if (missing) return send(res, 400, unresolvedTable(missing));
      send(res, 200, this.answer(record));
    } finally {
      this.inFlight--;
    }
  }

  /** Past 5 in flight, or past the requests allowed in the window (every arrival counts). */
  private overLimit(r: LaRequest): { message: string; retryAfterSeconds: number } | undefined {
    if (this.inFlight >= this.limits.maxInFlight) return { message: `more than ${this.limits.maxInFlight} concurrent queries`, retryAfterSeconds: 1 };
    const inWindow = this.requests.filter((x) => x.at > r.at - this.limits.windowMs);
    if (inWindow.length <= this.limits.maxPerWindow) return undefined;
    const frees = inWindow[inWindow.length - this.limits.maxPerWindow - 1]!.at + this.limits.windowMs;
    return { message: `more than ${this.limits.maxPerWindow} requests in ${this.limits.windowMs / 1000} s`, retryAfterSeconds: Math.max(1, Math.ceil((frees - r.at) / 1000)) };
  }

  /** The service's answers for a workspace the caller may not read, and for one that does not exist. */
  private workspaceRefusal(workspaceId: string): { status: number; body: unknown } | undefined {
    const id = workspaceId.toLowerCase();
    if (this.forbiddenWorkspaces.has(id)) {
      return { status: 403, body: { error: { message: 'The provided credentials have insufficient access to perform the requested operation', code: 'InsufficientAccessError', correlationId: 'b3c9f2e1-5d4a-4f6b-8e7c-1a2b3c4d5e6f' } } };
    }
    if (this.knownWorkspaces.size && !this.knownWorkspaces.has(id)) {
      return { status: 404, body: { error: { message: `Workspace could not be found`, code: 'WorkspaceNotFoundError', correlationId: 'c4d0a3f2-6e5b-4a7c-9f8d-2b3c4d5e6f70' } } };
    }
    return undefined;
  }

  private answer(r: LaRequest): unknown {
    const table = this.workspaceTables.get(r.workspaceId.toLowerCase())?.get(r.name) ?? this.tables.get(r.name) ?? { columns: [{ name: 'TimeGenerated', type: 'datetime' }], rows: [] };
    const result: Record<string, unknown> = { tables: [{ name: 'PrimaryResult', ...table }] };
    const partial = this.partial.get(r.name);
    if (partial) {
      result.error = { code: 'PartialError', message: 'There were some errors when processing your query.', details: [{ code: 'EngineError', message: partial }], innererror: { code: 'LimitsExceeded', message: partial } };
    }
    return result;
  }

  /** The first table the query reads (a line of its own, or `Table | …` inside a let) that this workspace lacks. */
  private missingTableIn(query: string): { table: string; operator: string } | undefined {
    for (const table of this.missingTables) {
      const m = new RegExp(`(?:^|\\n|=\\s*)${table}\\s*(?:\\n\\|\\s*|\\|\\s*)(\\w[\\w-]*)`).exec(query);
      if (m) return { table, operator: m[1]! };
    }
    return undefined;
  }

  private takeFault(r: LaRequest): LaFault | undefined {
    const i = this.faults.findIndex((f) => !f.match || f.match(r));
    if (i === -1) return undefined;
    const fault = this.faults[i]!;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.faults.splice(i, 1);
    return fault;
  }
}

function unresolvedTable({ table, operator }: { table: string; operator: string }): unknown {
  const message = `'${operator}' operator: Failed to resolve table or column expression named '${table}'`;
  return {
    error: {
      message: 'The request had some invalid properties',
      code: 'BadArgumentError',
      correlationId: '3ac5b91d-5da0-4dbc-8686-8099d7e10f81',
      innererror: { code: 'SemanticError', message: 'A semantic error occurred.', innererror: { code: 'SEM0100', message } },
    },
  };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Waits, but stops early when the client went away (a timed-out request). */
function sleep(ms: number, res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
