/**
 * The Teams adapter, assembled: the Agents SDK's CloudAdapter (JWT validation, tokens, outbound
 * host allowlist), our sender (pacing, retries, 403 health), the ChatSurface, and the route
 * POST /api/messages on the shared HTTP host. The composition root creates one of these when
 * Teams is enabled and gives it the AppDeps once they exist (the surface is part of them).
 */
import { CloudAdapter } from '@microsoft/agents-hosting';
import type { Express, Request, Response } from 'express';
import { alertCard } from '../../app/alert-card';
import type { AppDeps, Logger } from '../../app/deps';
import type { TeamsConversationStore } from '../../ports/teams-conversations';
import { jsonBody } from '../http/http-host';
import { onlyLoopbackHost, plainAuthFailures } from '../http/request-guards';
import { ConnectorSender } from './connector-sender';
import { realClock, ThreadRateLimiter, type LimiterClock } from './rate-limiter';
import { RefreshAudience } from './refresh-audience';
import { defaultRetryOptions, type RetryOptions } from './retry';
import { TeamsHealth, type TeamsProblem } from './teams-health';
import { teamsAuth, type TeamsSettings } from './teams-settings';
import { TeamsSurface } from './teams-surface';
import { onTurn } from './teams-turn';

export const TEAMS_ROUTE = '/api/messages';

export interface TeamsAppOptions {
  settings: TeamsSettings;
  conversations: TeamsConversationStore;
  logger: Logger;
  now?: () => Date;
  retry?: Partial<RetryOptions>;
  limiterClock?: LimiterClock;
  /** How long a card click may wait for its use case before Teams gets the current card. */
  answerWithinMs?: number;
}

export interface TeamsApp {
  surface: TeamsSurface;
  anonymous: boolean;
  /** Mounts POST /api/messages; `deps` is read per request (it is built after this app). */
  mount(app: Express, deps: () => AppDeps): void;
  /** Problems for /readyz: conversations where Teams answered 403. */
  health(): { ok: boolean; problems: TeamsProblem[] };
  /** Resolves when background work started by turns so far (thread replies, follow-ups) is done. */
  idle(): Promise<void>;
}

export function createTeamsApp(o: TeamsAppOptions): TeamsApp {
  const auth = teamsAuth(o.settings);
  if (auth.startupWarning) o.logger.warn(auth.startupWarning);
  const now = o.now ?? (() => new Date());
  const adapter = new CloudAdapter(auth.authConfig, undefined, undefined, undefined, auth.hostValidator);
  adapter.onTurnError = async (_context, error) => o.logger.error({ err: error }, 'Teams turn failed');
  const health = new TeamsHealth(() => now().getTime());
  const audience = new RefreshAudience();
  const sender = new ConnectorSender({
    adapter,
    appId: o.settings.appId,
    conversations: o.conversations,
    limiter: new ThreadRateLimiter(undefined, o.limiterClock ?? realClock),
    health,
    retry: { ...defaultRetryOptions, ...o.retry },
    onRetry: (info) => o.logger.warn(info, 'Teams connector answered a transient error; retrying'),
  });
  let deps: (() => AppDeps) | undefined;
  const appDeps = () => {
    if (!deps) throw new Error('Teams app used before mount(): the composition root must call mount(app, deps)');
    return deps();
  };
  const surface = new TeamsSurface({
    sender,
    conversations: o.conversations,
    audience,
    logger: o.logger,
    now,
    currentCard: (alertId) => alertCard(alertId, appDeps()),
  });
  const background = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    const settled = work.catch(() => undefined);
    background.add(settled);
    void settled.finally(() => background.delete(settled));
  };
  const turnDeps = { conversations: o.conversations, surface, audience, health, logger: o.logger, app: appDeps, now, answerWithinMs: o.answerWithinMs, track };

  return {
    surface,
    anonymous: auth.anonymous,
    mount(app, getDeps) {
      deps = getDeps;
      // Anonymous, nobody authenticates the caller: like the local channel, answer only a request
      // addressed to this loopback server (DNS rebinding could otherwise repoint stored references).
      const guards = auth.anonymous ? [onlyLoopbackHost('anonymous Teams', o.settings.extraHosts)] : [];
      app.post(
        TEAMS_ROUTE,
        ...guards,
        plainAuthFailures(TEAMS_ROUTE, o.logger),
        jsonBody('1mb'),
        (req: Request, res: Response, next) => void adapter.authorizeRequest(req as never, res, next),
        (req: Request, res: Response) =>
          void adapter.process(req as never, res, (context) => onTurn(context, turnDeps)).catch((err: unknown) => {
            o.logger.error({ err }, 'Teams request failed');
            if (!res.headersSent) res.status(500).end();
          }),
      );
    },
    health: () => {
      const problems = health.problems();
      return { ok: problems.length === 0, problems };
    },
    async idle() {
      while (background.size) await Promise.all([...background]);
    },
  };
}
