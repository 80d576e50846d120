/**
 * The crash test: alerts flow through the webhook into a replica process that posts them to a fake
 * Slack, while the replica is killed with SIGKILL at random points and restarted. The sender acts
 * like a Logic App: it resends a batch until it gets 202. In the end every alert must be in Slack
 * exactly once. Shared by test/chaos/crash.test.ts (short) and `npm run chaos` (full size).
 */
import { signBody, SIGNATURE_HEADER } from '../../src/adapters/ingest/webhook-auth';
import { startFakeSlack, type FakeSlackApi } from '../fakes/slack-api-server';
import { createTestDatabase, type StoreKind } from '../adapters/store/test-databases';
import { alertIdOf, armAlert } from '../adapters/ingest/raw-alerts';
import { ReplicaHandle } from './replica-handle';

export interface ChaosOptions {
  alerts: number;
  kills: number;
  store?: StoreKind;
  batchSize?: number;
  seed?: number;
  timeoutMs?: number;
  /** Alerts in storms of this many (same type, same resource): the first is the group card, the rest replies in its thread. */
  stormSize?: number;
  log?: (line: string) => void;
}

export interface ChaosReport {
  alerts: number;
  kills: number;
  posted: number;
  duplicates: number;
  lost: number;
}

const SECRET = 'chaos-webhook-secret';
const CHANNEL = 'C0ALERTS';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Small deterministic PRNG (mulberry32), so a failing run can be repeated with its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runChaos(o: ChaosOptions): Promise<ChaosReport> {
  const log = o.log ?? (() => undefined);
  const random = seeded(o.seed ?? Date.now());
  const slack = await startFakeSlack({ token: 'xoxb-chaos' });
  const db = await createTestDatabase(o.store ?? 'sqlite');
  const replica = new ReplicaHandle({
    DATABASE_URL: db.url,
    WEBHOOK_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_BOT_TOKEN: 'xoxb-chaos',
    SLACK_CHANNEL: CHANNEL,
    REPLICA_ID: 'chaos-replica',
    OUTBOX_LEASE_MS: '5000',
  });
  let kills = 0;
  try {
    await replica.start();
    let accepted = 0;
    const sending = sendAll(o.alerts, o.batchSize ?? 10, o.stormSize, () => replica.port, (n) => (accepted += n));
    // Kill points: random moments in the whole flow, measured as alerts accepted + alerts posted,
    // so kills land while alerts are being received and while they are being posted.
    const killAt = Array.from({ length: o.kills }, () => Math.floor(random() * o.alerts * 2)).sort((a, b) => a - b);
    while (killAt.length) {
      const progress = accepted + new Set(postedIds(slack)).size;
      if (progress < killAt[0]) {
        await sleep(10 + random() * 40);
        continue;
      }
      killAt.shift();
      await replica.kill();
      kills++;
      log(`kill ${kills} at progress ${progress}`);
      await replica.start();
    }
    await sending;
    log(`all ${o.alerts} alerts accepted; ${new Set(postedIds(slack)).size} posted so far`);
    await waitForPosts(slack, o.alerts, o.timeoutMs ?? 60_000);
    await sleep(1500); // late duplicates would show up here
    log(`reconciliation lookups: conversations.history ${slack.callsOf('conversations.history').length}, conversations.replies ${slack.callsOf('conversations.replies').length}`);
    return report(slack, o.alerts, kills);
  } finally {
    await replica.kill().catch(() => undefined);
    await slack.close();
    await db.drop().catch(() => undefined);
  }
}

async function sendAll(alerts: number, batch: number, stormSize: number | undefined, port: () => number, accepted: (n: number) => void): Promise<void> {
  for (let first = 0; first < alerts; first += batch) {
    const ids = Array.from({ length: Math.min(batch, alerts - first) }, (_, k) => first + k);
    await sendUntilAccepted(ids, stormSize, port);
    accepted(ids.length);
  }
}

/** Alert `i`: its own type, or in storms its storm's type (all on the fixture's one VM). */
function chaosAlert(i: number, stormSize: number | undefined) {
  return stormSize ? armAlert(i, { alertType: `VM_Storm_${Math.floor(i / stormSize)}` }) : armAlert(i);
}

/** Like a Logic App with retries: the same batch again until the bot answers 202. */
async function sendUntilAccepted(ids: number[], stormSize: number | undefined, port: () => number): Promise<void> {
  const body = JSON.stringify(ids.map((i) => chaosAlert(i, stormSize)));
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port()}/api/alerts`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(SECRET, body) },
      });
      if (res.status === 202) return;
      if (res.status < 500) throw new Error(`webhook refused the batch: ${res.status} ${await res.text()}`);
    } catch (err) {
      if ((err as Error).message.startsWith('webhook refused')) throw err;
    }
    await sleep(100);
  }
  throw new Error('the webhook never accepted a batch');
}

/**
 * The alert each message in the channel shows — top-level cards and thread replies alike — read
 * from the message's content (its buttons carry the alert id), not from the metadata that
 * reconciliation relies on, so the count does not trust the mechanism it checks.
 */
function postedIds(slack: FakeSlackApi): string[] {
  return slack.messages.flatMap((m) => {
    const shown = new Set(JSON.stringify(m.blocks ?? []).match(CHAOS_ALERT_ID) ?? []);
    return shown.size === 1 ? [...shown] : [];
  });
}

const CHAOS_ALERT_ID = /2518000000000\d{6}_ingest-\d+/g;

async function waitForPosts(slack: FakeSlackApi, alerts: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (new Set(postedIds(slack)).size < alerts && Date.now() < deadline) await sleep(100);
}

function report(slack: FakeSlackApi, alerts: number, kills: number): ChaosReport {
  const posts = postedIds(slack);
  const distinct = new Set(posts);
  let lost = 0;
  for (let i = 0; i < alerts; i++) if (!distinct.has(alertIdOf(i))) lost++;
  return { alerts, kills, posted: posts.length, duplicates: posts.length - distinct.size, lost };
}
