/**
 * The ingest wiring of the composition root: with WEBHOOK_SECRET and AZURE_SUBSCRIPTION_IDS set,
 * `buildApp` serves POST /api/alerts and polls (the fake) ARM, and the outbox worker posts each
 * alert once to (the fake) Slack.
 */
import { signBody, SIGNATURE_HEADER } from '../../../src/adapters/ingest/webhook-auth';
import { buildApp, type BuiltApp } from '../../../src/composition-root';
import { loadConfig } from '../../../src/config/load-config';
import { silentLogger } from '../../../src/app/deps';
import { startFakeSlack, type FakeSlackApi } from '../../fakes/slack-api-server';
import { createSqliteDatabase, type TestDatabase } from '../store/test-databases';
import { FakeArmAlerts } from './fake-arm-alerts';
import { alertIdOf, armAlert } from './raw-alerts';
import { freePort } from '../../helpers/free-port';

jest.setTimeout(60_000);

const SUB = '20ff7fc3-e762-44dd-bd96-b71116dcdc23';
const WIRING_SECRET = 'wiring-secret-0123456789abcdefghijklmnop';


describe('composition root: ingest wiring', () => {
  let slack: FakeSlackApi;
  let arm: FakeArmAlerts;
  let db: TestDatabase;
  let app: BuiltApp;
  let port: number;

  beforeAll(async () => {
    slack = await startFakeSlack({ token: 'xoxb-wiring' });
    arm = await new FakeArmAlerts().start();
    arm.set(SUB, [armAlert(10), armAlert(11)]);
    db = createSqliteDatabase();
    port = await freePort();
    const config = loadConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      SLACK_BOT_TOKEN: 'xoxb-wiring',
      SLACK_SIGNING_SECRET: 'signing',
      SLACK_API_URL: slack.apiUrl,
      SLACK_ALERT_CHANNEL: 'C0ALERTS',
      WEBHOOK_SECRET: WIRING_SECRET,
      AZURE_SUBSCRIPTION_IDS: SUB,
      ARM_ENDPOINT: arm.url,
      POLL_INTERVAL_SECONDS: '5',
      REPLICA_ID: 'wiring-test',
    });
    app = await buildApp(config, { logger: silentLogger });
    await app.start();
  });

  afterAll(async () => {
    await app?.stop();
    await arm?.stop();
    await slack?.close();
    await db?.drop();
  });

  it('posts polled and webhook alerts once each to Slack', async () => {
    const body = JSON.stringify([armAlert(1), armAlert(2)]);
    const res = await fetch(`http://127.0.0.1:${port}/api/alerts`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(WIRING_SECRET, body) },
    });
    expect(res.status).toBe(202);
    const posted = () => slack.messages.filter((m) => !m.thread_ts).map((m) => String(m.metadata?.event_payload.system_alert_id));
    const deadline = Date.now() + 30_000;
    while (posted().length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(posted().sort()).toEqual([1, 2, 10, 11].map(alertIdOf).sort());
    expect(arm.listRequests()[0].apiVersion).toBe('2022-01-01');
    expect((await app.deps.store.leases.get(`poll:${SUB}`))?.holder).toBe('wiring-test');
  });
});
