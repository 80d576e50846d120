/**
 * Slack as the composition root plugs it in: the surface (posts through the per-channel outbox),
 * the Bolt app (Socket Mode or HTTP on the shared host), and SLACK_ALERT_CHANNEL as the default
 * route. Typed structurally so this adapter does not import the composition root.
 */
import type { Express } from 'express';
import type { AppDeps, Route } from '../../app/deps';
import type { ChannelOutboxOptions } from './channel-outbox';
import { createSlackApp, type SlackApp } from './slack-app';
import { SlackSurface } from './slack-surface';
import { ThreadedSlackSender } from './threaded-slack-sender';

export interface SlackSettings {
  SLACK_BOT_TOKEN?: string;
  SLACK_SIGNING_SECRET?: string;
  SLACK_APP_TOKEN?: string;
  SLACK_API_URL?: string;
  SLACK_ALERT_CHANNEL?: string;
}

export interface SlackModuleContext {
  config: SlackSettings;
  deps: AppDeps;
  host: { app: Express };
}

export interface SlackModule {
  surface: SlackSurface;
  app: SlackApp;
  sender: ThreadedSlackSender;
  defaultRoutes: Route[];
  start(): Promise<void>;
  stop(): Promise<void>;
  readiness: { name: string; check(): Promise<string | void> }[];
}

/** `pacing`: the per-channel outbox's settings (default: Slack's one post per second per channel). */
export function slackModule({ config, deps, host }: SlackModuleContext, pacing: ChannelOutboxOptions = {}): SlackModule {
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new Error('slackModule: SLACK_BOT_TOKEN is not set');
  const { minIntervalMs, maxAttempts, maxRateLimited, baseBackoffMs, maxBackoffMs } = pacing;
  const sender = new ThreadedSlackSender({ token, apiUrl: config.SLACK_API_URL, outbox: { minIntervalMs, maxAttempts, maxRateLimited, baseBackoffMs, maxBackoffMs } }, deps.logger);
  const surface = new SlackSurface(sender);
  const app = createSlackApp({
    botToken: token,
    signingSecret: config.SLACK_SIGNING_SECRET,
    appToken: config.SLACK_APP_TOKEN,
    apiUrl: config.SLACK_API_URL,
    httpApp: host.app,
    surface,
    deps,
  });
  return {
    surface,
    app,
    sender,
    defaultRoutes: config.SLACK_ALERT_CHANNEL ? [{ platform: 'slack', channelId: config.SLACK_ALERT_CHANNEL }] : [],
    async start() {
      sender.warm();
      await app.start();
      deps.logger.info({ mode: app.mode, channel: config.SLACK_ALERT_CHANNEL }, `slack: connected (${app.mode === 'socket' ? 'Socket Mode' : 'HTTP at /slack/events'})`);
    },
    async stop() {
      await app.stop();
      await sender.close();
    },
    readiness: [
      {
        name: 'slack',
        // Messages still waiting in the outbox are worth knowing about; a long queue means rate limits.
        check: async () => (sender.pending > 100 ? `${sender.pending} Slack calls queued` : undefined),
      },
    ],
  };
}
