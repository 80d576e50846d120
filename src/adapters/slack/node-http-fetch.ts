/**
 * The fetch the Slack WebClient calls, on node:http/https with keep-alive agents.
 *
 * Why not the global fetch: every Slack call is a small form-encoded POST and a small JSON answer,
 * and Node 20's fetch (undici, web streams) spends more CPU per call than the whole rest of the
 * bot's posting path — `npm run bench` measured 0.72 ms vs 0.45 ms of CPU per chat.postMessage.
 * Requests whose body is not text (file uploads: FormData, streams) go to the global fetch as before.
 *
 * What it keeps of fetch's contract, because the WebClient relies on it: an AbortSignal aborts,
 * `redirect: 'error'` rejects a 3xx, a compressed answer is decoded, and the answer has what the
 * client reads of a Response (status, headers, text/json/arrayBuffer).
 *
 * It also owns the time limit of a call (`timeoutMs`): the WebClient's own `timeout` makes an
 * AbortSignal.timeout per call, which in Node 20 costs more than a plain timer (a transferable
 * object, abort listeners on the request) — so the client is given `timeout: 0` and this limit.
 *
 * And it drops the blocks Slack echoes back in a chat.postMessage or chat.update answer
 * (`message.blocks`): the bot reads only `ts` and `channel`, and the WebClient copies the whole
 * answer, key by key, for a debug line it builds on every call — with the echo that was a third of
 * a post's CPU (`npm run bench`: 235 → 165 µs per call). Everything else in the answer stays.
 */
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { FetchFunction } from '@slack/web-api';

type FetchRequestInit = NonNullable<Parameters<FetchFunction>[1]>;
type FetchResponse = Awaited<ReturnType<FetchFunction>>;

/** Idle sockets close before a server that announces no keep-alive timeout is likely to drop them (undici's default). */
const IDLE_SOCKET_MS = 4_000;

const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  'https:': new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
};

/** A fetch whose calls fail when the whole call (request and answer) takes longer than `timeoutMs` (0: no limit). */
export function nodeHttpFetch(timeoutMs = 0): FetchFunction {
  return async (input, init = {}) => {
    const { body } = init;
    const url = new URL(input);
    if ((body !== undefined && typeof body !== 'string') || !(url.protocol in agents)) {
      const signal = timeoutMs > 0 ? anySignal(init.signal, AbortSignal.timeout(timeoutMs)) : init.signal;
      return fetch(url, { ...init, signal } as RequestInit) as unknown as Promise<FetchResponse>;
    }
    init.signal?.throwIfAborted();
    return request(url, init, body, timeoutMs);
  };
}

function anySignal(own: AbortSignal | undefined, timeout: AbortSignal): AbortSignal {
  return own ? AbortSignal.any([own, timeout]) : timeout;
}

function request(url: URL, init: FetchRequestInit, body: string | undefined, timeoutMs: number): Promise<FetchResponse> {
  const protocol = url.protocol as keyof typeof agents;
  const transport = protocol === 'https:' ? https : http;
  const headers: Record<string, string> = { ...init.headers };
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise<FetchResponse>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    // Settled once; the time limit ends with the call (a late timer must not destroy a socket
    // that is back in the pool and carrying another call).
    const done = (settle: () => void) => {
      clearTimeout(timer);
      settle();
    };
    const fail = (err: unknown) => done(() => reject(err));
    const req = transport.request(url, { method: init.method ?? 'GET', headers, agent: agents[protocol], signal: init.signal ?? undefined }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && init.redirect === 'error') {
        res.resume();
        fail(new TypeError(`fetch failed: ${url.origin}${url.pathname} answered with a redirect (${status}) and redirects are refused`));
        return;
      }
      const chunks: Buffer[] = [];
      const decoded = decode(res);
      // A connection lost mid-answer errors the answer; a pipe would not pass that on to the decoder.
      res.on('error', fail);
      decoded.on('error', fail);
      decoded.on('data', (chunk: Buffer) => chunks.push(chunk));
      decoded.on('end', () => done(() => resolve(toResponse(res, chunks, url))));
    });
    req.on('error', fail);
    if (timeoutMs > 0) {
      timer = setTimeout(() => req.destroy(new Error(`no answer from ${url.origin}${url.pathname} within ${timeoutMs} ms`)), timeoutMs);
    }
    req.end(body);
  });
}

/** Node's client does not decompress; fetch does, so a compressed answer is decoded here. */
function decode(res: http.IncomingMessage): NodeJS.ReadableStream {
  switch (res.headers['content-encoding']) {
    case 'gzip':
    case 'x-gzip':
      return res.pipe(zlib.createGunzip());
    case 'deflate':
      return res.pipe(zlib.createInflate());
    case 'br':
      return res.pipe(zlib.createBrotliDecompress());
    default:
      return res;
  }
}

function toResponse(res: http.IncomingMessage, chunks: Buffer[], url: URL): FetchResponse {
  const status = res.statusCode ?? 0;
  const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  const headers = new AnswerHeaders(res.headers);
  const kept = ECHOING_METHOD.test(url.pathname) && headers.get('content-type')?.includes('json') ? withoutEchoedBlocks(body) : body;
  return new BufferedResponse(status, res.statusMessage ?? '', url.href, headers, kept);
}

/** The methods whose answer echoes the message sent (see the top of this file). */
const ECHOING_METHOD = /\/chat\.(postMessage|update)$/;

/** The answer without `message.blocks`; an answer that is not JSON or has no echo is left as it came. */
function withoutEchoedBlocks(body: Buffer): Buffer {
  let answer: { message?: unknown };
  try {
    answer = JSON.parse(body.toString('utf8')) as { message?: unknown };
  } catch {
    return body;
  }
  const message = answer?.message;
  if (typeof message !== 'object' || message === null || !('blocks' in message)) return body;
  delete (message as { blocks?: unknown }).blocks;
  return Buffer.from(JSON.stringify(answer), 'utf8');
}

/**
 * The answer, read in full, in the shape the WebClient declares (FetchResponse). Not a WHATWG
 * Response: building one wraps the bytes in a ReadableStream only to read them back (~0.1 ms a call).
 */
class BufferedResponse implements FetchResponse {
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly url: string,
    readonly headers: AnswerHeaders,
    private readonly body: Buffer,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async text(): Promise<string> {
    return this.body.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body.toString('utf8')) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.body.buffer.slice(this.body.byteOffset, this.body.byteOffset + this.body.length) as ArrayBuffer;
  }
}

/** Node's parsed headers (names lower-cased) read as fetch's Headers are; the decoded body has no encoding or length of its own. */
class AnswerHeaders {
  constructor(private readonly raw: http.IncomingHttpHeaders) {}

  get(name: string): string | null {
    const key = name.toLowerCase();
    if (key === 'content-encoding' || key === 'content-length') return null;
    const value = this.raw[key];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw).sort()) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }
}
