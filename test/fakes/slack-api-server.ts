/**
 * A local fake of the Slack Web API, speaking its wire protocol: POST /api/<method> with a
 * form-encoded (or JSON) body, `blocks`/`metadata`/`attachments` as JSON strings, a Bearer token,
 * answers `{ok: true|false, …}`. Also accepts response_url POSTs at /response/<id>.
 *
 * It records every call and keeps the messages per channel, so tests can assert what Slack would
 * show. Fault injection: `failNext(method, status, times)` for deterministic faults, and
 * `faults` for random 429 (with Retry-After) and 500 answers. A faulted call changes nothing.
 * It enforces a few of Slack's own rules (≤ 50 blocks, text or blocks required, metadata shape) so
 * a renderer that breaks them fails here as it would in Slack.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  /** HTTP status the fake answered with. */
  status: number;
  at: number;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  edits: number;
}

export interface Ephemeral {
  channel: string;
  user: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export interface FaultOptions {
  /** probability (0..1) that a faultable call answers 429 with Retry-After */
  rate429?: number;
  /** probability (0..1) that a faultable call answers 500 */
  rate500?: number;
  /** probability (0..1) that a call takes effect (the message IS posted) but answers 500 anyway */
  rate500AfterEffect?: number;
  retryAfterSeconds?: number;
  /** methods faults apply to (default chat.postMessage, chat.update, chat.postEphemeral) */
  methods?: string[];
  random?: () => number;
}

export interface FakeSlackOptions {
  /** accepted bot token; calls with another token answer invalid_auth */
  token?: string;
  /** accepted app-level token (xapp-…) for apps.connections.open (Socket Mode) */
  appToken?: string;
  faults?: FaultOptions;
}

const DEFAULT_FAULT_METHODS = ['chat.postMessage', 'chat.update', 'chat.postEphemeral'];

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly messages: FakeMessage[] = [];
  readonly ephemerals: Ephemeral[] = [];
  readonly responses: ResponseUrlPost[] = [];
  faults: FaultOptions;
  /** calls that took effect but answered 500 */
  afterEffects = 0;
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly scripted: { method: string; status: number; retryAfter?: number; afterEffect?: boolean }[] = [];
  private tsCounter = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly options: FakeSlackOptions = {}) {
    this.faults = options.faults ?? {};
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** What SLACK_API_URL / clientOptions.slackApiUrl should be. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** Base URL (no /api/), like the other fakes' `url`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Same as close(), named like the other fakes' stop(). */
  stop(): Promise<void> {
    return this.close();
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` calls of `method` answer `status` (429 carries Retry-After). */
  failNext(method: string, status: number, times = 1, retryAfter = 1): void {
    for (let i = 0; i < times; i++) this.scripted.push({ method, status, retryAfter });
  }

  /** The next call of `method` takes effect but answers 500 (the caller cannot tell it worked). */
  failNextAfterEffect(method: string): void {
    this.scripted.push({ method, status: 500, afterEffect: true });
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Top-level messages of a channel (not thread replies), oldest first. */
  rootMessages(channel: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && !m.thread_ts);
  }

  threadReplies(channel: string, threadTs: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.thread_ts === threadTs);
  }

  /** Resolves once `predicate` holds (checked after every call), or rejects after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`fake Slack: timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50).unref();
      });
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
      this.responses.push({ id: url.pathname.slice('/response/'.length), body: JSON.parse(raw || '{}') });
      return this.send(res, 200, { ok: true });
    }
    const match = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (!match) return this.send(res, 404, { ok: false, error: 'not_found' });
    const method = match[1];
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    const token = bearer(req.headers.authorization) ?? (typeof args.token === 'string' ? args.token : undefined);
    const fault = this.pickFault(method);
    const status = fault?.status ?? 200;
    this.calls.push({ method, args, token, status, at: Date.now() });
    if (fault?.afterEffect) {
      // the worst kind of failure: it worked, but the caller cannot know
      if (!this.options.token || token === this.options.token) this.answer(method, args);
      this.afterEffects++;
      return this.send(res, 500, 'internal error');
    }
    if (fault) {
      const headers = fault.status === 429 ? { 'retry-after': String(fault.retryAfter ?? 1) } : undefined;
      return this.send(res, fault.status, fault.status === 429 ? { ok: false, error: 'ratelimited' } : 'internal error', headers);
    }
    if (method === 'apps.connections.open') return this.send(res, 200, this.connectionsOpen(token));
    if (this.options.token && token !== this.options.token) return this.send(res, 200, { ok: false, error: 'invalid_auth' });
    this.send(res, 200, this.answer(method, args));
  }

  private pickFault(method: string): { status: number; retryAfter?: number; afterEffect?: boolean } | undefined {
    const i = this.scripted.findIndex((s) => s.method === method);
    if (i !== -1) return this.scripted.splice(i, 1)[0];
    const f = this.faults;
    if (!(f.methods ?? DEFAULT_FAULT_METHODS).includes(method)) return undefined;
    const roll = (f.random ?? Math.random)();
    const [p429, p500, pAfter] = [f.rate429 ?? 0, f.rate500 ?? 0, f.rate500AfterEffect ?? 0];
    if (roll < p429) return { status: 429, retryAfter: f.retryAfterSeconds ?? 1 };
    if (roll < p429 + p500) return { status: 500 };
    if (roll < p429 + p500 + pAfter) return { status: 500, afterEffect: true };
    return undefined;
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Fake SOC', user: 'triage-bot', team_id: 'T0FAKE', user_id: 'U0BOT', bot_id: 'B0BOT' };
      case 'chat.postMessage':
        return this.postMessage(args);
      case 'chat.update':
        return this.update(args);
      case 'chat.postEphemeral':
        return this.postEphemeral(args);
      case 'conversations.history':
        return this.history(args);
      case 'conversations.replies':
        return this.replies(args);
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** Socket Mode: where to open the WebSocket (see slack-socket-mode.ts), for the app-level token only. */
  private connectionsOpen(token: string | undefined): Record<string, unknown> {
    if (!token?.startsWith('xapp-') || (this.options.appToken && token !== this.options.appToken)) return { ok: false, error: 'invalid_auth' };
    return { ok: true, url: `ws://127.0.0.1:${this.port}/socket-mode` };
  }

  /** The HTTP server, for a Socket Mode fake to accept WebSocket upgrades on. */
  get httpServer(): http.Server {
    return this.server;
  }

  private postMessage(args: Record<string, unknown>): Record<string, unknown> {
    const problem = contentProblem(args) ?? metadataProblem(args.metadata);
    if (problem) return { ok: false, error: problem };
    const channel = String(args.channel ?? '');
    if (!channel) return { ok: false, error: 'channel_not_found' };
    const threadTs = typeof args.thread_ts === 'string' && args.thread_ts ? args.thread_ts : undefined;
    if (threadTs && !this.messages.some((m) => m.channel === channel && m.ts === threadTs)) return { ok: false, error: 'thread_not_found' };
    const message: FakeMessage = {
      channel,
      ts: this.nextTs(),
      thread_ts: threadTs,
      text: args.text as string | undefined,
      blocks: args.blocks as unknown[] | undefined,
      metadata: args.metadata as FakeMessage['metadata'],
      edits: 0,
    };
    this.messages.push(message);
    return { ok: true, channel, ts: message.ts, message: { ...message, edits: undefined } };
  }

  private update(args: Record<string, unknown>): Record<string, unknown> {
    const problem = contentProblem(args);
    if (problem) return { ok: false, error: problem };
    const message = this.messages.find((m) => m.channel === args.channel && m.ts === args.ts);
    if (!message) return { ok: false, error: 'message_not_found' };
    message.text = args.text as string | undefined;
    message.blocks = args.blocks as unknown[] | undefined;
    message.edits++;
    return { ok: true, channel: message.channel, ts: message.ts, text: message.text };
  }

  private postEphemeral(args: Record<string, unknown>): Record<string, unknown> {
    const problem = contentProblem(args);
    if (problem) return { ok: false, error: problem };
    if (!args.user) return { ok: false, error: 'user_not_in_channel' };
    this.ephemerals.push({
      channel: String(args.channel),
      user: String(args.user),
      thread_ts: args.thread_ts as string | undefined,
      text: args.text as string | undefined,
      blocks: args.blocks as unknown[] | undefined,
    });
    return { ok: true, message_ts: this.nextTs() };
  }

  /**
   * Top-level messages, newest first, like Slack: `limit` per page (default 100, at most 999),
   * `oldest`/`latest` bound the ts (exclusive unless `inclusive`), paged by an opaque cursor;
   * metadata only with include_all_metadata.
   */
  private history(args: Record<string, unknown>): Record<string, unknown> {
    const inRange = tsRange(args);
    const all = this.rootMessages(String(args.channel)).filter((m) => inRange(m.ts)).reverse();
    return page(all, args, { defaultLimit: 100, maxLimit: 999 }, (m) => this.wire(m, args));
  }

  /**
   * A thread as Slack returns it: the parent message first, then its replies oldest first. `ts`
   * may name the parent or any reply of the thread. `limit` per page (default and at most 1000),
   * `oldest`/`latest` bound the replies' ts (exclusive unless `inclusive`), paged by an opaque
   * cursor; the parent heads the first page only. A ts that is no message answers thread_not_found.
   */
  private replies(args: Record<string, unknown>): Record<string, unknown> {
    const channel = String(args.channel ?? '');
    const named = this.messages.find((m) => m.channel === channel && m.ts === String(args.ts ?? ''));
    if (!named) return { ok: false, error: 'thread_not_found' };
    const rootTs = named.thread_ts ?? named.ts;
    const parent = this.messages.find((m) => m.channel === channel && m.ts === rootTs);
    const inRange = tsRange(args);
    const replies = this.threadReplies(channel, rootTs).filter((m) => inRange(m.ts));
    const all = [...(parent ? [parent] : []), ...replies];
    return page(all, args, { defaultLimit: 1000, maxLimit: 1000 }, (m) => this.wire(m, args));
  }

  /** A message as the history methods return it. */
  private wire(m: FakeMessage, args: Record<string, unknown>): Record<string, unknown> {
    const withMetadata = String(args.include_all_metadata) === 'true';
    return {
      type: 'message',
      ts: m.ts,
      ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
      text: m.text,
      ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
    };
  }

  private nextTs(): string {
    this.tsCounter++;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const type = typeof body === 'string' ? 'text/plain' : 'application/json; charset=utf-8';
    res.writeHead(status, { 'content-type': type, ...headers });
    res.end(text);
    for (const wake of this.waiters.splice(0)) wake();
  }
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlackApi> {
  return new FakeSlackApi(options).start();
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Form-encoded (the WebClient's default) or JSON; JSON-string fields decoded as Slack does. */
function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  const args: Record<string, unknown> = contentType.includes('application/json')
    ? (JSON.parse(raw || '{}') as Record<string, unknown>)
    : Object.fromEntries(new URLSearchParams(raw));
  for (const key of ['blocks', 'metadata', 'attachments']) {
    if (typeof args[key] === 'string') {
      try {
        args[key] = JSON.parse(args[key] as string);
      } catch {
        args[key] = { unparseable: args[key] };
      }
    }
  }
  return args;
}

/** oldest/latest as Slack reads them: ts strings compared as numbers, bounds exclusive unless `inclusive`. */
function tsRange(args: Record<string, unknown>): (ts: string) => boolean {
  const inclusive = String(args.inclusive) === 'true';
  const oldest = args.oldest === undefined ? undefined : Number(args.oldest);
  const latest = args.latest === undefined ? undefined : Number(args.latest);
  return (ts) => {
    const t = Number(ts);
    if (oldest !== undefined && (inclusive ? t < oldest : t <= oldest)) return false;
    if (latest !== undefined && (inclusive ? t > latest : t >= latest)) return false;
    return true;
  };
}

/** One page of a cursor-paginated collection: `has_more` and `response_metadata.next_cursor`, as Slack answers. */
function page<T>(
  all: T[],
  args: Record<string, unknown>,
  limits: { defaultLimit: number; maxLimit: number },
  toWire: (item: T) => Record<string, unknown>,
): Record<string, unknown> {
  const asked = Number(args.limit ?? limits.defaultLimit);
  const limit = Math.min(limits.maxLimit, Number.isFinite(asked) && asked > 0 ? Math.floor(asked) : limits.defaultLimit);
  const cursor = typeof args.cursor === 'string' && args.cursor ? Number(Buffer.from(args.cursor, 'base64').toString('utf8').replace(/^next_ts_offset:/, '')) : 0;
  if (!Number.isInteger(cursor) || cursor < 0) return { ok: false, error: 'invalid_cursor' };
  const items = all.slice(cursor, cursor + limit).map(toWire);
  const more = cursor + limit < all.length;
  const next = more ? Buffer.from(`next_ts_offset:${cursor + limit}`).toString('base64') : '';
  return { ok: true, messages: items, has_more: more, response_metadata: { next_cursor: next } };
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

function contentProblem(args: Record<string, unknown>): string | undefined {
  const blocks = args.blocks;
  if (blocks !== undefined && !Array.isArray(blocks)) return 'invalid_blocks_format';
  if (Array.isArray(blocks) && blocks.length > 50) return 'invalid_blocks';
  const hasText = typeof args.text === 'string' && args.text.length > 0;
  if (!hasText && !(Array.isArray(blocks) && blocks.length > 0)) return 'no_text';
  return undefined;
}

function metadataProblem(metadata: unknown): string | undefined {
  if (metadata === undefined) return undefined;
  const m = metadata as Record<string, unknown>;
  if (typeof m !== 'object' || typeof m.event_type !== 'string' || typeof m.event_payload !== 'object' || m.event_payload === null)
    return 'invalid_metadata_format';
  return undefined;
}
