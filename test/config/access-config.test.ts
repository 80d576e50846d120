/**
 * The access settings as configured (TRIAGE_CHANNELS, SNOOZE_MAX_HOURS, SLACK_TEAM_IDS,
 * TEAMS_TENANT_IDS, AZURE_PORTAL_URL) and as the composition root defaults them: the alert and
 * handoff channels, the token's own workspace, the configured tenant, the cloud's portal, and an
 * empty roster that means everyone only in local mode.
 */
import { silentLogger } from '../../src/app/deps';
import { buildApp } from '../../src/composition-root';
import { loadConfig } from '../../src/config/load-config';
import { problemsOf } from './config-problems';
import { portalForArmEndpoint } from '../../src/domain/portal-links';
import { startFakeSlack } from '../fakes/slack-api-server';


describe('access configuration', () => {
  it('reads TRIAGE_CHANNELS like HANDOFF_CHANNELS, and bounds SNOOZE_MAX_HOURS', () => {
    const config = loadConfig({ TRIAGE_CHANNELS: 'slack:C0SOC,teams:19:abc@thread.tacv2', SNOOZE_MAX_HOURS: '4' });
    expect(config.TRIAGE_CHANNELS).toEqual([
      { platform: 'slack', channelId: 'C0SOC' },
      { platform: 'teams', channelId: '19:abc@thread.tacv2' },
    ]);
    expect(config.SNOOZE_MAX_HOURS).toBe(4);
    expect(loadConfig({}).SNOOZE_MAX_HOURS).toBe(24);
    expect(problemsOf({ TRIAGE_CHANNELS: 'general', SNOOZE_MAX_HOURS: '1000' }).map((p) => p.split(':')[0]).sort()).toEqual(['SNOOZE_MAX_HOURS', 'TRIAGE_CHANNELS']);
  });

  it('asks for the tenant with a Teams app registration: only that tenant is served', () => {
    expect(problemsOf({ TEAMS_APP_ID: 'a', TEAMS_APP_PASSWORD: 'b' })).toEqual([expect.stringMatching(/^TEAMS_TENANT_ID: required with TEAMS_APP_ID/)]);
    expect(problemsOf({ TEAMS_APP_ID: 'a', TEAMS_APP_PASSWORD: 'b', TEAMS_TENANT_IDS: 't1,t2' })).toEqual([]);
  });

  it('takes only Microsoft\'s Azure portals for our buttons, and derives the portal from ARM_ENDPOINT', () => {
    expect(problemsOf({ AZURE_PORTAL_URL: 'https://portal.azure.com.evil.example' })).toEqual([expect.stringMatching(/^AZURE_PORTAL_URL: must be one of Microsoft's Azure portals/)]);
    expect(problemsOf({ AZURE_PORTAL_URL: 'https://portal.azure.us' })).toEqual([]);
    expect(portalForArmEndpoint('https://management.usgovcloudapi.net')).toBe('https://portal.azure.us');
    expect(portalForArmEndpoint('https://management.chinacloudapi.cn/')).toBe('https://portal.azure.cn');
    expect(portalForArmEndpoint('http://127.0.0.1:4001')).toBe('https://portal.azure.com');
    expect(portalForArmEndpoint(undefined)).toBe('https://portal.azure.com');
  });

  it('says at start what an empty roster means', () => {
    expect(loadConfig({}).notices.join('\n')).toMatch(/in local mode everyone may vote/);
    const connected = loadConfig({ LOG_ANALYTICS_WORKSPACE_ID: 'w' });
    expect(connected.notices.join('\n')).toMatch(/nobody may vote, snooze/);
  });
});

describe('access defaults in the composition root', () => {
  it('local mode: the local channel is the triage channel, and an empty roster is everyone (no login)', async () => {
    const app = await buildApp({ ...loadConfig({ DATABASE_URL: 'sqlite::memory:', LOCAL_DEMO: 'false' }) }, { logger: silentLogger });
    try {
      expect(app.deps.settings.access).toMatchObject({ channels: [{ platform: 'web', channelId: 'alerts' }], emptyRoster: 'everyone' });
    } finally {
      await app.stop();
    }
  });

  it('Slack: the alert, routing-rule and handoff channels; the token\'s workspace; an empty roster is nobody', async () => {
    const slack = await startFakeSlack({ token: 'xoxb-t' });
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-t',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: slack.apiUrl,
      SLACK_ALERT_CHANNEL: 'C0ALERTS',
      ROUTING_RULES: '[{"platform":"slack","channel":"C0HIGH","minSeverity":"High"}]',
      HANDOFF_CHANNELS: 'slack:C0SHIFT',
      DATABASE_URL: 'sqlite::memory:',
    });
    const app = await buildApp({ ...config, PORT: 0, HOST: '127.0.0.1' }, { logger: silentLogger });
    try {
      await app.start();
      expect(app.deps.settings.access).toMatchObject({
        channels: ['C0ALERTS', 'C0HIGH', 'C0SHIFT'].map((channelId) => ({ platform: 'slack', channelId })),
        emptyRoster: 'nobody',
        slackTeams: ['T0FAKE'],
      });
    } finally {
      await app.stop();
      await slack.close();
    }
  });

  it('TRIAGE_CHANNELS replaces the default; TEAMS_TENANT_ID is the tenant served', async () => {
    const config = loadConfig({ TEAMS_ALLOW_ANONYMOUS: 'true', TEAMS_TENANT_ID: 'tenant-1', TRIAGE_CHANNELS: 'teams:19%3asoc%40thread.tacv2', DATABASE_URL: 'sqlite::memory:' });
    const app = await buildApp(config, { logger: silentLogger });
    try {
      expect(app.deps.settings.access).toMatchObject({ channels: [{ platform: 'teams', channelId: '19:soc@thread.tacv2' }], teamsTenants: ['tenant-1'] });
    } finally {
      await app.stop();
    }
  });
});
