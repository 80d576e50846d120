/**
 * A local HTTP server speaking the ARM Alerts list API (GET /subscriptions/{id}/providers/
 * Microsoft.Security/alerts?api-version=…): pages with nextLink, per-request faults (429 with
 * Retry-After, 500), and a record of every request. Alerts can be added or changed while it runs.
 * (test/fakes/arm-server.ts, another engineer's, was not there yet when this was written.)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedArmRequest {
  path: string;
  apiVersion: string | null;
  status: number;
}

type Fault = { status: 429; retryAfterSeconds: number } | { status: 500 };

export class FakeArmAlerts {
  readonly requests: RecordedArmRequest[] = [];
  /** alerts per subscription (lowercase id), in list order */
  readonly alerts = new Map<string, unknown[]>();
  readonly faults: Fault[] = [];
  pageSize = 50;
  /** While set, a list page is read when asked for and answered only once this resolves (a slow page). */
  hold?: Promise<void>;
  private server?: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  set(subscriptionId: string, alerts: unknown[]): void {
    this.alerts.set(subscriptionId.toLowerCase(), alerts);
  }

  listRequests(): RecordedArmRequest[] {
    return this.requests.filter((r) => r.path.endsWith('/alerts'));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const match = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Security\/alerts$/i.exec(url.pathname);
    const record = (status: number) => this.requests.push({ path: url.pathname, apiVersion: url.searchParams.get('api-version'), status });
    const fault = this.faults.shift();
    if (fault) {
      record(fault.status);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.status === 429) headers['retry-after'] = String(fault.retryAfterSeconds);
      res.writeHead(fault.status, headers).end(JSON.stringify({ error: { code: fault.status === 429 ? 'TooManyRequests' : 'InternalServerError', message: 'injected' } }));
      return;
    }
    if (req.method !== 'GET' || !match) {
      record(404);
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NotFound', message: url.pathname } }));
      return;
    }
    record(200);
    const all = this.alerts.get(decodeURIComponent(match[1]).toLowerCase()) ?? [];
    const skip = Number(url.searchParams.get('$skipToken') ?? 0);
    const page = all.slice(skip, skip + this.pageSize);
    const next = skip + this.pageSize < all.length ? new URL(url) : undefined;
    next?.searchParams.set('$skipToken', String(skip + this.pageSize));
    const body = JSON.stringify({ value: page, ...(next ? { nextLink: next.toString() } : {}) });
    const send = () => res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    if (this.hold) void this.hold.then(send);
    else send();
  }
}
