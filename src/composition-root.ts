/**
 * The only file that knows every adapter: builds the store, the chat surfaces, the alert sources
 * and the HTTP host from the validated configuration, and wires them into AppDeps.
 *
 * Adding a platform (Slack, Teams) or a source (poller, webhook, Event Hubs): add a
 * `SurfaceModule` in `buildSurfaceModules` or a source in `buildSources`, each behind its config
 * check. Load platform SDKs lazily (`require` inside the function) so local mode starts fast.
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ReplayAlertSource, BUNDLED_DEMO_DIR } from './adapters/local/replay-alert-source';
import { createHttpHost, type HttpHost } from './adapters/http/http-host';
import { mountAlertWebhook } from './adapters/ingest/webhook-route';
import { cachedCheck, mountHealthRoutes, type ReadinessCheck } from './adapters/observability/health-routes';
import { createLogger } from './adapters/observability/logger';
import { BotMetrics, instrumentLogsQuery, instrumentStore, instrumentSurface } from './adapters/observability/metrics';
import { DEFAULT_DATABASE_URL, openStore } from './adapters/store/open-store';
import { WebChannel } from './adapters/web/web-channel';
import { DEFAULT_CHANNEL, mountWebChannel } from './adapters/web/web-routes';
import { normalizeChannelId as normalizeTeamsChannelId } from './adapters/teams/conversation-ids';
import { WorkerCommandAnalyzer } from './adapters/analysis/worker-command-analyzer';
import type { AccessSettings, AppDeps, Logger, Route } from './app/deps';
import { createAppDeps, sharedAzureCredential } from './composition/app-deps';
import { answerIntent } from './app/answer-intent';
import { ingestRaw } from './app/ingest-alert';
import { startTriageBackground } from './app/triage-background';
import { OutboxWorker } from './app/outbox-worker';
import { investigateOnArrival } from './app/investigate-on-arrival';
import type { Config } from './config/load-config';
import { InvalidAlertError, TriageError } from './domain/errors';
import type { Platform } from './domain/intent';
import { parseRoutingRules, routeAlert } from './domain/routing';
import type { AlertSource, DeliverAlerts } from './ports/alert-source';
import type { CardModel } from './ports/card-model';
import type { ChatSurface } from './ports/chat-surface';
import type { DefenderWriteBack } from './ports/defender-client';
import type { TokenCredential } from '@azure/core-auth';
import type { GraphModule } from './adapters/azure/graph-module';
import type { CustomerAzure } from './adapters/azure/customer-azure';
import { alertRoutesOf } from './domain/customer-access';
import type { Customer } from './domain/customers';
import { systemClock, type Clock } from './ports/clock';
import type { LogsQuery } from './ports/logs-query';
import type { Store } from './ports/store';
import type { TeamsConversationStore } from './ports/teams-conversations';

/** A chat platform plugged into the app. */
export interface SurfaceModule {
  surface: ChatSurface;
  /** Channels every new alert goes to on this platform (before ROUTING_RULES). */
  defaultRoutes: Route[];
  start?(): Promise<void>;
  stop?(): Promise<void>;
  readiness?: ReadinessCheck[];
}

export interface BuildOptions {
  logger?: Logger;
  clock?: Clock;
  /** The Azure credential to use instead of the one AZURE_CREDENTIAL makes (tests against local fakes). */
  azureCredential?: TokenCredential;
  /** CUSTOMERS: the credential of each customer tenant instead of AZURE_TENANT_CREDENTIALS' (tests against local fakes). */
  azureCredentialFor?: (tenantId: string) => TokenCredential;
}

export interface StartedApp {
  address: AddressInfo;
  /** Where the local channel is served (local mode), or the base URL of the HTTP routes. */
  url: string;
}

export interface BuiltApp {
  config: Config;
  deps: AppDeps;
  host: HttpHost;
  /** The local web channel (local mode only). */
  web?: WebChannel;
  sources: AlertSource[];
  metrics: BotMetrics;
  start(): Promise<StartedApp>;
  stop(): Promise<void>;
}

