/**
 * A local HTTP server speaking the Microsoft Graph security API the bot uses (v1.0):
 *   GET   /v1.0/security/alerts_v2            $filter (serviceSource eq, lastUpdateDateTime ge, joined by
 *                                             "and"), $top, paging by @odata.nextLink ($skiptoken)
 *   PATCH /v1.0/security/alerts_v2/{id}        status, classification, determination, assignedTo
 *   POST  /v1.0/security/alerts_v2/{id}/comments
 *   GET   /v1.0/security/incidents/{id}        ?$expand=alerts
 * As Graph does: the evolvable enum member microsoftDefenderForCloud (serviceSource, and the
 * detectionSource plans) is only served, and only accepted in $filter, with the request header
 * `Prefer: include-unknown-enum-members` — otherwise alerts say unknownFutureValue and such a
 * filter is a 400; a bearer token is required and its application roles are checked (403 with
 * Graph's error body naming the roles needed); faults can be queued (429 with Retry-After, 503, 500).
 * Every request is recorded (who, what, status, bytes).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const READ_ROLE = 'SecurityAlert.Read.All';
export const WRITE_ROLE = 'SecurityAlert.ReadWrite.All';
export const INCIDENT_READ_ROLE = 'SecurityIncident.Read.All';

const EVOLVABLE_DETECTION = /^microsoftDefenderFor(Cloud|IoT|Servers|Storage|DNS|Databases|Containers|Network|AppService|KeyVault|ResourceManager|ApiManagement)$/;
const STATUSES = new Set(['new', 'inProgress', 'resolved']);
const CLASSIFICATIONS = new Set(['unknown', 'falsePositive', 'truePositive', 'informationalExpectedActivity']);
const DETERMINATIONS = new Set([
  'unknown', 'apt', 'malware', 'securityPersonnel', 'securityTesting', 'unwantedSoftware', 'other', 'multiStagedAttack', 'compromisedUser',
  'phishing', 'maliciousUserActivity', 'clean', 'insufficientData', 'confirmedUserActivity', 'lineOfBusinessApplication',
]);

export interface RecordedGraphRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  prefer: string | null;
  /** The bearer token sent (tokens name their holder in tests). */
  token: string | null;
  body?: unknown;
  status: number;
  bytes: number;
  at: number;
}

export type GraphFault = { status: 429 | 503; retryAfterSeconds?: number } | { status: 500 } | { status: 403 };

export interface FakeIncident {
  id: string;
  tenantId?: string;
  displayName: string;
  status?: string;
  severity?: string;
}

type Alert = Record<string, unknown> & { id: string; lastUpdateDateTime: string };

export class FakeGraph {
  readonly requests: RecordedGraphRequest[] = [];
  readonly faults: GraphFault[] = [];
  /** token → application roles; a token not listed is refused with 401. */
  readonly tokens = new Map<string, string[]>();
  /** The most alerts a page holds (Graph pages server-side too). */
  pageSize = 100;
  url = '';
  private readonly alerts = new Map<string, Alert>();
  private readonly incidents = new Map<string, FakeIncident>();
  private readonly comments = new Map<string, unknown[]>();
  private server?: http.Server;
  /** Time for lastUpdateDateTime on writes (tests may pin it). */
  now = () => new Date();

  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  grant(token: string, ...roles: string[]): this {
    this.tokens.set(token, roles);
    return this;
  }

  /** Adds or replaces alerts (keyed by their Graph id); `lastUpdateDateTime` is kept as given. */
  put(...alerts: Record<string, unknown>[]): void {
    for (const a of alerts) this.alerts.set(String(a.id), a as Alert);
  }

  /** Changes an alert as Defender would (status, severity…), stamping lastUpdateDateTime. */
  change(id: string, change: Record<string, unknown>): void {
    const a = this.alerts.get(id);
    if (!a) throw new Error(`no alert ${id}`);
    this.alerts.set(id, { ...a, ...change, lastUpdateDateTime: (change.lastUpdateDateTime as string | undefined) ?? this.now().toISOString() });
  }

  alert(id: string): Alert | undefined {
    return this.alerts.get(id);
  }

  commentsOf(id: string): unknown[] {
    return this.comments.get(id) ?? [];
  }

