/**
 * POST /api/alerts over real HTTP: 202 only once stored and queued; wrong secret 401, malformed
 * JSON 400 with the reason, a 5 MB body 413 — and none of those stores anything.
 */
import { createHttpHost, type HttpHost } from '../../../src/adapters/http/http-host';
import { signBody, SIGNATURE_HEADER } from '../../../src/adapters/ingest/webhook-auth';
import { mountAlertWebhook, WEBHOOK_PATH } from '../../../src/adapters/ingest/webhook-route';
import type { SqlStore } from '../../../src/adapters/store/open-store';
import { defaultSettings, silentLogger, type AppDeps } from '../../../src/app/deps';
import { ingestRaw } from '../../../src/app/ingest-alert';
import { openTestStore } from '../store/test-databases';
import { alertIdOf, armAlert } from './raw-alerts';

const SECRET = 'webhook-secret-for-tests';

describe('alert webhook', () => {
  let store: SqlStore;
  let dispose: () => Promise<void>;
  let host: HttpHost;
  let url: string;

  beforeEach(async () => {
    ({ store, dispose } = await openTestStore('sqlite'));
    const deps: AppDeps = {
      store,
      surfaces: {},
      clock: { now: () => new Date() },
      logger: silentLogger,
      settings: defaultSettings,
      routes: () => [{ platform: 'slack', channelId: 'C1' }],
    };
    host = createHttpHost();
    mountAlertWebhook(host.app, { secret: SECRET, ingest: async (raw) => void (await ingestRaw(raw, deps)) });
    const { port } = await host.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${port}${WEBHOOK_PATH}`;
  });
  afterEach(async () => {
    await host.close();
    await dispose();
  });

  const send = (body: string, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const storedNothing = async () => {
    expect(await store.alerts.count()).toBe(0);
    expect(await store.outbox.counts()).toEqual({ pending: 0, done: 0, dead: 0 });
  };

  it('accepts one alert signed with HMAC-SHA256, after storing and queueing it', async () => {
    const body = JSON.stringify(armAlert(1));
    const res = await send(body, { [SIGNATURE_HEADER]: signBody(SECRET, body) });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 1 });
    expect((await store.alerts.get(alertIdOf(1)))?.alertType).toBe('VM_Test_1');
    expect((await store.outbox.forAlert(alertIdOf(1))).map((r) => r.kind)).toEqual(['post']);
  });

  it('accepts an array with a bearer secret', async () => {
    const res = await send(JSON.stringify([armAlert(1), armAlert(2), armAlert(3)]), { authorization: `Bearer ${SECRET}` });
    expect(res.status).toBe(202);
    expect(await store.alerts.count()).toBe(3);
  });

  it.each([
    ['a wrong signature', (body: string) => ({ [SIGNATURE_HEADER]: signBody('not-the-secret', body) })],
    ['a wrong bearer secret', () => ({ authorization: `Bearer ${SECRET}x` })],
    ['the secret as a signature', () => ({ [SIGNATURE_HEADER]: SECRET })],
    ['no credentials', () => ({})],
  ])('refuses %s with 401 and stores nothing', async (_what, headers) => {
    const body = JSON.stringify(armAlert(1));
    const res = await send(body, headers(body));
    expect(res.status).toBe(401);
    await storedNothing();
  });

  it('refuses malformed JSON with 400 and the reason', async () => {
    const body = '{"properties": {"systemAlertId": "x",';
    const res = await send(body, { [SIGNATURE_HEADER]: signBody(SECRET, body) });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/^body is not JSON: .*JSON/);
    await storedNothing();
  });

  it('refuses a body with one non-alert as a whole (400) and stores none of it', async () => {
    const body = JSON.stringify([armAlert(1), { hello: 'world' }]);
    const res = await send(body, { authorization: `Bearer ${SECRET}` });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/^not an alert: item 2/);
    await storedNothing();
  });

  it('refuses a 5 MB body with 413 and stores nothing', async () => {
    const big = JSON.stringify([armAlert(1), { padding: 'x'.repeat(5 * 1024 * 1024) }]);
    const res = await send(big, { authorization: `Bearer ${SECRET}` });
    expect(res.status).toBe(413);
    await storedNothing();
  });
});
