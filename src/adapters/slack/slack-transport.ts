/**
 * The fetch the Slack WebClient calls: undici's `request` on a keep-alive Agent, read into the
 * few members of a Response the client uses (status, headers, text/json/arrayBuffer).
 *
 * Why not the global fetch (undici's fetch, web streams): every Slack call is a small form-encoded
 * POST and a small JSON answer, and fetch's per-call machinery (a WHATWG Request/Response, a
 * ReadableStream for the body, an AbortSignal per call for the time limit) cost more CPU than the
 * rest of a post (`npm run bench`). `request` is the same maintained HTTP client without it.
 *
 * The time limit of a call is the Agent's (no headers, or no body bytes, for SLACK_CALL_TIMEOUT_MS:
 * the call fails and the pacer retries it); the WebClient is given `timeout: 0`. A 3xx is refused
 * as the client asks (`redirect: 'error'`); Slack's Web API does not redirect. Bodies that are not
 * text (file uploads: FormData) go to the global fetch.
 *
 * It drops the blocks Slack echoes back in a chat.postMessage or chat.update answer
 * (`message.blocks`): the bot reads only `ts` and `channel`, and the WebClient copies the whole
 * answer, key by key, for a debug line it builds on every call — with the echo that was a third of
 * a post's CPU (`npm run bench`: 235 → 165 µs per call). Everything else in the answer stays.
 */
import { STATUS_CODES } from 'node:http';
import type { FetchFunction } from '@slack/web-api';
import { Agent, request } from 'undici';

type FetchResponse = Awaited<ReturnType<FetchFunction>>;
type AnswerHeaders = Record<string, string | string[] | undefined>;

/** A Slack call with no answer (or an answer that stops) for this long fails, and the pacer retries it. */
export const SLACK_CALL_TIMEOUT_MS = 15_000;

/** Idle sockets close before a server that announces no keep-alive timeout is likely to drop them. */
const IDLE_SOCKET_MS = 4_000;

/** The WebClient's transport; `timeoutMs` bounds the wait for the answer's headers and between its bytes. */
export function slackFetch(timeoutMs = SLACK_CALL_TIMEOUT_MS): FetchFunction {
  const dispatcher = new Agent({ keepAliveTimeout: IDLE_SOCKET_MS, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  return async (input, init = {}) => {
    if (init.body !== undefined && typeof init.body !== 'string') return fetch(input, init as RequestInit) as unknown as Promise<FetchResponse>;
    const url = String(input);
    const answer = await request(url, { method: (init.method ?? 'GET') as 'POST', headers: init.headers, body: init.body, signal: init.signal, dispatcher });
    if (answer.statusCode >= 300 && answer.statusCode < 400 && init.redirect === 'error') {
      await answer.body.dump();
      throw new TypeError(`fetch failed: ${url} answered with a redirect (${answer.statusCode}) and redirects are refused`);
    }
    const body = Buffer.from(await answer.body.arrayBuffer());
    const kept = ECHOING_METHOD.test(new URL(url).pathname) && header(answer.headers, 'content-type')?.includes('json') ? withoutEchoedBlocks(body) : body;
    return bufferedResponse(answer.statusCode, url, answer.headers, kept);
  };
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

function header(headers: AnswerHeaders, name: string): string | null {
  const value = headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The answer, read in full, in the shape the WebClient declares (not a WHATWG Response: see the top). */
function bufferedResponse(status: number, url: string, raw: AnswerHeaders, body: Buffer): FetchResponse {
  const text = () => body.toString('utf8');
  return {
    status,
    statusText: STATUS_CODES[status] ?? '',
    url,
    ok: status >= 200 && status < 300,
    headers: {
      get: (name: string) => header(raw, name),
      *entries() {
        for (const name of Object.keys(raw).sort()) {
          const value = header(raw, name);
          if (value !== null) yield [name, value] as [string, string];
        }
      },
    },
    text: async () => text(),
    json: async () => JSON.parse(text()) as unknown,
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.length) as ArrayBuffer,
  };
}