/** Everything a surface or source module may need while being built. */
export interface BuildContext {
  config: Config;
  deps: AppDeps;
  host: HttpHost;
  store: Store;
  /** Teams' conversation references and waiting posts, kept in the SQL store beside everything else (only Teams needs them). */
  teamsConversations: TeamsConversationStore;
  logger: Logger;
  /** Normalize, store and post a raw alert payload (what every source delivers). */
  ingest: DeliverAlerts;
  /** The process's one Azure credential (AZURE_CREDENTIAL), made at first use. */
  azureCredential(): TokenCredential;
  /** CUSTOMERS: polling and write-back with each customer tenant's identity. */
  tenants?: CustomerAzure;
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<BuiltApp> {
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL ?? 'info' });
  const databaseUrl = config.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const store = await openStore(databaseUrl);
  const metrics = new BotMetrics();
  const host = createHttpHost();
  const surfaces: Partial<Record<Platform, ChatSurface>> = {};
  const defaultRoutes: Route[] = [];
  const rules = parseRoutingRules(config.ROUTING_RULES);
  const customers = config.CUSTOMERS.map(withTeamsChannelIds);
  const clock = options.clock ?? systemClock;
  const azureCredential = sharedAzureCredential(config, options.azureCredential);
  const tenants = customers.length && config.mode === 'connected' ? lazyCustomerAzure(config, customers, azureCredential, options.azureCredentialFor) : undefined;
  // The demo replays as if it had just happened (demo-time-shift.ts), alerts and workspace alike.
  const demoShiftMs = config.demoWorkspace && !config.DEMO_KEEP_TIMES && replaysBundledDemo(config) ? await demoShift(store, clock) : 0;
  // Settings, features, investigation ports and their queue: the same factory as the CLI's.
  const deps = await createAppDeps(config, store, { logger, clock, azureCredential, demoShiftMs, routes: (alert) => routeAlert(alert, rules, alertRoutesOf(alert, customers, defaultRoutes)) });
  // CUSTOMERS: a customer's alert goes to its own channels instead of the default ones (ROUTING_RULES still add).
  if (customers.length) deps.settings = { ...deps.settings, customers };
  deps.surfaces = surfaces;
  // Query timings and audited actions (votes, decisions, write-backs…) are counted at these seams.
  if (deps.logs) deps.logs = instrumentLogsQuery(deps.logs, metrics);
  deps.store = instrumentStore(store, metrics);
  // Analyze runs command lines in a worker with a time and a memory limit, never on this event loop.
  deps.commandAnalyzer = new WorkerCommandAnalyzer({ onStop: (reason, detail) => logger.warn({ reason }, `command analysis stopped: ${detail}`) });
  // Ingest queues posts in the durable outbox; this worker posts them (exactly once, across restarts).
  const outbox = new OutboxWorker(deps, {
    owner: config.REPLICA_ID ?? `${os.hostname()}:${config.PORT}`,
    // Investigations on arrival (AUTO_INVESTIGATE_MIN_SEVERITY): once the card's thread exists.
    onPosted: (row) => void investigateOnArrival(row, deps).catch((err: unknown) => logger.warn({ err, alertId: row.alertId }, 'investigation on arrival failed')),
  });
  const graph = config.GRAPH_ALERTS && config.mode === 'connected' ? buildGraph(config, store, outbox.owner, azureCredential(), deps) : undefined;
  // A polling bot stores every alert of its subscriptions and tenant as it arrives: Correlate reads
  // them there instead of listing a subscription's every alert from ARM per click (bench/correlate.ts).
  if (config.mode === 'connected' && (config.AZURE_SUBSCRIPTION_IDS.length || customers.length || config.GRAPH_ALERTS)) deps.defender = await storedAlertsDefender(store);
  if (graph) deps.xdrIncidents = graph.incidents;
  if (config.WRITE_BACK && config.mode === 'connected') deps.writeBack = await buildWriteBack(config, azureCredential, graph?.writeBack, tenants);
  const ingest: DeliverAlerts = async (raw, source, meta) => {
    const outcomes = await ingestRaw(raw, deps, meta).catch((err: unknown) => {
      if (err instanceof InvalidAlertError) metrics.alertsIngested.inc({ source: sourceKind(source), outcome: 'invalid' });
      throw err;
    });
    for (const o of outcomes) {
      metrics.alertsIngested.inc({ source: sourceKind(source), outcome: ingestOutcomeLabel(o) });
    }
    outbox.kick();
  };
  const context: BuildContext = { config, deps, host, store, teamsConversations: store.teams, logger, ingest, azureCredential, tenants };

  let web: WebChannel | undefined;
  const modules: SurfaceModule[] = [];
  if (config.mode === 'local') {
    web = new WebChannel({ render: lazyAdaptiveCardRenderer(), file: webChannelFile(databaseUrl) });
    mountWebChannel(host.app, web, {
      handle: (request, response) => answerIntent(request, deps, response),
      logWarn: (obj, msg) => logger.warn(obj, msg),
    });
    modules.push({ surface: web, defaultRoutes: [{ platform: 'web', channelId: DEFAULT_CHANNEL }] });
  }
  modules.push(...(await buildSurfaceModules(context)));
  for (const m of modules) {
    surfaces[m.surface.platform] = instrumentSurface(m.surface, metrics);
    defaultRoutes.push(...m.defaultRoutes);
  }
  if (!deps.settings.handoffRoutes?.length) deps.settings.handoffRoutes = [...defaultRoutes]; // handoffs go where alerts go
  // In place: the Slack module holds this object and adds its workspace to it at start.
  Object.assign((deps.settings.access ??= { emptyRoster: 'nobody' }), accessOf(config, [...defaultRoutes, ...rules.map((r) => ({ platform: r.platform, channelId: r.channel })), ...deps.settings.handoffRoutes]));
  const sources = await buildSources(context, outbox, demoShiftMs);
  if (graph) sources.push(graph.poller);
  if (config.WEBHOOK_SECRET) {
    mountAlertWebhook(host.app, {
      secret: config.WEBHOOK_SECRET,
      ingest,
      logger,
      maxAlerts: config.WEBHOOK_MAX_ALERTS,
      limitBytes: config.WEBHOOK_MAX_BYTES,
      requireTimestamp: config.WEBHOOK_REQUIRE_TIMESTAMP,
      now: () => deps.clock.now().getTime(),
    });
  }
  const readiness: ReadinessCheck[] = [{ name: 'store', check: () => store.ping() }, ...modules.flatMap((m) => m.readiness ?? [])];
  if (config.mode === 'connected' && deps.logs) readiness.push(azureReadiness(deps.investigations.view(deps.logs, 'interactive', 'system:readyz')));
  // Like Azure, not critical: without Graph, alerts still arrive by the other sources and post.
  if (graph) readiness.push({ name: 'graph', critical: false, check: cachedCheck(graph.check, 60_000) });
  mountHealthRoutes(host.app, () => readiness, metrics, { token: config.METRICS_TOKEN });

  let stopped = false;
  let stopTriage: (() => void) | undefined;
  return {
    config,
    deps,
    host,
    web,
    sources,
    metrics,
    async start() {
      const bindHost = bindAddress(config);
      const address = await listenOrExplain(host, config.PORT, bindHost);
      for (const m of modules) await m.start?.();
      await outbox.start();
      for (const source of sources) await source.start(ingest);
      stopTriage = startTriageBackground(deps);
      return { address, url: `http://${bindHost === '0.0.0.0' ? '127.0.0.1' : bindHost}:${address.port}/` };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      stopTriage?.();
      for (const source of sources) await source.stop().catch((err: unknown) => logger.warn({ err }, `stopping ${source.name} failed`));
      await outbox.stop();
      for (const m of modules) await m.stop?.().catch((err: unknown) => logger.warn({ err }, 'stopping a surface failed'));
      await host.close();
      await deps.commandAnalyzer?.close();
      web?.flush();
      await store.close();
    },
  };
}

