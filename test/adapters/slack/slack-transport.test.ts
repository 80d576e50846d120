/**
 * The WebClient's transport (undici's request): what fetch promises the client (status, headers,
 * body, abort, refused redirects, kept-alive connections, a time limit), against a plain local
 * HTTP server, and a real WebClient call through it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { ErrorCode, WebClient } from '@slack/web-api';
import { slackFetch } from '../../../src/adapters/slack/slack-transport';

const fetchFn = slackFetch();

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: unknown;
}

let server: http.Server;
let base: string;
let seen: Seen[];
let answer: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

beforeEach(async () => {
  seen = [];
  answer = (_req, res) => res.end('{"ok":true}');
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body, socket: req.socket });
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

it('posts a text body with its headers and a content length, and answers with status, headers and body', async () => {
  answer = (_req, res) => {
    res.writeHead(429, 'Too Many Requests', { 'retry-after': '7', 'content-type': 'application/json' });
    res.end('{"ok":false,"error":"ratelimited"}');
  };
  const body = 'channel=C1&text=caf%C3%A9+%E2%9C%93';
  const response = await fetchFn(`${base}/api/chat.postMessage`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Bearer xoxb-1' }, body });
  expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/chat.postMessage', body });
  expect(seen[0]!.headers).toMatchObject({ 'content-type': 'application/x-www-form-urlencoded', authorization: 'Bearer xoxb-1', 'content-length': String(Buffer.byteLength(body)) });
  expect(response.status).toBe(429);
  expect(response.statusText).toBe('Too Many Requests');
  expect(response.ok).toBe(false);
  expect(response.headers.get('retry-after')).toBe('7');
  expect(Object.fromEntries(response.headers.entries())).toMatchObject({ 'retry-after': '7', 'content-type': 'application/json' });
  expect(await response.json()).toEqual({ ok: false, error: 'ratelimited' });
});

it('keeps connections alive: calls one after the other reuse their sockets', async () => {
  for (let i = 0; i < 10; i++) await (await fetchFn(`${base}/api/auth.test`, { method: 'POST', body: `n=${i}` })).text();
  expect(seen).toHaveLength(10);
  // undici's pool may open a second socket when a call starts before the one before it has freed its own.
  expect(new Set(seen.map((s) => s.socket)).size).toBeLessThanOrEqual(2);
});

it('asks for no compression, so the answer comes as it is read (a WebClient call sends no Accept-Encoding either)', async () => {
  await (await fetchFn(`${base}/api/x`, { method: 'POST', body: 'a=1' })).text();
  expect(seen[0]!.headers['accept-encoding']).toBeUndefined();
  answer = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  };
  expect(await (await fetchFn(`${base}/api/x`, { method: 'POST', body: 'a=1' })).json()).toEqual({ ok: true });
});

it("refuses a redirect when asked to (the WebClient's redirect: 'error')", async () => {
  answer = (_req, res) => {
    res.writeHead(302, { location: 'http://elsewhere.invalid/' });
    res.end();
  };
  await expect(fetchFn(`${base}/api/x`, { method: 'POST', body: 'a=1', redirect: 'error' })).rejects.toThrow(/redirect \(302\)/);
});

it('aborts when its signal fires: a server that never answers does not hold the call', async () => {
  answer = () => undefined;
  const started = Date.now();
  await expect(fetchFn(`${base}/api/slow`, { method: 'POST', body: 'a=1', signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: 'TimeoutError' }); // the signal's reason, as fetch rejects
  expect(Date.now() - started).toBeLessThan(5_000);
  const aborted = AbortSignal.abort();
  await expect(fetchFn(`${base}/api/x`, { method: 'POST', body: 'a=1', signal: aborted })).rejects.toBeDefined();
});

it('fails a call that gets no complete answer within its time limit, and a WebClient call through it', async () => {
  answer = () => undefined;
  const started = Date.now();
  await expect(slackFetch(150)(`${base}/api/slow`, { method: 'POST', body: 'a=1' })).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
  expect(Date.now() - started).toBeLessThan(5_000);
  const client = new WebClient('xoxb-slow', { slackApiUrl: `${base}/api/`, fetch: slackFetch(150), timeout: 0, retryConfig: { retries: 0 } });
  await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({ code: ErrorCode.RequestError });
});

it('ends the time limit with the call: a finished call leaves its kept-alive socket alone for the next', async () => {
  const limited = slackFetch(100);
  expect(await (await limited(`${base}/api/one`, { method: 'POST', body: 'a=1' })).json()).toEqual({ ok: true });
  await new Promise((resolve) => setTimeout(resolve, 250));
  expect(await (await limited(`${base}/api/two`, { method: 'POST', body: 'a=2' })).json()).toEqual({ ok: true });
  expect(new Set(seen.map((s) => s.socket)).size).toBe(1);
});

it.each<[string, Record<string, string>]>([
  ['plain', {}],
  ['gzip-compressed', { 'content-encoding': 'gzip' }],
])('fails a %s answer cut off mid-way (the connection drops) instead of waiting forever', async (_name, encoding) => {
  answer = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000', ...encoding });
    res.write(encoding['content-encoding'] ? zlib.gzipSync('{"ok":true,"x":"').subarray(0, 12) : '{"ok":true,"x":"');
    setTimeout(() => res.socket?.destroy(), 20);
  };
  await expect(fetchFn(`${base}/api/cut`, { method: 'POST', body: 'a=1' })).rejects.toBeDefined();
});

it('rejects with the socket error when nothing listens', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  await expect(fetchFn(`http://127.0.0.1:${port}/api/x`, { method: 'POST', body: 'a=1' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
});

it('hands a non-text body (a file upload form) to the global fetch', async () => {
  const form = new FormData();
  form.append('file', new Blob(['hello']), 'hello.txt');
  const response = await fetchFn(`${base}/upload`, { method: 'POST', body: form });
  expect(response.status).toBe(200);
  expect(seen[0]!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  expect(seen[0]!.body).toContain('hello');
});

it('carries a real WebClient call: form-encoded arguments out, the parsed result and platform errors back', async () => {
  answer = (_req, res, body) => {
    const args = new URLSearchParams(body);
    res.setHeader('content-type', 'application/json');
    if (args.get('channel') === 'CGONE') res.end('{"ok":false,"error":"channel_not_found"}');
    else res.end(JSON.stringify({ ok: true, channel: args.get('channel'), ts: '1.000100', message: { text: args.get('text'), blocks: JSON.parse(args.get('blocks')!) } }));
  };
  const client = new WebClient('xoxb-fetch', { slackApiUrl: `${base}/api/`, fetch: fetchFn, retryConfig: { retries: 0 } });
  const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*<b>* & `x`' } }];
  const result = await client.chat.postMessage({ channel: 'C1', text: 'héllo & <you>', blocks });
  expect(result).toMatchObject({ ok: true, channel: 'C1', ts: '1.000100', message: { text: 'héllo & <you>' } });
  expect(JSON.parse(new URLSearchParams(seen[0]!.body).get('blocks')!)).toEqual(blocks);
  expect(seen[0]!.headers.authorization).toBe('Bearer xoxb-fetch');
  await expect(client.chat.postMessage({ channel: 'CGONE', text: 'x' })).rejects.toMatchObject({ code: ErrorCode.PlatformError, data: { error: 'channel_not_found' } });
});

describe("the message Slack echoes back", () => {
  const echo = { ok: true, channel: 'C1', ts: '1.000200', message: { type: 'message', text: 'hi', ts: '1.000200', bot_id: 'B1', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }] } };
  const answerWith = (body: string, type = 'application/json; charset=utf-8') => {
    answer = (_req, res) => {
      res.setHeader('content-type', type);
      res.end(body);
    };
  };
  const call = async (method: string) => (await fetchFn(`${base}/api/${method}`, { method: 'POST', body: 'channel=C1' })).text();

  it.each(['chat.postMessage', 'chat.update'])('loses its blocks in a %s answer, and nothing else', async (method) => {
    answerWith(JSON.stringify(echo));
    const { message, ...rest } = echo;
    const { blocks: _dropped, ...kept } = message;
    expect(JSON.parse(await call(method))).toEqual({ ...rest, message: kept });
  });

  it('stays whole in the answers of other methods (conversations.history is read for metadata)', async () => {
    const history = JSON.stringify({ ok: true, messages: [echo.message], message: echo.message });
    answerWith(history);
    expect(await call('conversations.history')).toBe(history);
  });

  it.each([
    ['an answer that is not JSON', '<html>bad gateway</html>', 'text/html'],
    ['a JSON answer that does not parse', '{"ok":true,"message":{"blocks":[', 'application/json'],
    ['an answer without an echo', '{"ok":false,"error":"channel_not_found"}', 'application/json'],
    ['an echo without blocks', '{"ok":true,"message":{"text":"hi"}}', 'application/json'],
  ])('leaves %s exactly as it came', async (_what, body, type) => {
    answerWith(body, type);
    expect(await call('chat.postMessage')).toBe(body);
  });
});
