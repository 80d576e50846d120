/**
 * The fake Slack Web API (test/fakes/slack-api-server.ts) in its own process, so its work does not
 * share the event loop with the bot being measured. Optionally behind a limiter that enforces
 * Slack's own rate limits the way Slack answers them: chat.postMessage at most one per channel per
 * `postIntervalMs` (thread replies count: they are posts in the channel), chat.update at most
 * `updatesPerMinute` (Tier 3); over the limit the answer is 429 with Retry-After in whole seconds.
 *
 * Started by fake-slack-process.ts with fork(); answers its questions over IPC.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeSlackApi } from '../../test/fakes/slack-api-server';

export interface FakeSlackChildOptions {
  token: string;
  /** Enforce Slack's per-channel posting limit (Slack: 1000). Unset: no limit. */
  postIntervalMs?: number;
  /** Enforce chat.update's Tier 3 limit (Slack: about 50 per minute). Unset: no limit. */
  updatesPerMinute?: number;
}

export type ChildRequest = { id: number; op: 'stats' } | { id: number; op: 'count' } | { id: number; op: 'forget' } | { id: number; op: 'roots'; channel: string };

export interface FakeSlackStats {
  messages: number;
  rateLimited: number;
  calls: Record<string, number>;
}

export interface RootSummary {
  ts: string;
  alertId?: string;
  /** the largest "×N alerts" group counter the message shows */
  groupCount?: number;
  buttons: { action_id: string; value: string }[];
}

class Limiter {
  readonly lastPost = new Map<string, number>();
  readonly updates: number[] = [];
  rateLimited = 0;

  constructor(private readonly o: FakeSlackChildOptions) {}

  /** Seconds to wait when this call is over the limit, else undefined (and the call is counted). */
  check(method: string, channel: string, now: number): number | undefined {
    if (method === 'chat.postMessage' && this.o.postIntervalMs) {
      const last = this.lastPost.get(channel);
      if (last !== undefined && now - last < this.o.postIntervalMs) return this.refuse((this.o.postIntervalMs - (now - last)) / 1000);
      this.lastPost.set(channel, now);
    }
    if (method === 'chat.update' && this.o.updatesPerMinute) {
      while (this.updates.length && this.updates[0]! <= now - 60_000) this.updates.shift();
      if (this.updates.length >= this.o.updatesPerMinute) return this.refuse((this.updates[0]! + 60_000 - now) / 1000);
      this.updates.push(now);
    }
    return undefined;
  }

  private refuse(seconds: number): number {
    this.rateLimited++;
    return Math.max(1, Math.ceil(seconds));
  }
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as FakeSlackChildOptions;
  const fake = await new FakeSlackApi({ token: options.token }).start();
  const limiter = new Limiter(options);
  let apiUrl = fake.apiUrl;
  if (options.postIntervalMs || options.updatesPerMinute) {
    // Only a limited fake needs the extra hop: an unlimited one answers directly.
    const front = http.createServer((req, res) => void forward(req, res, fake, limiter));
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}/api/`;
  }
  process.on('message', (msg: ChildRequest) => process.send!({ id: msg.id, result: answer(msg, fake, limiter) }));
  process.on('disconnect', () => process.exit(0));
  process.send!({ ready: true, apiUrl });
}

function answer(req: ChildRequest, fake: FakeSlackApi, limiter: Limiter): unknown {
  if (req.op === 'count') return fake.messages.length;
  if (req.op === 'forget') {
    fake.messages.length = 0;
    fake.calls.length = 0;
    return 0;
  }
  if (req.op === 'stats') {
    const calls: Record<string, number> = {};
    for (const c of fake.calls) calls[`${c.method} ${c.status}`] = (calls[`${c.method} ${c.status}`] ?? 0) + 1;
    const stats: FakeSlackStats = { messages: fake.messages.length, rateLimited: limiter.rateLimited, calls };
    return stats;
  }
  return fake.rootMessages(req.channel).map(summarize);
}

function summarize(m: { ts: string; text?: string; blocks?: unknown[]; metadata?: { event_payload: Record<string, unknown> } }): RootSummary {
  const shown = `${m.text ?? ''} ${JSON.stringify(m.blocks ?? [])}`;
  const counts = [...shown.matchAll(/×(\d+) alerts/g)].map((x) => Number(x[1]));
  const buttons: RootSummary['buttons'] = [];
  for (const b of (m.blocks ?? []) as { type?: string; elements?: { action_id?: string; value?: string }[] }[]) {
    if (b.type !== 'actions') continue;
    for (const e of b.elements ?? []) if (e.action_id && e.value) buttons.push({ action_id: e.action_id, value: e.value });
  }
  const alertId = m.metadata?.event_payload?.system_alert_id;
  return { ts: m.ts, alertId: typeof alertId === 'string' ? alertId : undefined, groupCount: counts.length ? Math.max(...counts) : undefined, buttons };
}

async function forward(req: http.IncomingMessage, res: http.ServerResponse, fake: FakeSlackApi, limiter: Limiter): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks);
  const method = /^\/api\/([\w.]+)$/.exec(req.url ?? '')?.[1] ?? '';
  const wait = limiter.check(method, channelOf(body, req.headers['content-type'] ?? ''), Date.now());
  if (wait !== undefined) {
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(wait) });
    res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
    return;
  }
  const headers: Record<string, string> = {};
  for (const h of ['content-type', 'authorization']) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h] as string;
  const upstream = await fetch(`http://127.0.0.1:${fake.port}${req.url}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : body });
  const out: Record<string, string> = { 'content-type': upstream.headers.get('content-type') ?? 'application/json' };
  const retryAfter = upstream.headers.get('retry-after');
  if (retryAfter) out['retry-after'] = retryAfter;
  res.writeHead(upstream.status, out);
  res.end(Buffer.from(await upstream.arrayBuffer()));
}

function channelOf(body: Buffer, contentType: string): string {
  const text = body.toString('utf8');
  if (contentType.includes('application/json')) {
    try {
      return String((JSON.parse(text) as { channel?: unknown }).channel ?? '');
    } catch {
      return '';
    }
  }
  return new URLSearchParams(text).get('channel') ?? '';
}

void main();