/** Slack and Teams modules, each when configured (lazy imports keep local mode fast). */
async function buildSurfaceModules(context: BuildContext): Promise<SurfaceModule[]> {
  const modules: SurfaceModule[] = [];
  if (context.config.slackEnabled) modules.push((require('./adapters/slack/slack-module') as typeof import('./adapters/slack/slack-module')).slackModule(context));
  if (context.config.teamsEnabled) {
    const { teamsModule } = require('./adapters/teams/teams-module') as typeof import('./adapters/teams/teams-module');
    modules.push(teamsModule({ config: context.config, conversations: context.teamsConversations, logger: context.logger, app: context.host.app, deps: () => context.deps }));
  }
  return modules;
}

/**
 * WRITE_BACK: decisions to Defender with the explicitly chosen Azure credential (lazy imports keep
 * local mode fast): to the Defender XDR alert (Graph) when the alert is in the Defender portal and
 * GRAPH_ALERTS is on, else to the ARM alert.
 */
async function buildWriteBack(config: Config, credential: () => TokenCredential, graph?: DefenderWriteBack, tenants?: CustomerAzure): Promise<DefenderWriteBack> {
  const { ArmDefenderWriteBack } = require('./adapters/azure/defender-write-back') as typeof import('./adapters/azure/defender-write-back');
  const { RoutedWriteBack } = require('./adapters/azure/graph-write-back') as typeof import('./adapters/azure/graph-write-back');
  const endpoint = config.ARM_ENDPOINT;
  // CUSTOMERS: each alert's decision is written with its tenant's identity.
  const arm = tenants ? tenants.writeBack() : new ArmDefenderWriteBack({ credential: credential(), endpoint, allowInsecureConnection: endpoint?.startsWith('http://') ?? false });
  return new RoutedWriteBack({ graph, arm });
}

