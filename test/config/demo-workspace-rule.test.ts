/**
 * The demo-on-every-surface rule: investigations answer from the bundled demo workspace (labelled)
 * only when no workspace or subscription is configured and every surface is a local or local-test
 * one — local mode, anonymous Teams, a Slack whose SLACK_API_URL is on this machine. Never once
 * LOG_ANALYTICS_WORKSPACE_ID is set, never for a real Slack or an authenticated Teams bot.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/app/deps';
import { buildApp } from '../../src/composition-root';
import { loadConfig } from '../../src/config/load-config';
import { freePort } from '../helpers/free-port';

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_ALERT_CHANNEL: 'C0123456789' };

describe('which setups answer from the demo workspace', () => {
  it.each([
    ['local mode', {}, true],
    ['anonymous Teams (Agents Playground)', { TEAMS_ALLOW_ANONYMOUS: 'true' }, true],
    ['Slack against a Web API on this machine', { ...SLACK, SLACK_API_URL: 'http://127.0.0.1:4000/api/' }, true],
    ['anonymous Teams with a workspace', { TEAMS_ALLOW_ANONYMOUS: 'true', LOG_ANALYTICS_WORKSPACE_ID: 'w' }, false],
    ['a real Slack', SLACK, false],
    ['an authenticated Teams bot', { TEAMS_APP_ID: 'app', TEAMS_APP_PASSWORD: 'pw', TEAMS_TENANT_ID: 'contoso.onmicrosoft.com' }, false],
    ['local Slack but Azure subscriptions', { ...SLACK, SLACK_API_URL: 'http://localhost:4000/api/', AZURE_SUBSCRIPTION_IDS: '3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c' }, false],
  ])('%s → %s', (_what, env, demo) => {
    expect(loadConfig(env as NodeJS.ProcessEnv).demoWorkspace).toBe(demo);
  });

  it('anonymous Teams without a workspace gets the demo workspace and Defender from the store, shifted like the demo alerts', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-rule-'));
    const app = await buildApp(loadConfig({ TEAMS_ALLOW_ANONYMOUS: 'true', DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`, PORT: String(await freePort()) }), { logger: silentLogger });
    try {
      expect(app.deps.logs?.demo).toBe(true);
      expect(app.deps.defender).toBeDefined();
    } finally {
      await app.stop();
    }
  });
});
