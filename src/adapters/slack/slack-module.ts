/**
 * Slack as the composition root plugs it in: the surface (posts through the per-channel pacer),
 * the Bolt app (Socket Mode or HTTP on the shared host), and SLACK_ALERT_CHANNEL as the default
 * route. Typed structurally so this adapter does not import the composition root.
 *
 * Only our own workspace is served: SLACK_TEAM_IDS / SLACK_ENTERPRISE_IDS, each defaulting to what
 * auth.test says the bot token belongs to. Until start has asked, no workspace is served.
 */
import type { Express } from 'express';
import type { AccessSettings, AppDeps, Route } from '../../app/deps';
import { OPEN_POLICY } from '../../domain/access-policy';
import { ChannelPacer, type ChannelPacerOptions } from './channel-pacer';
import { createSlackApp, type SlackApp } from './slack-app';
import { createSlackClient } from './slack-client';
import { SlackSender } from './slack-sender';
import { SlackSurface } from './slack-surface';

export interface SlackSettings {
  SLACK_BOT_TOKEN?: string;
  SLACK_SIGNING_SECRET?: string;
  SLACK_APP_TOKEN?: string;
  SLACK_API_URL?: string;
  SLACK_ALERT_CHANNEL?: string;
  SLACK_TEAM_IDS?: string[];
  SLACK_ENTERPRISE_IDS?: string[];
}

export interface SlackModuleContext {
  config: SlackSettings;
  deps: AppDeps;
  host: { app: Express };
}

export interface SlackModule {
  surface: SlackSurface;
  app: SlackApp;
  sender: SlackSender;
  defaultRoutes: Route[];
  start(): Promise<void>;
  stop(): Promise<void>;
  readiness: { name: string; check(): Promise<string | void> }[];
}

/** `pacing`: the per-channel pacer's settings (default: Slack's one post per second per channel). */
export function slackModule({ config, deps, host }: SlackModuleContext, pacing: ChannelPacerOptions = {}): SlackModule {
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new Error('slackModule: SLACK_BOT_TOKEN is not set');
  const sender = new SlackSender(createSlackClient(token, config.SLACK_API_URL, deps.logger), new ChannelPacer(pacing));
  // The permalinks' base is known once start's auth.test has answered (cards are posted after that).
  const surface = new SlackSurface(sender, () => app.ownWorkspace?.url);
  const access = (deps.settings.access ??= { ...OPEN_POLICY });
  access.slackTeams = [...(config.SLACK_TEAM_IDS ?? [])];
  access.slackEnterprises = [...(config.SLACK_ENTERPRISE_IDS ?? [])];
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
      await app.start();
      servedWorkspaces(app, config, access);
      deps.logger.info({ mode: app.mode, channel: config.SLACK_ALERT_CHANNEL }, `slack: connected (${app.mode === 'socket' ? 'Socket Mode' : 'HTTP at /slack/events'})`);
    },
    async stop() {
      await app.stop();
    },
    readiness: [
      {
        name: 'slack',
        // Calls still waiting in the pacer are worth knowing about; a long queue means rate limits.
        check: async () => (sender.pending > 100 ? `${sender.pending} Slack calls queued` : undefined),
      },
    ],
  };
}

/** The workspace (and Enterprise Grid) of the bot token, served when SLACK_TEAM_IDS / SLACK_ENTERPRISE_IDS do not say otherwise. */
function servedWorkspaces(app: SlackApp, config: SlackSettings, access: AccessSettings): void {
  const own = app.ownWorkspace ?? {};
  if (!config.SLACK_TEAM_IDS?.length && own.teamId) access.slackTeams = [own.teamId];
  if (!config.SLACK_ENTERPRISE_IDS?.length && own.enterpriseId) access.slackEnterprises = [own.enterpriseId];
}
