/**
 * The Bolt app: how Slack reaches us. Socket Mode when an app-level token is set (no public URL);
 * otherwise HTTP at /slack/events on the shared express host, where Bolt's ExpressReceiver checks
 * every request's signature and refuses stale timestamps (replays) with 401.
 *
 * Transport only, as Bolt's own rule goes: every click and command is acked at once and handed to
 * button-click.ts / slash-command.ts, which turn it into an Intent for the use cases.
 */
import { App, ExpressReceiver, type BlockAction } from '@slack/bolt';
import type { Express } from 'express';
import type { AppDeps } from '../../app/deps';
import { handleButtonClick, type BlockActionsBody } from './button-click';
import { TriageError } from '../../domain/errors';
import { DEFAULT_SLACK_API_URL, slackClientOptions, slackLogger } from './slack-client';
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
  stop(): Promise<void>;
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { deps } = options;
  const logger = slackLogger(deps.logger);
  const clientOptions = slackClientOptions(options.apiUrl, deps.logger);
  const socket = Boolean(options.appToken);
  const common = { token: options.botToken, clientOptions, logger, deferInitialization: true } as const;
  const bolt = socket
    ? // The Socket Mode receiver hands installerOptions.clientOptions to its own WebClient, the one
      // that calls apps.connections.open: that is how SLACK_API_URL reaches Socket Mode too.
      new App({ ...common, appToken: options.appToken, socketMode: true, installerOptions: { clientOptions: { slackApiUrl: clientOptions.slackApiUrl } } })
    : new App({ ...common, receiver: httpReceiver(options, logger) });
  register(bolt, options);
  bolt.error(async (err) => deps.logger.error({ err }, 'slack: unhandled error in a listener'));
  let started = false;
  return {
    bolt,
    mode: socket ? 'socket' : 'http',
    async start() {
      await initWithRetries(bolt).catch((err: unknown) => {
        throw explainStartFailure(err, options.apiUrl);
      });
      if (socket) await bolt.start();
      started = true;
    },
    async stop() {
      if (socket && started) await bolt.stop();
      started = false;
    },
  };
}

/** auth.test at start: a 429/5xx or a network blip is waited out (three tries); a refusal is final. */
async function initWithRetries(bolt: App, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await bolt.init();
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
  return new ExpressReceiver({
    signingSecret: options.signingSecret,
    app: options.httpApp,
    endpoints: SLACK_EVENTS_PATH,
    logger,
    // Ack first, work later: the HTTP answer goes out as soon as ack() is called.
    processBeforeResponse: false,
  });
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