/** GRAPH_ALERTS: the Graph poller, XDR write-back and incidents, one client for the tenant. */
function buildGraph(config: Config, store: Store, owner: string, credential: TokenCredential, deps: AppDeps): GraphModule {
  const { graphModule } = require('./adapters/azure/graph-module') as typeof import('./adapters/azure/graph-module');
  return graphModule(config, { credential, pollState: store.pollState, leases: store.leases, owner, clock: deps.clock, logger: deps.logger });
}

/**
 * The card renderer loads adaptivecards-templating and adaptive-expressions, the slowest imports of
 * local mode (about half its start-up): load them at the first card, after the server listens.
 */
function lazyAdaptiveCardRenderer(): (model: CardModel) => object {
  let render: ((model: CardModel) => object) | undefined;
  return (model) => {
    if (!render) {
      const { renderAdaptiveCard } = require('./adapters/cards/render-adaptive-card') as typeof import('./adapters/cards/render-adaptive-card');
      const { webAnswerLink } = require('./adapters/cards/answer-links') as typeof import('./adapters/cards/answer-links');
      const answerLink = webAnswerLink();
      render = (m) => renderAdaptiveCard(m, undefined, answerLink);
    }
    return render(model);
  };
}

async function storedAlertsDefender(store: Store): Promise<AppDeps['defender']> {
  const { StoreBackedDefenderClient } = require('./adapters/local/demo-workspace-defender') as typeof import('./adapters/local/demo-workspace-defender');
  return new StoreBackedDefenderClient(store.alerts);
}

async function demoShift(store: Store, clock: Clock): Promise<number> {
  const { demoTimeShiftMs } = require('./adapters/local/demo-time-shift') as typeof import('./adapters/local/demo-time-shift');
  return demoTimeShiftMs(store.alerts, clock.now());
}

/** Whether the bundled demo alerts are what is replayed (only then do alerts and workspace move together). */
function replaysBundledDemo(config: Config): boolean {
  if (config.ALERT_REPLAY_DIR) return path.resolve(config.ALERT_REPLAY_DIR) === BUNDLED_DEMO_DIR;
  return config.mode === 'local' && config.LOCAL_DEMO;
}