  putIncident(incident: FakeIncident): void {
    this.incidents.set(incident.id, incident);
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const body = req.method === 'GET' ? undefined : await readJson(req);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
    const prefer = req.headers.prefer ? String(req.headers.prefer) : null;
    const record = (status: number, bytes: number) =>
      this.requests.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), prefer, token, body, status, bytes, at: Date.now() });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      const text = JSON.stringify(payload);
      record(status, Buffer.byteLength(text));
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `fake-${this.requests.length}`, ...headers }).end(text);
    };
    const fault = this.faults.shift();
    if (fault) return this.sendFault(fault, send);
    if (!token || !this.tokens.has(token)) return send(401, graphError('InvalidAuthenticationToken', token ? 'Access token validation failure. Invalid audience.' : 'Access token is empty.'));
    const roles = this.tokens.get(token)!;
    const enums = (prefer ?? '').split(',').some((p) => p.trim().toLowerCase() === 'include-unknown-enum-members');
    const route = this.route(req.method ?? 'GET', url.pathname);
    if (!route) return send(404, graphError('UnknownError', `Resource not found for the segment '${url.pathname.split('/').pop()}'.`));
    if (!route.roles.some((r) => roles.includes(r))) return send(403, forbidden(route.roles, roles));
    route.run({ url, body, enums, send, now: this.now().toISOString() });
  }

  private sendFault(fault: GraphFault, send: (status: number, payload: unknown, headers?: Record<string, string>) => void): void {
    if (fault.status === 429 || fault.status === 503) {
      const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      return send(fault.status, graphError(fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', 'Too many requests, retry later.'), headers);
    }
    if (fault.status === 403) return send(403, forbidden([READ_ROLE, WRITE_ROLE], []));
    send(500, graphError('InternalServerError', 'injected'));
  }

  private route(method: string, path: string): { roles: string[]; run(ctx: Ctx): void } | undefined {
    if (method === 'GET' && path === '/v1.0/security/alerts_v2') return { roles: [READ_ROLE, WRITE_ROLE], run: (ctx) => this.list(ctx) };
    const alert = /^\/v1\.0\/security\/alerts_v2\/([^/]+)(\/comments)?$/.exec(path);
    if (alert && method === 'GET' && !alert[2]) return { roles: [READ_ROLE, WRITE_ROLE], run: (ctx) => this.getAlert(decodeURIComponent(alert[1]!), ctx) };
    if (alert && method === 'PATCH' && !alert[2]) return { roles: [WRITE_ROLE], run: (ctx) => this.patch(decodeURIComponent(alert[1]!), ctx) };
    if (alert && method === 'POST' && alert[2]) return { roles: [WRITE_ROLE], run: (ctx) => this.comment(decodeURIComponent(alert[1]!), ctx) };
    const incident = /^\/v1\.0\/security\/incidents\/([^/]+)$/.exec(path);
    if (incident && method === 'GET') return { roles: [INCIDENT_READ_ROLE, 'SecurityIncident.ReadWrite.All'], run: (ctx) => this.getIncident(decodeURIComponent(incident[1]!), ctx) };
    return undefined;
  }

  private list({ url, enums, send }: Ctx): void {
    const filter = parseFilter(url.searchParams.get('$filter'));
    if ('error' in filter) return send(400, graphError('BadRequest', filter.error));
    if (filter.serviceSource && EVOLVABLE_DETECTION.test(filter.serviceSource) && !enums) {
      return send(400, graphError('BadRequest', `Invalid filter clause: The string '${filter.serviceSource}' is not a valid enumerated type constant.`));
    }
    // Server-driven paging: a page holds at most pageSize, whatever $top asks.
    const top = Math.min(Number(url.searchParams.get('$top') ?? this.pageSize) || this.pageSize, this.pageSize);
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0) || 0;
    const matching = [...this.alerts.values()]
      .reverse() // the most recent first, as Graph lists them
      .filter((a) => (!filter.serviceSource || a.serviceSource === filter.serviceSource) && (!filter.since || Date.parse(a.lastUpdateDateTime) >= Date.parse(filter.since)));
    const page = matching.slice(skip, skip + top).map((a) => (enums ? a : withoutEvolvable(a)));
    const next = skip + top < matching.length ? new URL(url) : undefined;
    next?.searchParams.set('$skiptoken', String(skip + top));
    send(200, { '@odata.context': `${this.url}/v1.0/$metadata#security/alerts_v2`, value: page, ...(next ? { '@odata.nextLink': next.toString() } : {}) });
  }

  private getAlert(id: string, { enums, send }: Ctx): void {
    const a = this.alerts.get(id);
    if (!a) return send(404, graphError('NotFound', `Alert ${id} not found`));
    send(200, enums ? a : withoutEvolvable(a));
  }

  private patch(id: string, { body, send, now }: Ctx): void {
    const a = this.alerts.get(id);
    if (!a) return send(404, graphError('NotFound', `Alert ${id} not found`));
    const change = (body ?? {}) as Record<string, unknown>;
    for (const [key, allowed] of [['status', STATUSES], ['classification', CLASSIFICATIONS], ['determination', DETERMINATIONS]] as const) {
      if (change[key] !== undefined && !allowed.has(String(change[key]))) return send(400, graphError('BadRequest', `Invalid value '${String(change[key])}' for ${key}`));
    }
    const updated = { ...a, ...pick(change, ['status', 'classification', 'determination', 'assignedTo']), lastUpdateDateTime: now };
    this.alerts.set(id, updated);
    send(200, updated);
  }

  private comment(id: string, { body, send, now }: Ctx): void {
    const a = this.alerts.get(id);
    if (!a) return send(404, graphError('NotFound', `Alert ${id} not found`));
    const text = (body as { comment?: unknown } | undefined)?.comment;
    if (typeof text !== 'string' || !text) return send(400, graphError('BadRequest', 'comment is required'));
    const list = [...this.commentsOf(id), { comment: text, createdByDisplayName: 'Defender Triage Bot', createdDateTime: now }];
    this.comments.set(id, list);
    this.alerts.set(id, { ...a, comments: list, lastUpdateDateTime: now });
    send(200, { '@odata.context': `${this.url}/v1.0/$metadata#security/alerts_v2('${id}')/comments`, value: list });
  }

  private getIncident(id: string, { url, enums, send }: Ctx): void {
    const incident = this.incidents.get(id);
    if (!incident) return send(404, graphError('NotFound', `Incident ${id} not found`));
    const expand = (url.searchParams.get('$expand') ?? '').split(',').includes('alerts');
    const alerts = expand ? [...this.alerts.values()].filter((a) => String(a.incidentId) === id).map((a) => (enums ? a : withoutEvolvable(a))) : [];
    send(200, {
      id,
      tenantId: incident.tenantId ?? alerts[0]?.tenantId ?? null,
      displayName: incident.displayName,
      status: incident.status ?? 'active',
      severity: incident.severity ?? 'medium',
      incidentWebUrl: `https://security.microsoft.com/incidents/${id}`,
      ...(expand ? { alerts } : {}),
    });
  }
}

