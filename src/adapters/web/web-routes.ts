/**
 * HTTP side of the local web channel, mounted on the shared host:
 *
 *   GET  /                      the page (static files from ./public)
 *   GET  /vendor/*              the official Adaptive Cards browser renderer from node_modules (its
 *                               dist bundle carries swiper inside: checked in Chromium, nothing else needed)
 *   GET  /api/web/events        Server-Sent Events: the newest threads, then every new/updated message
 *                               (at most MAX_EVENT_STREAMS pages at once)
 *   GET  /api/web/history       older threads, a page at a time (?before=<root message id>)
 *   POST /api/web/action        a card button: {verb, data, messageId, user}
 *   POST /api/web/command       the command box: {text, channelId, user}
 *   POST /api/web/dismiss       removes one of the user's private answers: {messageId, user}
 *
 * There is no authentication: the channel is for one person on their own machine and binds to
 * loopback only. Because of that, requests must name this server in Host (no DNS rebinding) and
 * clicks must be same-origin JSON (no cross-site form posts).
 */
import path from 'node:path';
import express, { type Express, type Request, type Response } from 'express';
import { decodeAction } from '../../domain/action-codec';
import { isCommandError, parseCommand } from '../../domain/command-parser';
import type { Actor, Intent, IntentRequest, Origin } from '../../domain/intent';
import type { InteractionResponse } from '../../app/present';
import { jsonBody } from '../http/http-host';
import { onlyLoopbackHost } from '../http/request-guards';
import type { WebChannel, WebEvent } from './web-channel';
import { historyPage, SNAPSHOT_REPLIES_PER_THREAD, SNAPSHOT_THREADS, type HistoryPage } from './web-history';

/**
 * What the routes need from the application: the dispatcher with the presenter behind it (the
 * composition root: app/answer-intent.ts), and a logger. `response` is this request's
 * HTTP answer, which carries the asker's private answer back to the page.
 */
export interface WebChannelApp {
  handle(request: IntentRequest, response: InteractionResponse): Promise<{ followUp: Promise<void> }>;
  logWarn(obj: object, msg: string): void;
}

export const DEFAULT_CHANNEL = 'alerts';
const DEFAULT_USER = 'analyst';
const HEARTBEAT_MS = 25_000;
/** Open pages at once: each holds a connection and gets every event; a flood of them must not pile up. */
export const MAX_EVENT_STREAMS = 16;
/**
 * A second line of defence behind escaping: only our own scripts run (no inline script, no inline
 * event handlers, no eval). The card renderer sets inline styles, hence style-src 'unsafe-inline'.
 */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export function mountWebChannel(app: Express, channel: WebChannel, application: WebChannelApp): void {
  app.use('/', express.static(path.join(__dirname, 'public'), { index: 'index.html', setHeaders: (res) => res.setHeader('Content-Security-Policy', PAGE_CSP) }));
  app.get('/vendor/adaptivecards.min.js', sendPackageFile('adaptivecards/dist/adaptivecards.min.js'));
  app.use('/api/web', onlyLoopbackHost('the local channel'));
  const streams = { open: 0 };
  app.get('/api/web/events', (req, res) => streamEvents(req, res, channel, streams));
  app.get('/api/web/history', (req, res) => res.json(olderThreads(channel, req.query.before)));
  app.post('/api/web/action', jsonBody(), (req, res) => void answer(res, () => onAction(req.body, channel, application)));
  app.post('/api/web/command', jsonBody(), (req, res) => void answer(res, () => onCommand(req.body, channel, application)));
  app.post('/api/web/dismiss', jsonBody(), (req, res) => void answer(res, async () => onDismiss(req.body, channel)));
}

type Answer = { status: number; body: object };

async function answer(res: Response, work: () => Promise<Answer>): Promise<void> {
  try {
    const { status, body } = await work();
    res.status(status).json(body);
  } catch (err) {
    res.status(500).json({ ok: false, error: `the bot failed: ${(err as Error).message}` });
  }
}

