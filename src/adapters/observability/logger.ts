/**
 * Structured logs (pino, JSON lines) with every secret redacted: tokens, passwords, signing
 * secrets, connection strings and authorization headers, wherever they appear in a log object.
 */
import pino from 'pino';

const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'password',
  'secret',
  'signingSecret',
  'clientSecret',
  'connectionString',
  'authorization',
  'Authorization',
  'cookie',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'TEAMS_APP_PASSWORD',
  'AZURE_CLIENT_SECRET',
  'WEBHOOK_SECRET',
  'METRICS_TOKEN',
  'EVENTHUB_CONNECTION_STRING',
  'CHECKPOINT_STORAGE_CONNECTION_STRING',
  'DATABASE_URL',
];

export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  'req.headers.authorization',
  'req.headers["x-slack-signature"]',
  'headers.authorization',
];

/** Token-shaped strings inside messages (e.g. an SDK error quoting a request) are masked too. */
const TOKEN_PATTERN = /\b(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|Bearer\s+[A-Za-z0-9._~+/=-]+|eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)/g;

export function maskTokens(text: string): string {
  return text.replace(TOKEN_PATTERN, (m) => `${m.slice(0, 5)}…[redacted]`);
}

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): pino.Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'defender-triage-bot' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskTokens(a) : a)) as typeof args;
          method.apply(this, masked);
        },
      },
      serializers: { err: (err: Error) => ({ type: err.name, message: maskTokens(err.message ?? String(err)) }) },
    },
    options.destination,
  );
}
