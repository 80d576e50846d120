/**
 * Guards in front of routes that the SDKs authenticate (Slack's /slack/events, Teams' /api/messages)
 * and of the routes nobody authenticates (the local channel, anonymous Teams):
 *
 * - `plainAuthFailures`: a 401 answer carries one short fixed body. The SDKs' own bodies say
 *   why a token or signature failed (expected audience, issuer, key ids): that goes to our log,
 *   never to an unauthenticated caller.
 * - `onlyLoopbackHost`: a route with no authentication answers only when the request names this
 *   server by a loopback name (DNS rebinding cannot point a browser at it under another name) and
 *   comes from no other web origin (no cross-site posts).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export const UNAUTHORIZED_BODY = 'unauthorized';

export interface GuardLogger {
  warn(obj: object, msg: string): void;
}

export function plainAuthFailures(route: string, logger: GuardLogger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const send = res.send.bind(res);
    res.send = ((body?: unknown) => {
      if (res.statusCode !== 401) return send(body as never);
      logger.warn({ route, status: res.statusCode, detail: detailOf(body) }, 'request refused: not authenticated');
      res.type('text/plain');
      return send(UNAUTHORIZED_BODY);
    }) as Response['send'];
    next();
  };
}

function detailOf(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  return (typeof body === 'string' ? body : JSON.stringify(body)).slice(0, 300);
}

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

/** `extraHosts`: other names this server may be called by (e.g. the HOST it was told to bind). */
export function onlyLoopbackHost(what: string, extraHosts: readonly string[] = []): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const host = req.headers.host ?? '';
    const hostName = host.replace(/:\d+$/, '').toLowerCase();
    if (!LOOPBACK_HOST.test(host) && !extraHosts.some((h) => h.toLowerCase() === hostName)) {
      res.status(403).json({ ok: false, error: `${what} answers only on 127.0.0.1 / localhost` });
      return;
    }
    const origin = req.headers.origin;
    if (origin && origin !== `http://${host}`) {
      res.status(403).json({ ok: false, error: 'cross-site requests are refused' });
      return;
    }
    next();
  };
}