interface Ctx {
  url: URL;
  body: unknown;
  enums: boolean;
  now: string;
  send(status: number, payload: unknown, headers?: Record<string, string>): void;
}

function parseFilter(filter: string | null): { serviceSource?: string; since?: string } | { error: string } {
  if (!filter) return {};
  const out: { serviceSource?: string; since?: string } = {};
  for (const clause of filter.split(/\s+and\s+/i)) {
    const source = /^serviceSource eq '([^']*)'$/.exec(clause.trim());
    const since = /^lastUpdateDateTime ge (\d{4}-\d{2}-\d{2}T[\d:.]+Z)$/.exec(clause.trim());
    if (source) out.serviceSource = source[1];
    else if (since) out.since = since[1];
    else return { error: `Invalid filter clause: '${clause.slice(0, 80)}'` };
  }
  return out;
}

/** Without the Prefer header Graph serves evolvable members it may not name as unknownFutureValue. */
function withoutEvolvable(a: Alert): Alert {
  const out = { ...a };
  if (typeof out.serviceSource === 'string' && EVOLVABLE_DETECTION.test(out.serviceSource)) out.serviceSource = 'unknownFutureValue';
  if (typeof out.detectionSource === 'string' && EVOLVABLE_DETECTION.test(out.detectionSource)) out.detectionSource = 'unknownFutureValue';
  return out;
}

function graphError(code: string, message: string): unknown {
  return { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': 'fake', 'client-request-id': 'fake' } } };
}

function forbidden(needed: string[], roles: string[]): unknown {
  return graphError('Forbidden', `Missing role permissions on the request. API requires one of '${needed.join(', ')}'. Roles on the request '${roles.join(', ')}'.`);
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      try {
        resolve(text ? JSON.parse(text) : undefined);
      } catch {
        resolve(undefined);
      }
    });
  });
}
