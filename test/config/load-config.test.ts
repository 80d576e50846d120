import { loadConfig } from '../../src/config/load-config';
import { problemsOf } from './config-problems';

describe('loadConfig', () => {
  it('starts in local mode with no configuration at all', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('local');
    expect(config.PORT).toBe(3978);
    expect(config.slackEnabled || config.teamsEnabled || config.azureEnabled).toBe(false);
    expect(config.notices.join('\n')).toMatch(/local mode/);
  });

  it('reports every problem at once, each naming its variable', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      SLACK_BOT_TOKEN: 'not-a-token',
      SLACK_API_URL: 'http://127.0.0.1:4000/',
      AZURE_SUBSCRIPTION_IDS: 'abc',
      AZURE_CREDENTIAL: 'client-secret',
      VOTE_QUORUM: '0',
    });
    const vars = problems.map((p) => p.split(':')[0]);
    expect(vars).toEqual(
      expect.arrayContaining(['PORT', 'VOTE_QUORUM', 'SLACK_BOT_TOKEN', 'SLACK_API_URL', 'AZURE_SUBSCRIPTION_IDS', 'AZURE_CLIENT_SECRET']),
    );
  });

  it('reports every cross-field problem at once', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'not-a-token',
      SLACK_API_URL: 'http://127.0.0.1:4000/',
      AZURE_SUBSCRIPTION_IDS: 'abc',
      AZURE_CREDENTIAL: 'client-secret',
      LOG_ANALYTICS_ENDPOINT: 'http://127.0.0.1:5000/',
    });
    const vars = problems.map((p) => p.split(':')[0]);
    expect(vars).toEqual(
      expect.arrayContaining([
        'SLACK_SIGNING_SECRET',
        'SLACK_ALERT_CHANNEL',
        'SLACK_BOT_TOKEN',
        'SLACK_API_URL',
        'AZURE_SUBSCRIPTION_IDS',
        'AZURE_TENANT_ID',
        'AZURE_CLIENT_ID',
        'AZURE_CLIENT_SECRET',
        'LOG_ANALYTICS_ENDPOINT',
      ]),
    );
  });

  it('accepts a complete Slack HTTP-mode configuration as connected mode', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1-2-3',
      SLACK_SIGNING_SECRET: 's3cret',
      SLACK_ALERT_CHANNEL: 'C123',
      SLACK_API_URL: 'http://127.0.0.1:4000/api/',
    });
    expect(config.mode).toBe('connected');
    expect(config.slackEnabled).toBe(true);
  });

  it('names a bad DATABASE_URL', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://x' })).toEqual([expect.stringMatching(/^DATABASE_URL: must be sqlite/)]);
  });

  it('refuses a weak WEBHOOK_SECRET at startup, saying what to set', () => {
    for (const weak of ['x', 'short-secret', 'a'.repeat(64)]) {
      expect(problemsOf({ WEBHOOK_SECRET: weak })).toEqual([
        'WEBHOOK_SECRET: too weak: use at least 32 random characters, e.g. the output of `openssl rand -hex 32`, and give the same value to the sender',
      ]);
    }
    expect(problemsOf({ WEBHOOK_SECRET: '6f1d0c9e4b7a2f3e8d5c1b0a9f8e7d6c' })).toEqual([]);
  });

  it('reads the webhook caps and the timestamp requirement, with their defaults', () => {
    expect(loadConfig({})).toMatchObject({ WEBHOOK_MAX_ALERTS: 1000, WEBHOOK_MAX_BYTES: 4 * 1024 * 1024, WEBHOOK_REQUIRE_TIMESTAMP: false });
    expect(loadConfig({ WEBHOOK_MAX_ALERTS: '50', WEBHOOK_REQUIRE_TIMESTAMP: 'true' })).toMatchObject({ WEBHOOK_MAX_ALERTS: 50, WEBHOOK_REQUIRE_TIMESTAMP: true });
    expect(problemsOf({ WEBHOOK_MAX_ALERTS: '0' })).toEqual([expect.stringMatching(/^WEBHOOK_MAX_ALERTS: must be a whole number from 1/)]);
  });
});
