/**
 * The Bolt app: how Slack reaches us. Socket Mode when an app-level token is set (no public URL);
 * otherwise HTTP at /slack/events on the shared express host, where Bolt's ExpressReceiver checks
 * every request's signature and refuses stale timestamps (replays) with 401.
 *
 * Transport only, as Bolt's own rule goes: every click and command is acked at once and handed to
 * button-click.ts / slash-command.ts, which turn it into an Intent for the use cases.
 */
import { App, ExpressReceiver, type AuthorizeResult, type BlockAction } from '@slack/bolt';
import type { Express, NextFunction, Request, Response } from 'express';
import { plainAuthFailures } from '../http/request-guards';
import type { AppDeps } from '../../app/deps';
import { handleButtonClick, type BlockActionsBody } from './button-click';
import { TriageError } from '../../domain/errors';
import { createSlackClient, DEFAULT_SLACK_API_URL, slackClientOptions, slackLogger } from './slack-client';
import { classifySlackError } from './slack-errors';
import type { SlackSurface } from './slack-surface';
import { SLASH_COMMANDS, acceptSlashCommand } from './slash-command';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAppOptions {
  botToken: string;
  /** Required in HTTP mode. */
  signingSecret?: string;
  /** xapp-…: Socket Mode. */
  appToken?: string;
  apiUrl?: string;
  /** The shared express app (HTTP mode mounts /slack/events on it). */
  httpApp?: Express;
  surface: SlackSurface;
  deps: AppDeps;
}

export interface SlackApp {
  bolt: App;
  mode: 'socket' | 'http';
  /** Verifies the token (auth.test) and, in Socket Mode, connects. */
  start(): Promise<void>;
  /** The workspace and Enterprise Grid the bot token belongs to (auth.test), once started. */
  ownWorkspace?: { teamId?: string; enterpriseId?: string; url?: string };
  stop(): Promise<void>;
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { deps } = options;
  const logger = slackLogger(deps.logger);
  const clientOptions = slackClientOptions(options.apiUrl, deps.logger);
  const socket = Boolean(options.appToken);
  // One auth.test at start, ours: Bolt's own would keep the bot's ids but not the workspace we serve.
  let identity: AuthorizeResult | undefined;
  const authorize = async (): Promise<AuthorizeResult> => {
    if (!identity) throw new Error('Slack app not started yet (auth.test has not answered)');
    return identity;
  };
  const common = { authorize, clientOptions, logger, deferInitialization: true } as const;
  const bolt = socket
    ? // The Socket Mode receiver hands installerOptions.clientOptions to its own WebClient, the one
      // that calls apps.connections.open: that is how SLACK_API_URL reaches Socket Mode too.
      new App({ ...common, appToken: options.appToken, socketMode: true, installerOptions: { clientOptions: { slackApiUrl: clientOptions.slackApiUrl } } })
    : new App({ ...common, receiver: httpReceiver(options, logger) });
  register(bolt, options);
  bolt.error(async (err) => deps.logger.error({ err }, 'slack: unhandled error in a listener'));
  let started = false;
  const app: SlackApp = {
    bolt,
    mode: socket ? 'socket' : 'http',
    async start() {
      const client = createSlackClient(options.botToken, options.apiUrl, deps.logger);
      const auth = await withStartRetries(() => client.auth.test()).catch((err: unknown) => {
        throw explainStartFailure(err, options.apiUrl);
      });
      identity = { botToken: options.botToken, botId: auth.bot_id, botUserId: auth.user_id, teamId: auth.team_id, enterpriseId: auth.enterprise_id || undefined };
      app.ownWorkspace = { teamId: auth.team_id || undefined, enterpriseId: auth.enterprise_id || undefined, url: auth.url || undefined };
      await bolt.init();
      if (socket) await bolt.start();
      started = true;
    },
    async stop() {
      if (socket && started) await bolt.stop();
      started = false;
    },
  };
  return app;
}

/** auth.test at start: a 429/5xx or a network blip is waited out (three tries); a refusal is final. */
async function withStartRetries<T>(call: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const failure = classifySlackError(err);
      if (failure.kind === 'final' || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, failure.kind === 'rate-limited' ? failure.retryAfterMs : 1000 * attempt));
    }
  }
}

/** auth.test failing at start is a configuration problem: say which setting to check. */
function explainStartFailure(err: unknown, apiUrl: string | undefined): Error {
  const code = (err as { data?: { error?: string } }).data?.error;
  if (code) return new TriageError('slack_auth', `Slack refused SLACK_BOT_TOKEN (auth.test: ${code}): check the bot token of the installed app`);
  const where = apiUrl ?? DEFAULT_SLACK_API_URL;
  return new TriageError('slack_unreachable', `could not reach Slack at ${where} (${(err as Error).message}): check SLACK_API_URL and the network`);
}

function httpReceiver(options: SlackAppOptions, logger: ReturnType<typeof slackLogger>): ExpressReceiver {
  if (!options.signingSecret) throw new Error('SLACK_SIGNING_SECRET is required for Slack HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  if (!options.httpApp) throw new Error('Slack HTTP mode needs the shared HTTP host');
  // In front of Bolt's receiver: plain 401 bodies, and requests dated in the future refused like stale ones.
  options.httpApp.use(SLACK_EVENTS_PATH, plainAuthFailures(SLACK_EVENTS_PATH, options.deps.logger), refuseFutureTimestamps);
  return new ExpressReceiver({
    signingSecret: options.signingSecret,
    app: options.httpApp,
    endpoints: SLACK_EVENTS_PATH,
    logger,
    // Ack first, work later: the HTTP answer goes out as soon as ack() is called.
    processBeforeResponse: false,
  });
}

/** Slack signs `v0:{timestamp}:{body}`; Bolt refuses a timestamp over 5 minutes old but accepts any in the future. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

function refuseFutureTimestamps(req: Request, res: Response, next: NextFunction): void {
  const ts = Number(req.headers['x-slack-request-timestamp']);
  if (Number.isFinite(ts) && ts > Date.now() / 1000 + MAX_CLOCK_SKEW_SECONDS) {
    res.status(401).send();
    return;
  }
  next();
}

function register(bolt: App, { deps, surface }: SlackAppOptions): void {
  // Every block action, ours or a link button's, is acked; ours are then worked on.
  bolt.action<BlockAction>({ type: 'block_actions' }, async ({ ack, body }) => {
    await ack();
    void handleButtonClick(body as unknown as BlockActionsBody, deps, surface);
  });
  for (const name of SLASH_COMMANDS) {
    bolt.command(name, async ({ ack, command, respond }) => {
      const { ack: answer, work } = acceptSlashCommand(command, deps);
      await ack(answer);
      if (work) void work((reply) => respond(reply as Parameters<typeof respond>[0]));
    });
  }
}
