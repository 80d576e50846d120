/**
 * /healthz (the process answers), /readyz (store, platforms and Azure reachable), /metrics.
 * Readiness checks are small functions the composition root collects from each adapter.
 */
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

export function mountHealthRoutes(app: Express, checks: () => ReadinessCheck[], metrics?: BotMetrics): void {
  app.get('/healthz', (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req: Request, res: Response) => {
    const list = checks();
    const results = await Promise.all(list.map(runCheck));
    const ready = results.every((r, i) => r.ok || list[i]!.critical === false);
    const status = !ready ? 'not ready' : results.every((r) => r.ok) ? 'ready' : 'degraded';
    res.status(ready ? 200 : 503).json({ status, checks: results });
  });
  if (metrics) {
    app.get('/metrics', async (_req: Request, res: Response) => {
      res.set('Content-Type', metrics.contentType).send(await metrics.text());
    });
  }
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
