/**
 * Two replicas (separate processes) on one PostgreSQL: 1,000 alerts, half through the webhook (to
 * either replica), half from a fake ARM server that only the poll-lease holder polls. Midway the
 * poll-lease holder is killed with SIGKILL: the other replica takes the lease within the lease time
 * and nothing is lost; every alert is posted to the (fake) Slack exactly once.
 */
import { signBody, SIGNATURE_HEADER } from '../../../src/adapters/ingest/webhook-auth';
import { pollLeaseName } from '../../../src/adapters/azure/defender-poller';
import { openStore, type SqlStore } from '../../../src/adapters/store/open-store';
import { startFakeSlack, type FakeSlackApi } from '../../fakes/slack-api-server';
import { ReplicaHandle } from '../../chaos/replica-handle';
import { createPostgresDatabase, type TestDatabase } from '../store/test-databases';
import { FakeArmAlerts } from './fake-arm-alerts';
import { alertIdOf, armAlert } from './raw-alerts';

jest.setTimeout(360_000); // 1,000 cards rendered and posted by two processes: slow on a busy 2-core machine

const SUB = '20ff7fc3-e762-44dd-bd96-b71116dcdc23';
const SECRET = 'replica-test-secret';
const POLL_LEASE_MS = 3000;
const POLL_INTERVAL_MS = 300;
const TOTAL = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('two replicas on one PostgreSQL', () => {
  let slack: FakeSlackApi;
  let arm: FakeArmAlerts;
  let db: TestDatabase;
  let store: SqlStore;
  const replicas: Record<string, ReplicaHandle> = {};

  beforeAll(async () => {
    slack = await startFakeSlack({ token: 'xoxb-replicas' });
    arm = await new FakeArmAlerts().start();
    arm.set(SUB, []);
    db = await createPostgresDatabase();
    store = await openStore(db.url); // migrated once here; the replicas find it done
    for (const name of ['replica-a', 'replica-b']) {
      replicas[name] = new ReplicaHandle({
        DATABASE_URL: db.url,
        WEBHOOK_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        SLACK_BOT_TOKEN: 'xoxb-replicas',
        REPLICA_ID: name,
        AZURE_SUBSCRIPTION_IDS: SUB,
        ARM_ENDPOINT: arm.url,
        POLL_INTERVAL_MS: String(POLL_INTERVAL_MS),
        POLL_LEASE_MS: String(POLL_LEASE_MS),
        OUTBOX_LEASE_MS: '3000',
      });
    }
    await Promise.all(Object.values(replicas).map((r) => r.start()));
  });

  afterAll(async () => {
    await Promise.all(Object.values(replicas).map((r) => r.kill()));
    await store?.close();
    await arm?.stop();
    await slack?.close();
    await db?.drop();
  });

  const post = async (replica: ReplicaHandle, ids: number[]) => {
    const body = JSON.stringify(ids.map((i) => armAlert(i)));
    const res = await fetch(`http://127.0.0.1:${replica.port}/api/alerts`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(SECRET, body) },
    });
    expect(res.status).toBe(202);
  };
  const webhookHalf = async (from: number, to: number, targets: ReplicaHandle[]) => {
    for (let i = from, n = 0; i < to; i += 10, n++) await post(targets[n % targets.length], range(i, Math.min(i + 10, to)));
  };
  const armHalf = (to: number) => arm.set(SUB, range(TOTAL / 2, to).map((i) => armAlert(i)));
  const postedIds = () => slack.messages.filter((m) => !m.thread_ts).map((m) => String(m.metadata?.event_payload.system_alert_id));

  it('posts 1,000 alerts exactly once and survives losing the poller', async () => {
    const a = replicas['replica-a'];
    const b = replicas['replica-b'];
    // First half: webhook calls spread over both replicas, ARM alerts appearing in steps.
    for (let step = 1; step <= 5; step++) {
      armHalf(TOTAL / 2 + step * 50);
      await webhookHalf((step - 1) * 50, step * 50, [a, b]);
    }
    await waitFor(() => new Set(postedIds()).size >= TOTAL / 2 - 50, 120_000);

    const holder = (await store.leases.get(pollLeaseName(SUB)))!.holder;
    const [victim, survivor] = holder === 'replica-a' ? [a, b] : [b, a];
    const killedAt = Date.now();
    await victim.kill();

    // The survivor takes the poll lease within the lease time, plus its next poll tick (which a busy
    // machine can delay by a few seconds).
    await waitFor(async () => (await store.leases.get(pollLeaseName(SUB)))?.holder !== holder, POLL_LEASE_MS + 10_000);
    const takeover = Date.now() - killedAt;
    expect(takeover).toBeLessThanOrEqual(POLL_LEASE_MS + POLL_INTERVAL_MS + 3000);

    // Second half, only the survivor is left.
    for (let step = 6; step <= 10; step++) {
      armHalf(TOTAL / 2 + step * 50);
      await webhookHalf((step - 1) * 50, step * 50, [survivor]);
    }
    await waitFor(() => new Set(postedIds()).size >= TOTAL, 180_000);
    await sleep(1500); // a late duplicate would show up here

    const posted = postedIds();
    const missing = range(0, TOTAL).filter((i) => !posted.includes(alertIdOf(i)));
    expect({ posts: posted.length, distinct: new Set(posted).size, missing }).toEqual({ posts: TOTAL, distinct: TOTAL, missing: [] });
    expect(await store.outbox.counts()).toEqual({ pending: 0, done: TOTAL, dead: 0 });
    expect(survivor.events.some((e) => e.msg === 'this replica now polls the subscription')).toBe(true);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}