async function onAction(body: unknown, channel: WebChannel, application: WebChannelApp): Promise<Answer> {
  const b = asRecord(body);
  const message = typeof b.messageId === 'string' ? channel.get(b.messageId) : undefined;
  if (!message) return bad('that message is not in this channel (reload the page)');
  const verb = typeof b.verb === 'string' ? b.verb : '';
  const decoded = decodeAction(verb, b.data);
  if (!decoded.ok) return bad(decoded.reason);
  const origin: Origin = { platform: 'web', channelId: message.channelId, threadId: message.threadId, messageId: message.id };
  return dispatch(decoded.intent, actorOf(b.user), origin, channel, application);
}

function onDismiss(body: unknown, channel: WebChannel): Answer {
  const b = asRecord(body);
  const id = typeof b.messageId === 'string' ? b.messageId : '';
  return channel.dismiss(id, actorOf(b.user).userId) ? { status: 200, body: { ok: true } } : bad('no such private answer of yours (already dismissed?)');
}

async function onCommand(body: unknown, channel: WebChannel, application: WebChannelApp): Promise<Answer> {
  const b = asRecord(body);
  const parsed = parseCommand(typeof b.text === 'string' ? b.text : '');
  if (isCommandError(parsed)) return bad(parsed.error);
  const channelId = typeof b.channelId === 'string' && /^[\w-]{1,64}$/.test(b.channelId) ? b.channelId : DEFAULT_CHANNEL;
  return dispatch(parsed, actorOf(b.user), { platform: 'web', channelId }, channel, application, String(b.text).slice(0, 300));
}

/**
 * Dispatch and present; the HTTP answer carries the asker's private answer (kept beside what it
 * answers: the thread, or the command typed); slow work goes on in the background.
 */
async function dispatch(intent: Intent, actor: Actor, origin: Origin, channel: WebChannel, application: WebChannelApp, command?: string): Promise<Answer> {
  const response = channel.answerFor(origin, actor.userId, command);
  const { followUp } = await application.handle({ intent, actor, origin }, response);
  followUp.catch((err: unknown) => application.logWarn({ err, intent: intent.kind }, 'background work failed'));
  return { status: 200, body: { ok: true, answerId: response.answered?.id, reply: response.answered?.card } };
}

function streamEvents(req: Request, res: Response, channel: WebChannel, streams: { open: number }): void {
  if (streams.open >= MAX_EVENT_STREAMS) {
    res.status(503).json({ ok: false, error: `${MAX_EVENT_STREAMS} pages of the local channel are open already: close one and reload` });
    return;
  }
  streams.open++;
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  const send = (event: WebEvent | ({ type: 'snapshot' } & HistoryPage)) => res.write(`data: ${JSON.stringify(event)}\n\n`);
  send({ type: 'snapshot', ...historyPage(channel.list(), { threads: SNAPSHOT_THREADS, repliesPerThread: SNAPSHOT_REPLIES_PER_THREAD }) });
  const unsubscribe = channel.subscribe(send);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  req.on('close', () => {
    streams.open--;
    clearInterval(heartbeat);
    unsubscribe();
  });
}

/** The page of threads before `before` (a root message id the page shows; one it does not know: nothing); the newest without one. */
function olderThreads(channel: WebChannel, before: unknown): HistoryPage {
  const id = typeof before === 'string' ? before : undefined;
  return historyPage(channel.list(), { before: id, threads: SNAPSHOT_THREADS, repliesPerThread: SNAPSHOT_REPLIES_PER_THREAD });
}

/** The user names themselves in the page; no authentication, so this is a label, not an identity. */
function actorOf(raw: unknown): Actor {
  const name = typeof raw === 'string' ? raw.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 64) : '';
  const userId = name || DEFAULT_USER;
  return { platform: 'web', userId, displayName: userId };
}

function sendPackageFile(spec: string) {
  const file = require.resolve(spec);
  return (_req: Request, res: Response) => res.sendFile(file);
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function bad(error: string): Answer {
  return { status: 400, body: { ok: false, error } };
}
