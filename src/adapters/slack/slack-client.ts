/**
 * One place that decides how the Slack WebClient talks to Slack: the API base (SLACK_API_URL, for
 * Enterprise Grid proxies and tests), and no retries of its own — the channel pacer owns them, so
 * a 429 is not retried twice (once hidden inside the client) and the pacing stays honest; and the
 * HTTP transport (slack-transport.ts: undici's request; Node's fetch costs more CPU per call than the rest of a post).
 */
import { LogLevel, WebClient, type Logger as SlackLogger, type WebClientOptions } from '@slack/web-api';
import type { Logger } from '../../app/deps';
import { slackFetch } from './slack-transport';

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

/** One transport (one keep-alive connection pool) for every WebClient of the process. */
const transport = slackFetch();

export function slackClientOptions(apiUrl: string | undefined, logger: Logger): WebClientOptions {
  return {
    slackApiUrl: apiUrl ?? DEFAULT_SLACK_API_URL,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    // The time limit lives in the transport: the client's own costs an AbortSignal per call.
    timeout: 0,
    fetch: transport,
    logger: slackLogger(logger),
  };
}

export function createSlackClient(token: string, apiUrl: string | undefined, logger: Logger): WebClient {
  return new WebClient(token, slackClientOptions(apiUrl, logger));
}

/** Our logger in the shape the Slack SDKs want; their chatter goes to debug. */
export function slackLogger(logger: Logger): SlackLogger {
  let level = LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => logger.debug({ slack: msg.map(String).join(' ') }, 'slack sdk'),
    info: (...msg: unknown[]) => logger.debug({ slack: msg.map(String).join(' ') }, 'slack sdk'),
    warn: (...msg: unknown[]) => logger.warn({ slack: msg.map(String).join(' ') }, 'slack sdk'),
    error: (...msg: unknown[]) => logger.error({ slack: msg.map(String).join(' ') }, 'slack sdk'),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
