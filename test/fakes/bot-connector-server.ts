/**
 * A local fake of the Bot Connector service (the REST API Teams bots send to), speaking its wire
 * protocol on 127.0.0.1 so the real Agents SDK connector client can be driven over HTTP:
 *
 *   POST /v3/conversations                                   create a conversation
 *   POST /v3/conversations/{conversationId}/activities       send to a conversation (new top-level post)
 *   POST /v3/conversations/{conversationId}/activities/{id}  reply to an activity
 *   PUT  /v3/conversations/{conversationId}/activities/{id}  update an activity in place
 *
 * Every call is recorded. Faults can be injected (429/412/502/504 with Retry-After, 403 for a
 * removed or blocked bot) to exercise the bot's retry and health reporting.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ConnectorOperation = 'create' | 'send' | 'reply' | 'update';

export interface ConnectorCall {
  op: ConnectorOperation;
  method: string;
  path: string;
  conversationId: string;
  /** Activity id in the path (reply, update). */
  activityId?: string;
  /** Id the fake gave the new activity (send, reply, create). */
  newId?: string;
  body: Record<string, unknown>;
  authorization?: string;
  at: number;
  /** Status the fake answered with. */
  status: number;
}

export interface Fault {
  status: number;
  retryAfterSeconds?: number;
  /** Only calls matching this (default: any call). */
  match?: (call: Pick<ConnectorCall, 'op' | 'conversationId' | 'activityId'>) => boolean;
  /** How many matching calls fail (default 1); Infinity = until cleared. */
  times?: number;
}

export interface FakeBotConnector {
  /** Base service URL with a trailing slash, as Teams puts it in `activity.serviceUrl`. */
  url: string;
  calls: ConnectorCall[];
  /** Successful calls only, optionally of one operation. */
  succeeded(op?: ConnectorOperation): ConnectorCall[];
  inject(fault: Fault): void;
  clearFaults(): void;
  /** Resolves once `count` successful calls of `op` have been recorded (or rejects after timeoutMs). */
  waitFor(op: ConnectorOperation, count: number, timeoutMs?: number): Promise<ConnectorCall[]>;
  close(): Promise<void>;
}

export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const calls: ConnectorCall[] = [];
  const faults: (Fault & { left: number })[] = [];
  let nextId = 1000;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const route = parseRoute(req.method ?? '', req.url ?? '');
      if (!route) return answer(res, 404, { error: { code: 'NotFound', message: `no route ${req.method} ${req.url}` } });
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        return answer(res, 400, { error: { code: 'BadSyntax', message: 'body is not JSON' } });
      }
      const call: ConnectorCall = {
        ...route,
        method: req.method ?? '',
        path: req.url ?? '',
        body,
        authorization: req.headers.authorization,
        at: Date.now(),
        status: 200,
      };
      calls.push(call);
      const fault = takeFault(faults, call);
      if (fault) {
        call.status = fault.status;
        if (fault.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(fault.retryAfterSeconds));
        return answer(res, fault.status, { error: { code: codeFor(fault.status), message: `injected ${fault.status}` } });
      }
      if (call.op === 'update') return answer(res, 200, { id: call.activityId });
      call.newId = String(nextId++);
      if (call.op === 'create') {
        const channelId = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id ?? 'a:new';
        return answer(res, 201, { id: `${channelId};messageid=${call.newId}`, activityId: call.newId });
      }
      return answer(res, 201, { id: call.newId });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const succeeded = (op?: ConnectorOperation) => calls.filter((c) => c.status < 300 && (!op || c.op === op));

  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    succeeded,
    inject: (fault) => faults.push({ ...fault, left: fault.times ?? 1 }),
    clearFaults: () => void faults.splice(0),
    async waitFor(op, count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (succeeded(op).length < count) {
        if (Date.now() > deadline) throw new Error(`fake connector: expected ${count} ${op} calls, got ${succeeded(op).length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return succeeded(op);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseRoute(method: string, url: string): Pick<ConnectorCall, 'op' | 'conversationId' | 'activityId'> | undefined {
  const path = url.split('?')[0];
  if (method === 'POST' && path === '/v3/conversations') return { op: 'create', conversationId: '' };
  const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
  if (!m) return undefined;
  const conversationId = decodeURIComponent(m[1]);
  const activityId = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
  if (method === 'POST') return { op: activityId ? 'reply' : 'send', conversationId, activityId };
  if (method === 'PUT' && activityId) return { op: 'update', conversationId, activityId };
  return undefined;
}

function takeFault(faults: (Fault & { left: number })[], call: ConnectorCall): Fault | undefined {
  const index = faults.findIndex((f) => f.left > 0 && (!f.match || f.match(call)));
  if (index === -1) return undefined;
  const fault = faults[index];
  fault.left -= 1;
  if (fault.left <= 0) faults.splice(index, 1);
  return fault;
}

function codeFor(status: number): string {
  return { 403: 'BotDisabledByAdmin', 412: 'PreconditionFailed', 429: 'TooManyRequests', 502: 'BadGateway', 504: 'GatewayTimeout' }[status] ?? 'ServiceError';
}

function answer(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