/** The bundled demo alerts, moved in time as the demo workspace is (when they are what is replayed). */
function demoReplay(dir: string, logger: Logger, shiftMs: number): ReplayAlertSource {
  if (!shiftMs || path.resolve(dir) !== BUNDLED_DEMO_DIR) return new ReplayAlertSource(dir, logger);
  const { shiftIsoTimes } = require('./adapters/local/demo-time-shift') as typeof import('./adapters/local/demo-time-shift');
  return new ReplayAlertSource(dir, logger, (raw) => shiftIsoTimes(raw, shiftMs));
}

/** Where alerts come from: replay files (ALERT_REPLAY_DIR, or the demo alerts in local mode); pollers etc. when configured. */
async function buildSources(context: BuildContext, outbox: OutboxWorker, demoShiftMs: number): Promise<AlertSource[]> {
  const { config, logger } = context;
  const sources: AlertSource[] = [];
  if (config.ALERT_REPLAY_DIR) sources.push(demoReplay(path.resolve(config.ALERT_REPLAY_DIR), logger, demoShiftMs));
  else if (config.mode === 'local' && config.LOCAL_DEMO) sources.push(demoReplay(BUNDLED_DEMO_DIR, logger, demoShiftMs));
  if (context.tenants) sources.push(context.tenants.poller(pollerOptions(context, outbox)));
  else if (config.AZURE_SUBSCRIPTION_IDS.length) sources.push(await buildPoller(context, outbox));
  if (config.EVENTHUB_CONNECTION_STRING && config.CHECKPOINT_STORAGE_CONNECTION_STRING) {
    const { EventHubsAlertSource } = require('./adapters/ingest/event-hubs-source') as typeof import('./adapters/ingest/event-hubs-source');
    sources.push(
      new EventHubsAlertSource({
        connectionString: config.EVENTHUB_CONNECTION_STRING,
        eventHubName: config.EVENTHUB_NAME,
        consumerGroup: config.EVENTHUB_CONSUMER_GROUP,
        checkpointConnectionString: config.CHECKPOINT_STORAGE_CONNECTION_STRING,
        checkpointContainer: config.CHECKPOINT_CONTAINER ?? 'defender-alert-checkpoints',
        logger,
      }),
    );
  }
  return sources;
}

/** Defender polling: every AZURE_SUBSCRIPTION_IDS subscription, one replica at a time per subscription (lease). */
async function buildPoller(context: BuildContext, outbox: OutboxWorker): Promise<AlertSource> {
  const { config } = context;
  const { DefenderAlertLister } = require('./adapters/azure/defender-alert-lister') as typeof import('./adapters/azure/defender-alert-lister');
  const { DefenderPoller } = require('./adapters/azure/defender-poller') as typeof import('./adapters/azure/defender-poller');
  const endpoint = config.ARM_ENDPOINT;
  const lister = new DefenderAlertLister({ credential: context.azureCredential(), endpoint, allowInsecureConnection: endpoint?.startsWith('http://') ?? false });
  return new DefenderPoller({
    lister,
    subscriptionIds: config.AZURE_SUBSCRIPTION_IDS,
    ...pollerOptions(context, outbox),
  });
}

/** CUSTOMERS: the tenants' pollers and write-back (the Azure SDKs load only when customers are configured). */
function lazyCustomerAzure(config: Config, customers: Customer[], own: () => TokenCredential, make?: (tenantId: string) => TokenCredential): CustomerAzure {
  const { customerAzure } = require('./adapters/azure/customer-azure') as typeof import('./adapters/azure/customer-azure');
  return customerAzure(config, customers, own, make);
}

/** The poll loop's settings, shared by the one poller and the per-tenant ones. */
function pollerOptions(context: BuildContext, outbox: OutboxWorker) {
  const { config, store, logger } = context;
  return {
    pollState: store.pollState,
    leases: store.leases,
    owner: outbox.owner,
    intervalMs: config.POLL_INTERVAL_SECONDS * 1000,
    leaseMs: config.POLL_LEASE_SECONDS ? config.POLL_LEASE_SECONDS * 1000 : undefined,
    clock: context.deps.clock,
    logger,
  };
}

