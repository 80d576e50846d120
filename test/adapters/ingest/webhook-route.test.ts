/**
 * POST /api/alerts over real HTTP: 202 only once stored and queued; not authenticated 401 (the
 * timestamped signature, the body-only signature, the bearer secret; a stale or future timestamp),
 * malformed JSON 400 with the reason, a body over a cap 413 naming the cap — and none of those
 * stores anything. An older update (a replay) never turns a Resolved alert back to Active.
 */
import crypto from 'node:crypto';
import { createHttpHost, type HttpHost } from '../../../src/adapters/http/http-host';
import { signBody, signTimestamped, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../../src/adapters/ingest/webhook-auth';
import { mountAlertWebhook, NOT_AUTHENTICATED, WEBHOOK_PATH, type WebhookOptions } from '../../../src/adapters/ingest/webhook-route';
import type { SqlStore } from '../../../src/adapters/store/open-store';
import { defaultSettings, silentLogger, type AppDeps } from '../../../src/app/deps';
import { ingestRaw } from '../../../src/app/ingest-alert';
import { openTestStore } from '../store/test-databases';
import { alertIdOf, armAlert } from './raw-alerts';

const SECRET = 'webhook-secret-for-tests-0123456789abcdef';

describe('alert webhook', () => {
  let store: SqlStore;
  let dispose: () => Promise<void>;
  let host: HttpHost;
  let url: string;
  /** The bot's clock (the timestamp check and the alerts' receipt). */
  const clock = { t: Date.parse('2026-12-07T10:00:00Z') };
  const warnings: { obj: Record<string, unknown>; msg?: string }[] = [];

  async function serve(options: Partial<WebhookOptions> = {}) {
    ({ store, dispose } = await openTestStore('sqlite'));
    const deps: AppDeps = {
      store,
      surfaces: {},
      clock: { now: () => new Date(clock.t) },
      logger: silentLogger,
      settings: defaultSettings,
      routes: () => [{ platform: 'slack', channelId: 'C1' }],
    };
    host = createHttpHost();
    const logger = { warn: (obj: object, msg?: string) => void warnings.push({ obj: obj as Record<string, unknown>, msg }), error() {} };
    mountAlertWebhook(host.app, { secret: SECRET, ingest: async (raw, _source, meta) => void (await ingestRaw(raw, deps, meta)), now: () => clock.t, logger, ...options });
    const { port } = await host.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${port}${WEBHOOK_PATH}`;
  }

  beforeEach(async () => {
    warnings.length = 0;
    clock.t = Date.parse('2026-12-07T10:00:00Z');
    await serve();
  });
  afterEach(async () => {
    await host.close();
    await dispose();
  });

  const send = (body: string, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  /** The recommended form: signed "<timestamp>.<body>", the timestamp `ageS` seconds before the bot's clock. */
  const timestamped = (body: string, ageS = 0) => {
    const ts = String(Math.round(clock.t / 1000) - ageS);
    return { [TIMESTAMP_HEADER]: ts, [SIGNATURE_HEADER]: signTimestamped(SECRET, ts, body) };
  };
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

  it('accepts the recommended form: HMAC-SHA256 of "<X-Triage-Timestamp>.<body>", a fresh timestamp', async () => {
    const body = JSON.stringify(armAlert(1));
    const res = await send(body, timestamped(body, 60));
    expect(res.status).toBe(202);
    expect(await store.alerts.count()).toBe(1);
    // The exact bytes signed, spelled out: what docs/ingest.md tells a sender to compute.
    const ts = String(Math.round(clock.t / 1000));
    const hex = crypto.createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex');
    expect((await send(body, { [TIMESTAMP_HEADER]: ts, [SIGNATURE_HEADER]: `sha256=${hex}` })).status).toBe(202);
  });

  it.each([
    ['a wrong signature', (body: string) => ({ [SIGNATURE_HEADER]: signBody('not-the-secret', body) })],
    ['a wrong bearer secret', () => ({ authorization: `Bearer ${SECRET}x` })],
    ['the secret as a signature', () => ({ [SIGNATURE_HEADER]: SECRET })],
    ['no credentials', () => ({})],
    ['a timestamp signed 6 minutes ago (a replay)', (body: string) => timestamped(body, 360)],
    ['a timestamp 2 minutes in the future', (body: string) => timestamped(body, -120)],
    ['a timestamp with the body-only signature', (body: string) => ({ [TIMESTAMP_HEADER]: String(Math.round(clock.t / 1000)), [SIGNATURE_HEADER]: signBody(SECRET, body) })],
    ['a timestamp that is not Unix seconds', (body: string) => ({ [TIMESTAMP_HEADER]: '2026-12-07T10:00:00Z', [SIGNATURE_HEADER]: signTimestamped(SECRET, '2026-12-07T10:00:00Z', body) })],
  ])('refuses %s with 401, a body that says nothing of why, and stores nothing', async (_what, headers) => {
    const body = JSON.stringify(armAlert(1));
    const res = await send(body, headers(body));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: NOT_AUTHENTICATED });
    await storedNothing();
  });

  it('logs a failed authentication with its reason, never the secret, a signature or the body; a flood is one line per 10 s', async () => {
    const body = JSON.stringify(armAlert(1, { alertType: 'NEEDLE_IN_THE_BODY' }));
    const headers = timestamped(body, 400);
    await send(body, headers);
    for (let i = 0; i < 5; i++) await send(body, { authorization: `Bearer ${SECRET}x` });
    clock.t += 10_000;
    await send(body, { authorization: 'Basic abc' });
    expect(warnings.map((w) => w.obj.reason)).toEqual([expect.stringMatching(/^stale timestamp: signed 400 s ago/), 'an Authorization header that is not Bearer']);
    expect(warnings[0]).toMatchObject({ msg: expect.stringContaining('401'), obj: { form: 'timestamped-signature', bodyBytes: body.length, remoteAddress: expect.any(String) } });
    expect(warnings[1]!.obj.notLoggedSinceLast).toBe(5);
    const logged = JSON.stringify(warnings);
    for (const leak of [SECRET, headers[SIGNATURE_HEADER]!.slice(7), 'NEEDLE_IN_THE_BODY']) expect(logged).not.toContain(leak);
  });

  it('WEBHOOK_REQUIRE_TIMESTAMP refuses the replayable forms', async () => {
    await host.close();
    await dispose();
    await serve({ requireTimestamp: true });
    const body = JSON.stringify(armAlert(1));
    expect((await send(body, { [SIGNATURE_HEADER]: signBody(SECRET, body) })).status).toBe(401);
    expect((await send(body, { authorization: `Bearer ${SECRET}` })).status).toBe(401);
    expect(warnings.map((w) => w.obj.reason)).toEqual([expect.stringContaining('WEBHOOK_REQUIRE_TIMESTAMP')]);
    expect((await send(body, timestamped(body))).status).toBe(202);
  });

  it('a replayed older body never turns a Resolved alert back to Active (timestamped form)', async () => {
    const active = JSON.stringify(armAlert(1));
    const activeHeaders = timestamped(active);
    expect((await send(active, activeHeaders)).status).toBe(202);
    clock.t += 60_000;
    const resolved = JSON.stringify(armAlert(1, { status: 'Resolved' }));
    expect((await send(resolved, timestamped(resolved))).status).toBe(202);
    clock.t += 60_000;
    // The captured Active request, replayed within its 5 minutes: accepted, and older than what is stored.
    expect((await send(active, activeHeaders)).status).toBe(202);
    expect((await store.alerts.get(alertIdOf(1)))?.status).toBe('Resolved');
    // A newer update still applies: Defender reopened it.
    clock.t += 60_000;
    const reopened = JSON.stringify(armAlert(1, { status: 'Active' }));
    expect((await send(reopened, timestamped(reopened))).status).toBe(202);
    expect((await store.alerts.get(alertIdOf(1)))?.status).toBe('Active');
  });

  it("orders updates by the alert's own last-modified time when its shape carries one, whatever the form", async () => {
    const at = (status: string, modified: string) => JSON.stringify({ ...armAlert(1, { status }), lastUpdateDateTime: modified });
    await send(at('Resolved', '2026-12-07T09:50:00Z'), { authorization: `Bearer ${SECRET}` });
    clock.t += 60_000;
    await send(at('Active', '2026-12-07T09:40:00Z'), { authorization: `Bearer ${SECRET}` }); // arrives later, is older
    expect((await store.alerts.get(alertIdOf(1)))?.status).toBe('Resolved');
  });

  it('caps a body at WEBHOOK_MAX_ALERTS alerts: 413 naming the cap, nothing stored', async () => {
    await host.close();
    await dispose();
    await serve({ maxAlerts: 3 });
    const body = JSON.stringify([1, 2, 3, 4].map((i) => armAlert(i)));
    const res = await send(body, timestamped(body));
    expect(res.status).toBe(413);
    expect((await res.json()).error).toBe('the body holds 4 alerts, more than WEBHOOK_MAX_ALERTS (3): send them in smaller bodies');
    await storedNothing();
    const three = JSON.stringify([1, 2, 3].map((i) => armAlert(i)));
    expect((await send(three, timestamped(three))).status).toBe(202);
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

  it('refuses a 5 MB body with 413 naming WEBHOOK_MAX_BYTES, and stores nothing', async () => {
    const big = JSON.stringify([armAlert(1), { padding: 'x'.repeat(5 * 1024 * 1024) }]);
    const res = await send(big, { authorization: `Bearer ${SECRET}` });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toBe(`the body is larger than WEBHOOK_MAX_BYTES (${4 * 1024 * 1024} bytes): send the alerts in smaller bodies`);
    await storedNothing();
  });

  it('keeps an alert whose times and severity are unusable: stored "time unknown", dated by its receipt', async () => {
    const raw = armAlert(1);
    for (const k of ['startTimeUtc', 'endTimeUtc', 'timeGeneratedUtc', 'processingEndTimeUtc']) delete raw.properties[k];
    raw.properties.severity = { level: 'Critical' };
    const body = JSON.stringify(raw);
    expect((await send(body, timestamped(body))).status).toBe(202);
    const stored = await store.alerts.get(alertIdOf(1));
    expect(stored).toMatchObject({ timeUnknown: true, receivedTime: new Date(clock.t).toISOString(), severity: 'Medium' });
    expect(stored?.unusable).toEqual([{ field: 'severity', value: '{"level":"Critical"}', instead: 'shown as Medium' }]);
    expect((await store.outbox.forAlert(alertIdOf(1))).map((r) => r.kind)).toEqual(['post']);
  });
});
