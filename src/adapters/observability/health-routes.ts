/**
 * /healthz (the process answers), /readyz (store, platforms and Azure reachable), /metrics.
 * Readiness checks are small functions the composition root collects from each adapter.
 *
 * They listen wherever PORT does (0.0.0.0 in connected mode). /healthz says only "ok". /readyz
 * names the configured platforms and their problems, /metrics how many alerts, posts and votes
 * the bot handles: with METRICS_TOKEN set, /metrics answers only `Authorization: Bearer <token>`
 * and /readyz keeps its status code (load balancers probe it) but shows its checks only to it.
 */
import crypto from 'node:crypto';
import type { Express, Request, Response } from 'express';
import type { BotMetrics } from './metrics';

export interface ReadinessCheck {
  name: string;
  /**
   * false: a failure is shown in /readyz but the replica stays in rotation ("degraded"), e.g. one
   * Teams channel that removed the bot must not take Slack and every other channel down with it.
   */
  critical?: boolean;
  /** Resolves to nothing when fine, to a problem description otherwise; may throw. */
  check(): Promise<string | void>;
}

const CHECK_TIMEOUT_MS = 3000;

/**
 * A check that costs a remote call (e.g. a Log Analytics query) runs at most once per `ttlMs`;
 * probes in between get the last answer, so a load balancer polling /readyz costs nothing upstream.
 */
export function cachedCheck(check: () => Promise<string | void>, ttlMs: number, now: () => number = Date.now): () => Promise<string | void> {
  let last: { at: number; result: Promise<string | void> } | undefined;
  return () => {
    if (!last || now() - last.at >= ttlMs) {
      last = { at: now(), result: check().catch((err: unknown) => (err as Error).message ?? String(err)) };
    }
    return last.result;
  };
}

export interface HealthRouteOptions {
  /** METRICS_TOKEN: the bearer token /metrics and /readyz's details require. */
  token?: string;
}

export function mountHealthRoutes(app: Express, checks: () => ReadinessCheck[], metrics?: BotMetrics, options: HealthRouteOptions = {}): void {
  const allowed = (req: Request) => !options.token || bearerMatches(req.get('authorization'), options.token);
  app.get('/healthz', (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (req: Request, res: Response) => {
    const list = checks();
    const results = await Promise.all(list.map(runCheck));
    const ready = results.every((r, i) => r.ok || list[i]!.critical === false);
    const status = !ready ? 'not ready' : results.every((r) => r.ok) ? 'ready' : 'degraded';
    res.status(ready ? 200 : 503).json(allowed(req) ? { status, checks: results } : { status });
  });
  if (metrics) {
    app.get('/metrics', async (req: Request, res: Response) => {
      if (!allowed(req)) {
        res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'not authenticated: send Authorization: Bearer <METRICS_TOKEN>' });
        return;
      }
      res.set('Content-Type', metrics.contentType).send(await metrics.text());
    });
  }
}

/** Constant time: equal-length digests, so a guess's length and content do not leak. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();
  if (!given) return false;
  const key = crypto.randomBytes(32);
  const digest = (v: string) => crypto.createHmac('sha256', key).update(v).digest();
  return crypto.timingSafeEqual(digest(given), digest(token));
}

async function runCheck(c: ReadinessCheck): Promise<{ name: string; ok: boolean; problem?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS);
  });
  try {
    const problem = await Promise.race([c.check(), timeout]);
    return problem ? { name: c.name, ok: false, problem } : { name: c.name, ok: true };
  } catch (err) {
    return { name: c.name, ok: false, problem: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