/** Teams channel ids as the Teams adapter gives them to requests, so a customer's channel is recognised. */
function withTeamsChannelIds(c: Customer): Customer {
  const norm = (r: Route): Route => (r.platform === 'teams' ? { ...r, channelId: normalizeTeamsChannelId(r.channelId) } : r);
  return { ...c, alertRoutes: c.alertRoutes.map(norm), handoffRoutes: c.handoffRoutes.map(norm) };
}

/**
 * Who may act where (src/app/authorize.ts): the triage channels (TRIAGE_CHANNELS, default the alert,
 * routing-rule and handoff channels), the Teams tenants served, and what an empty roster means —
 * everyone in local mode (it has no login), nobody with Slack or Teams. Slack's workspaces are
 * the Slack module's (it learns the token's own at start).
 */
function accessOf(config: Config, alertAndHandoffChannels: Route[]): AccessSettings {
  const listed = config.TRIAGE_CHANNELS.length ? config.TRIAGE_CHANNELS : alertAndHandoffChannels;
  const channels: Route[] = [];
  for (const route of listed) {
    const channelId = route.platform === 'teams' ? normalizeTeamsChannelId(route.channelId) : route.channelId;
    if (!channels.some((c) => c.platform === route.platform && c.channelId === channelId)) channels.push({ platform: route.platform, channelId });
  }
  const tenants = config.TEAMS_TENANT_IDS.length ? config.TEAMS_TENANT_IDS : config.TEAMS_TENANT_ID ? [config.TEAMS_TENANT_ID] : undefined;
  return { channels, emptyRoster: config.mode === 'local' ? 'everyone' : 'nobody', teamsTenants: config.teamsEnabled ? tenants : undefined };
}

/** The local channel's messages live beside the SQLite database (./data by default). */
function webChannelFile(databaseUrl: string): string | undefined {
  if (!databaseUrl.startsWith('sqlite:')) return path.resolve('data', 'web-channel.json');
  const file = databaseUrl.slice('sqlite:'.length);
  if (!file || file === ':memory:') return undefined;
  return path.join(path.dirname(path.resolve(file)), 'web-channel.json');
}

/**
 * Azure reachable: token, network and the Log Analytics role, proven by a trivial query at most once
 * a minute. Not critical: without Azure, alerts still post and votes still count (investigations fail
 * and say so in the thread).
 */
function azureReadiness(logs: LogsQuery): ReadinessCheck {
  const check = cachedCheck(async () => {
    const end = new Date();
    const start = new Date(end.getTime() - 5 * 60_000);
    const result = await logs.query({ name: 'readyz', query: 'print ok = 1', timespan: { start: start.toISOString(), end: end.toISOString() } });
    if (result.status === 'failure') return `Log Analytics query failed: ${result.reason}`;
  }, 60_000);
  return { name: 'azure', critical: false, check };
}

/**
 * Local mode and unauthenticated Teams (TEAMS_ALLOW_ANONYMOUS without an app id) listen on loopback
 * only, unless HOST says otherwise: an endpoint anyone can call must not face the network by default.
 */
function bindAddress(config: Config): string {
  if (config.mode === 'local') return '127.0.0.1';
  if (config.HOST) return config.HOST;
  return config.TEAMS_ALLOW_ANONYMOUS && !config.TEAMS_APP_ID ? '127.0.0.1' : '0.0.0.0';
}

async function listenOrExplain(host: HttpHost, port: number, bindHost: string): Promise<AddressInfo> {
  try {
    return await host.listen(port, bindHost);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new TriageError('port_in_use', `port ${port} on ${bindHost} is in use: stop the other process or set PORT to a free port`);
    if (code === 'EACCES') throw new TriageError('port_denied', `not allowed to listen on port ${port}: set PORT to a port above 1023`);
    throw err;
  }
}

function ingestOutcomeLabel(o: { inserted: boolean; statusChanged: boolean; enriched?: boolean; outdated?: boolean }): string {
  if (o.outdated) return 'outdated';
  return o.inserted ? 'new' : o.statusChanged ? 'status-change' : o.enriched ? 'enriched' : 'duplicate';
}

function sourceKind(source: string): string {
  return source.endsWith('.json') ? 'replay' : source.split(':')[0] || 'unknown';
}
