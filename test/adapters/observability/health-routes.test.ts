import type { AddressInfo } from 'node:net';
import express from 'express';
import { cachedCheck, mountHealthRoutes } from '../../../src/adapters/observability/health-routes';
import { BotMetrics } from '../../../src/adapters/observability/metrics';

async function serve(app: express.Express) {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    close: () => new Promise((r) => {
      server.close(r);
      server.closeAllConnections();
    }),
  };
}

describe('health routes', () => {
  it('answers liveness, and readiness with each failing check named', async () => {
    const app = express();
    let storeUp = true;
    mountHealthRoutes(app, () => [
      { name: 'store', check: async () => (storeUp ? undefined : 'database unreachable') },
      { name: 'slack', check: async () => undefined },
    ]);
    const { base, close } = await serve(app);
    try {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      storeUp = false;
      const res = await fetch(`${base}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        status: 'not ready',
        checks: [
          { name: 'store', ok: false, problem: 'database unreachable' },
          { name: 'slack', ok: true },
        ],
      });
    } finally {
      await close();
    }
  });

  it('keeps a replica ready but degraded when only a non-critical check fails', async () => {
    const app = express();
    mountHealthRoutes(app, () => [
      { name: 'store', check: async () => undefined },
      { name: 'teams', critical: false, check: async () => '19:abc: 403 (bot removed)' },
    ]);
    const { base, close } = await serve(app);
    try {
      const res = await fetch(`${base}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'degraded', checks: [{ ok: true }, { name: 'teams', ok: false }] });
    } finally {
      await close();
    }
  });

  it('serves Prometheus text that moves with the counters', async () => {
    const app = express();
    const metrics = new BotMetrics({ defaultMetrics: false });
    mountHealthRoutes(app, () => [], metrics);
    const { base, close } = await serve(app);
    try {
      metrics.alertsIngested.inc({ source: 'webhook', outcome: 'new' }, 3);
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toContain('triage_alerts_ingested_total{source="webhook",outcome="new"} 3');
    } finally {
      await close();
    }
  });

  it('with METRICS_TOKEN: /metrics only for the bearer token, /readyz details only for it (its status code for anyone), /healthz open', async () => {
    const app = express();
    const metrics = new BotMetrics({ defaultMetrics: false });
    let storeUp = true;
    mountHealthRoutes(app, () => [{ name: 'store', check: async () => (storeUp ? undefined : 'connect ECONNREFUSED 10.0.0.5:5432') }], metrics, { token: 'metrics-token-123' });
    const { base, close } = await serve(app);
    const get = (route: string, token?: string) => fetch(`${base}${route}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    try {
      expect((await get('/healthz')).status).toBe(200);
      for (const token of [undefined, 'wrong', 'metrics-token-1234']) {
        const res = await get('/metrics', token);
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
        expect(await res.text()).not.toContain('triage_');
      }
      expect(await (await get('/metrics', 'metrics-token-123')).text()).toContain('triage_alerts_ingested_total');
      storeUp = false;
      const anonymous = await get('/readyz');
      expect(anonymous.status).toBe(503);
      expect(await anonymous.json()).toEqual({ status: 'not ready' });
      expect(await (await get('/readyz', 'metrics-token-123')).json()).toEqual({
        status: 'not ready',
        checks: [{ name: 'store', ok: false, problem: 'connect ECONNREFUSED 10.0.0.5:5432' }],
      });
    } finally {
      await close();
    }
  });

  it('runs a costly check at most once per ttl and turns a throw into a problem', async () => {
    let clock = 0;
    let calls = 0;
    const check = cachedCheck(async () => {
      calls++;
      if (calls === 1) throw new Error('workspace unreachable');
    }, 60_000, () => clock);
    expect(await check()).toBe('workspace unreachable');
    clock = 59_999;
    expect(await check()).toBe('workspace unreachable');
    expect(calls).toBe(1);
    clock = 60_000;
    expect(await check()).toBeUndefined();
    expect(calls).toBe(2);
  });
});
