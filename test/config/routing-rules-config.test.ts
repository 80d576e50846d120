import { ConfigError } from '../../src/domain/errors';
import { loadConfig } from '../../src/config/load-config';

it('reports every bad routing rule at start, with the other configuration problems', () => {
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-1',
    SLACK_SIGNING_SECRET: 's',
    SLACK_ALERT_CHANNEL: 'C1',
    SLACK_API_URL: 'http://127.0.0.1:1/not-api',
    ROUTING_RULES: JSON.stringify([{ platform: 'slack', channel: 'C2', minSeverity: 'Critical' }, { platform: 'teams' }]),
  };
  let error: unknown;
  try {
    loadConfig(env);
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(ConfigError);
  const problems = (error as ConfigError).problems;
  expect(problems).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^SLACK_API_URL: must end in \/api\//),
      expect.stringMatching(/^ROUTING_RULES\[0\] \(slack → C2\): minSeverity/),
      expect.stringMatching(/^ROUTING_RULES\[1\] \(teams → \?\): channel/),
    ]),
  );
});

it('accepts good routing rules', () => {
  const config = loadConfig({ ROUTING_RULES: '[{"platform":"web","channel":"alerts","minSeverity":"High"}]' });
  expect(config.ROUTING_RULES).toContain('"High"');
});

it('refuses a Slack channel #name for SLACK_ALERT_CHANNEL, saying where to find the id', () => {
  expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_ALERT_CHANNEL: '#soc' })).toThrow(
    /SLACK_ALERT_CHANNEL: must be a Slack channel id like C0123456789, not a #name/,
  );
});
