/**
 * Teams as the composition root plugs it in: the surface, its default route (TEAMS_ALERT_CHANNEL),
 * the /api/messages route on the shared host, and a readiness check that fails while a channel
 * answers 403 (bot removed or blocked). Shapes match the composition root's SurfaceModule.
 */
import type { Express } from 'express';
import type { AppDeps, Logger, Route } from '../../app/deps';
import type { TeamsConversationStore } from '../../ports/teams-conversations';
import { normalizeChannelId } from './conversation-ids';
import { createTeamsApp, type TeamsApp } from './teams-app';
import type { TeamsSettings } from './teams-settings';

export interface TeamsModuleConfig {
  TEAMS_APP_ID?: string;
  TEAMS_APP_PASSWORD?: string;
  TEAMS_TENANT_ID?: string;
  TEAMS_ALERT_CHANNEL?: string;
  TEAMS_ALLOW_ANONYMOUS: boolean;
  HOST?: string;
  mode: 'local' | 'connected';
}

export interface TeamsModuleInput {
  config: TeamsModuleConfig;
  conversations: TeamsConversationStore;
  logger: Logger;
  app: Express;
  deps: () => AppDeps;
}

export function teamsSettingsOf(config: TeamsModuleConfig): TeamsSettings {
  return {
    appId: config.TEAMS_APP_ID,
    appPassword: config.TEAMS_APP_PASSWORD,
    tenantId: config.TEAMS_TENANT_ID,
    alertChannel: config.TEAMS_ALERT_CHANNEL,
    allowAnonymous: config.TEAMS_ALLOW_ANONYMOUS,
    localMode: config.mode === 'local',
    extraHosts: config.HOST && !['0.0.0.0', '::', '[::]'].includes(config.HOST) ? [config.HOST] : [],
  };
}

export function teamsModule(input: TeamsModuleInput): {
  teams: TeamsApp;
  surface: TeamsApp['surface'];
  defaultRoutes: Route[];
  readiness: { name: string; critical?: boolean; check(): Promise<string | void> }[];
} {
  const teams = createTeamsApp({ settings: teamsSettingsOf(input.config), conversations: input.conversations, logger: input.logger });
  teams.mount(input.app, input.deps);
  const channel = input.config.TEAMS_ALERT_CHANNEL ? normalizeChannelId(input.config.TEAMS_ALERT_CHANNEL) : undefined;
  return {
    teams,
    surface: teams.surface,
    defaultRoutes: channel ? [{ platform: 'teams', channelId: channel }] : [],
    readiness: [
      {
        name: 'teams',
        critical: false, // a channel that removed the bot is shown, but other channels keep working
        async check() {
          const { problems } = teams.health();
          if (problems.length) return problems.map((p) => `${p.conversationId}: 403 since ${p.at} (bot removed or blocked)`).join('; ');
        },
      },
    ],
  };
}
