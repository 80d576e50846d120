/**
 * Authentication: with the bot's credentials every request must carry a valid Bot Framework JWT
 * and outbound calls only go to Microsoft hosts; anonymous mode must be asked for and is announced.
 */
import { ConfigError } from '../../../src/domain/errors';
import { teamsAuth } from '../../../src/adapters/teams/teams-settings';
import { installInTeam, startTeamsHarness, CHANNEL, type TeamsHarness } from './teams-harness';

const CREDENTIALS = { appId: '3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c', appPassword: 'not-a-real-secret', tenantId: '72f988bf-0000-4000-8000-000000000001' };

describe('Teams authentication settings', () => {
  it('refuses to run without credentials unless anonymous mode is asked for (or local mode)', () => {
    expect(() => teamsAuth({ allowAnonymous: false, localMode: false })).toThrow(ConfigError);
    expect(() => teamsAuth({ allowAnonymous: false, localMode: false })).toThrow(/TEAMS_APP_ID/);
    expect(() => teamsAuth({ appId: CREDENTIALS.appId, allowAnonymous: false, localMode: false })).toThrow(/TEAMS_APP_PASSWORD/);
    expect(teamsAuth({ allowAnonymous: false, localMode: true }).anonymous).toBe(true);
    expect(teamsAuth({ allowAnonymous: true, localMode: false }).startupWarning).toMatch(/ANONYMOUS/);
  });

  it('turns the outbound host allowlist on with credentials: Microsoft hosts only', () => {
    const auth = teamsAuth({ ...CREDENTIALS, allowAnonymous: false, localMode: false });
    expect(auth.anonymous).toBe(false);
    expect(auth.authConfig).toMatchObject({ clientId: CREDENTIALS.appId, tenantId: CREDENTIALS.tenantId });
    expect(auth.hostValidator.enabled).toBe(true);
    expect(auth.hostValidator.isAllowed('https://smba.trafficmanager.net/emea/')).toBe(true);
    expect(auth.hostValidator.isAllowed('http://127.0.0.1:3979/')).toBe(false);
    expect(auth.hostValidator.isAllowed('https://attacker.example/')).toBe(false);
  });
});

describe('Teams /api/messages with credentials', () => {
  let h: TeamsHarness;
  const warnings: string[] = [];
  beforeAll(async () => {
    h = await startTeamsHarness({
      settings: { ...CREDENTIALS, allowAnonymous: false, localMode: false },
      logger: { info() {}, debug() {}, error() {}, warn: (o, m) => void warnings.push(String(m ?? o)) },
    });
  });
  afterAll(() => h.close());

  it('rejects a request without a token, and one with a forged token, storing nothing', async () => {
    expect((await h.send(installInTeam(h.connector))).status).toBe(401);
    const forged = await fetch(h.messagesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.' },
      body: JSON.stringify(installInTeam(h.connector)),
    });
    expect(forged.status).toBe(401);
    expect(await h.store.teams.getConversation(CHANNEL)).toBeUndefined();
    expect(h.connector.calls).toHaveLength(0);
    expect(warnings.join('\n')).not.toMatch(/ANONYMOUS/);
  });

  it('never sends (nor fetches a token) for a conversation whose service URL is not a Microsoft host', async () => {
    // A reference planted with an attacker's service URL, e.g. by an unauthenticated request in the past.
    await h.store.teams.saveConversation({
      conversationId: CHANNEL,
      kind: 'channel',
      serviceUrl: h.connector.url,
      reference: JSON.stringify({ channelId: 'msteams', serviceUrl: h.connector.url, conversation: { id: CHANNEL } }),
      updatedAt: new Date().toISOString(),
    });
    await expect(h.teams.surface.post(CHANNEL, { kind: 'notice', tone: 'info', text: 'hello' })).rejects.toThrow(/not in the configured allowed hosts/);
    expect(h.connector.calls).toHaveLength(0);
  });
});

describe('Teams /api/messages in anonymous mode', () => {
  it('says so loudly at startup', async () => {
    const warnings: string[] = [];
    const h = await startTeamsHarness({ logger: { info() {}, debug() {}, error() {}, warn: (o, m) => void warnings.push(String(m ?? o)) } });
    await h.close();
    expect(warnings.join('\n')).toMatch(/TEAMS IS RUNNING ANONYMOUSLY/);
  });
});
