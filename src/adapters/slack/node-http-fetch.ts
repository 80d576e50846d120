/**
 * The fetch the Slack WebClient calls, on node:http/https with keep-alive agents.
 *
 * Why not the global fetch: every Slack call is a small form-encoded POST and a small JSON answer,
 * and Node 20's fetch (undici, web streams) spends more CPU per call than the whole rest of the
 * bot's posting path — `npm run bench` measured 0.72 ms vs 0.45 ms of CPU per chat.postMessage.
 * Requests whose body is not text (file uploads: FormData, streams) go to the global fetch as before.
 *
 * What it keeps of fetch's contract, because the WebClient relies on it: an AbortSignal aborts,
 * `redirect: 'error'` rejects a 3xx, a compressed answer is decoded, and the answer is a real
 * `Response` (status, headers, text/json/arrayBuffer).
 *
 * It also owns the time limit of a call (`timeoutMs`): the WebClient's own `timeout` makes an
 * AbortSignal.timeout per call, which in Node 20 costs more than a plain timer (a transferable
 * object, abort listeners on the request) — so the client is given `timeout: 0` and this limit.
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
    const req = transport.request(url, { method: init.method ?? 'GET', headers, agent: agents[protocol], signal: init.signal ?? undefined }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && init.redirect === 'error') {
        res.resume();
        reject(new TypeError(`fetch failed: ${url.origin}${url.pathname} answered with a redirect (${status}) and redirects are refused`));
        return;
      }
      const chunks: Buffer[] = [];
      const decoded = decode(res);
      decoded.on('data', (chunk: Buffer) => chunks.push(chunk));
      decoded.on('error', reject);
      decoded.on('end', () => resolve(toResponse(res, chunks)));
    });
    req.on('error', reject);
    if (timeoutMs > 0) {
      const timer = setTimeout(() => req.destroy(new Error(`no answer from ${url.origin}${url.pathname} within ${timeoutMs} ms`)), timeoutMs);
      req.on('close', () => clearTimeout(timer));
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

function toResponse(res: http.IncomingMessage, chunks: Buffer[]): FetchResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined || name === 'content-encoding' || name === 'content-length') continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const status = res.statusCode ?? 0;
  // A Response carries no body for these statuses (the constructor refuses one).
  const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  const body = status === 204 || status === 205 || status === 304 ? null : (new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) as Uint8Array<ArrayBuffer>);
  return new Response(body, { status, statusText: res.statusMessage ?? '', headers }) as unknown as FetchResponse;
}
