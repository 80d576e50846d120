/**
 * How the Teams adapter authenticates: with the bot's app registration (JWT validation of every
 * request, tokens for outbound calls, outbound host allowlist on), or anonymously, which is only
 * for local testing (the Agents Playground, a fake connector) and must be asked for explicitly.
 */
import { createOutboundHostValidator, type AuthConfiguration, type OutboundUrlPolicy } from '@microsoft/agents-hosting';
import { ConfigError } from '../../domain/errors';

export interface TeamsSettings {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  alertChannel?: string;
  allowAnonymous: boolean;
  /** The bot runs in local mode (no platform configured): anonymous is acceptable there. */
  localMode: boolean;
  /** Anonymous only: names besides loopback the server may be addressed by (HOST, when it names one). */
  extraHosts?: string[];
}

export interface TeamsAuth {
  anonymous: boolean;
  authConfig: AuthConfiguration;
  hostValidator: OutboundUrlPolicy;
  /** Said at startup, loudly when anonymous. */
  startupWarning?: string;
}

export function teamsAuth(s: TeamsSettings): TeamsAuth {
  if (s.appId) {
    if (!s.appPassword) throw new ConfigError(['TEAMS_APP_PASSWORD: required with TEAMS_APP_ID (the bot app registration secret)']);
    return {
      anonymous: false,
      authConfig: { clientId: s.appId, clientSecret: s.appPassword, tenantId: s.tenantId },
      // Only Microsoft's own hosts (Bot Connector, Graph…) may receive our tokens.
      hostValidator: createOutboundHostValidator({ enabled: true, includeDefaultMicrosoftHosts: true }),
    };
  }
  if (!s.allowAnonymous && !s.localMode) {
    throw new ConfigError(['TEAMS_APP_ID: required for Teams (or set TEAMS_ALLOW_ANONYMOUS=true for local testing only)']);
  }
  return {
    anonymous: true,
    authConfig: {},
    hostValidator: createOutboundHostValidator({ enabled: false }),
    startupWarning:
      'TEAMS IS RUNNING ANONYMOUSLY: /api/messages accepts unauthenticated requests and sends without tokens. ' +
      'Use this only with the Agents Playground or a local test connector; set TEAMS_APP_ID and TEAMS_APP_PASSWORD for a real tenant.',
  };
}
