/**
 * One bot replica as its own process, for the crash and replica tests: the SQL store, the webhook
 * on an HTTP port, the durable outbox worker posting to Slack (the real Slack surface, its sender
 * thread and WebClient, against SLACK_API_URL), the Defender poller when subscriptions are given, and
 * the Graph alerts_v2 poller when GRAPH_ENDPOINT is.
 * Everything is read from the environment; prints "READY <port>" once it listens.
 * Run: npx tsx test/chaos/replica-process.ts
 */
import { createHttpHost } from '../../src/adapters/http/http-host';
import { mountAlertWebhook } from '../../src/adapters/ingest/webhook-route';
import { ChannelPacer } from '../../src/adapters/slack/channel-pacer';
import { createSlackClient } from '../../src/adapters/slack/slack-client';
import { SlackSender } from '../../src/adapters/slack/slack-sender';
import { SlackSurface } from '../../src/adapters/slack/slack-surface';
import { openStore } from '../../src/adapters/store/open-store';
import { defaultSettings, type AppDeps, type Logger } from '../../src/app/deps';
import { ingestRaw } from '../../src/app/ingest-alert';
import { OutboxWorker } from '../../src/app/outbox-worker';
import type { DeliverAlerts } from '../../src/ports/alert-source';
import { systemClock } from '../../src/ports/clock';

const env = (name: string, fallback?: string): string => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) throw new Error(`${name} is required`);
  return v;
};

const errorsOnly: Logger = {
  info() {},
  debug() {},
  warn() {},
  error: (obj, msg) => process.stderr.write(`${env('REPLICA_ID')} error: ${msg ?? ''} ${JSON.stringify(obj, errorText)}\n`),
};

function errorText(_key: string, value: unknown): unknown {
  return value instanceof Error ? value.message : value;
}

async function main(): Promise<void> {
  const store = await openStore(env('DATABASE_URL'));
  const channel = env('SLACK_CHANNEL', 'C0ALERTS');
  // The sender the bot runs (WebClient and per-channel pacer, pacing off).
  const sender = new SlackSender(
    createSlackClient(env('SLACK_BOT_TOKEN', 'xoxb-chaos'), env('SLACK_API_URL'), errorsOnly),
    new ChannelPacer({ minIntervalMs: 0, baseBackoffMs: 20, maxBackoffMs: 200 }),
  );
  const surface = new SlackSurface(sender);
  const deps: AppDeps = {
    store,
    surfaces: { slack: surface },
    clock: systemClock,
    logger: errorsOnly,
    settings: defaultSettings,
    routes: () => [{ platform: 'slack', channelId: channel }],
  };
  const worker = new OutboxWorker(deps, {
    owner: env('REPLICA_ID'),
    leaseMs: Number(env('OUTBOX_LEASE_MS', '5000')),
    idleMs: 50,
    batchSize: 20,
  });
  const ingest: DeliverAlerts = async (raw, _source, meta) => {
    await ingestRaw(raw, deps, meta);
    worker.kick();
  };
  const host = createHttpHost();
  mountAlertWebhook(host.app, { secret: env('WEBHOOK_SECRET'), ingest, logger: errorsOnly });
  const { port } = await host.listen(Number(env('PORT', '0')), '127.0.0.1');
  await worker.start();
  const subscriptions = env('AZURE_SUBSCRIPTION_IDS', '').split(',').filter(Boolean);
  if (subscriptions.length) {
    // Loaded only when polling: the Azure SDK takes seconds to load on a busy machine.
    // require, not import(): under tsx's CommonJS hook a dynamic import() would not resolve .ts files.
    const { DefenderAlertLister } = require('../../src/adapters/azure/defender-alert-lister') as typeof import('../../src/adapters/azure/defender-alert-lister');
    const { DefenderPoller } = require('../../src/adapters/azure/defender-poller') as typeof import('../../src/adapters/azure/defender-poller');
    const poller = new DefenderPoller({
      lister: new DefenderAlertLister({
        credential: { getToken: async () => ({ token: 'test', expiresOnTimestamp: Date.now() + 3600_000 }) },
        endpoint: env('ARM_ENDPOINT'),
        allowInsecureConnection: true,
        retry: { retryDelayInMs: 50, maxRetryDelayInMs: 500 },
      }),
      subscriptionIds: subscriptions,
      pollState: store.pollState,
      leases: store.leases,
      owner: env('REPLICA_ID'),
      intervalMs: Number(env('POLL_INTERVAL_MS', '500')),
      leaseMs: Number(env('POLL_LEASE_MS', '3000')),
      clock: systemClock,
      logger: { info: (o, m) => process.stdout.write(`EVENT ${JSON.stringify({ msg: m, ...o })}\n`), warn() {}, error: errorsOnly.error },
    });
    await poller.start(ingest);
  }
  if (process.env.GRAPH_ENDPOINT) await startGraphPoller(store, ingest);
  process.stdout.write(`READY ${port}\n`);
  process.on('SIGTERM', () => {
    void worker.stop().then(() => host.close()).then(() => store.close()).then(() => process.exit(0));
  });
}

/** The Graph alerts_v2 poller of GRAPH_TENANT_ID; its bearer token is the replica's name, so the fake Graph can tell who polls. */
async function startGraphPoller(store: Awaited<ReturnType<typeof openStore>>, ingest: DeliverAlerts): Promise<void> {
  const { GraphSecurityClient } = require('../../src/adapters/azure/graph-security-client') as typeof import('../../src/adapters/azure/graph-security-client');
  const { GraphAlertPoller } = require('../../src/adapters/azure/graph-alert-poller') as typeof import('../../src/adapters/azure/graph-alert-poller');
  const owner = env('REPLICA_ID');
  const poller = new GraphAlertPoller({
    client: new GraphSecurityClient({ credential: { getToken: async () => ({ token: owner, expiresOnTimestamp: Date.now() + 3600_000 }) }, endpoint: env('GRAPH_ENDPOINT') }),
    tenantId: env('GRAPH_TENANT_ID'),
    pollState: store.pollState,
    leases: store.leases,
    owner,
    intervalMs: Number(env('POLL_INTERVAL_MS', '500')),
    leaseMs: Number(env('POLL_LEASE_MS', '3000')),
    clock: systemClock,
    logger: { info: (o, m) => process.stdout.write(`EVENT ${JSON.stringify({ msg: m, ...o })}\n`), warn() {}, error: errorsOnly.error },
  });
  await poller.start(ingest);
}

main().catch((err: unknown) => {
  process.stderr.write(`replica failed to start: ${(err as Error).stack}\n`);
  process.exit(1);
});
