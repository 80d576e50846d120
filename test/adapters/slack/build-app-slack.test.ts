/**
 * The composition root with Slack configured: buildApp mounts Bolt at /slack/events on the one
 * HTTP host, next to the health routes, and the Slack surface is what alerts are routed to.
 */
import { buildApp, type BuiltApp } from '../../../src/composition-root';
import { loadConfig } from '../../../src/config/load-config';
import { silentLogger } from '../../../src/app/deps';
import { startFakeSlack, type FakeSlackApi } from '../../fakes/slack-api-server';
import { postSigned, slashCommand } from './slack-harness';
import { makeAlert } from '../../helpers/alerts';

let slack: FakeSlackApi;
let app: BuiltApp;
let base: string;

beforeAll(async () => {
  slack = await startFakeSlack({ token: 'xoxb-root-token' });
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-root-token',
    SLACK_SIGNING_SECRET: 'root-secret',
    SLACK_API_URL: slack.apiUrl,
    SLACK_ALERT_CHANNEL: 'CROOT0001',
    DATABASE_URL: 'sqlite::memory:',
    PORT: '1',
  });
  // PORT=0 (any free port) is not a valid setting, so it is set after validation.
  app = await buildApp({ ...config, PORT: 0, HOST: '127.0.0.1' }, { logger: silentLogger });
  const { address } = await app.start();
  base = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await app?.stop();
  await slack?.close();
});

it('is in connected mode with the Slack surface, routing new alerts to SLACK_ALERT_CHANNEL', async () => {
  expect(app.config.mode).toBe('connected');
  expect(app.deps.surfaces.slack?.platform).toBe('slack');
  expect(app.deps.surfaces.web).toBeUndefined();
  expect(await app.deps.routes(makeAlert({ systemAlertId: 'any-alert' }))).toEqual([{ platform: 'slack', channelId: 'CROOT0001' }]);
  expect(slack.callsOf('auth.test')).toHaveLength(1);
});

it('serves signed Slack requests at /slack/events and refuses forged ones', async () => {
  const ok = await postSigned(`${base}/slack/events`, slashCommand('/triage', 'help', slack.responseUrl('root-help')), { secret: 'root-secret' });
  expect(ok.status).toBe(200);
  await slack.waitFor(() => slack.responses.length > 0, 5000, 'the help answer');
  const forged = await postSigned(`${base}/slack/events`, slashCommand('/triage', '', slack.responseUrl('forged')), { secret: 'wrong' });
  expect(forged.status).toBe(401);
});

it('keeps the health routes beside Bolt on the same port', async () => {
  const res = await fetch(`${base}/healthz`);
  expect(res.status).toBe(200);
});
