/**
 * Two customers in one bot, through Teams (issue 23): buildApp with CUSTOMERS and the Agents SDK on
 * the shared host (anonymous, local testing), the fake Bot Connector, the real poller listing each
 * tenant's subscription from the fake ARM server, on SQLite and on PostgreSQL. Each customer's
 * alert reaches its own channel; the other customer's analyst's vote is refused (audited); the
 * handoff is per customer; Correlate does not link the two customers' alerts.
 */
import { buildApp, type BuiltApp } from '../../../src/composition-root';
import { loadConfig } from '../../../src/config/load-config';
import { silentLogger } from '../../../src/app/deps';
import { encodeAction } from '../../../src/domain/action-codec';
import type { Intent } from '../../../src/domain/intent';
import { FakeArmServer } from '../../fakes/arm-server';
import { startFakeBotConnector, type ConnectorCall, type FakeBotConnector } from '../../fakes/bot-connector-server';
import { freePort } from '../../helpers/free-port';
import { createTestDatabase, type StoreKind, type TestDatabase } from '../store/test-databases';
import { CONTOSO, FABRIKAM, azureEnv, customersJson, seedArm, tenantTokenCredential } from '../../helpers/two-customers';

const SOC = '19:soc-wide@thread.tacv2';
const CH = { contoso: '19:contoso-alerts@thread.tacv2', fabrikam: '19:fabrikam-alerts@thread.tacv2' };
const TEAM = '19:msp-team-general@thread.tacv2';
const TENANT = '72f988bf-0000-4000-8000-000000000009';
const BOT = { id: '28:triage-bot-app-id', name: 'Triage Bot', role: 'bot' };
const ANA = {
  contoso: { id: '29:carol', name: 'Carol (Contoso)', aadObjectId: 'aad-carol', role: 'user' },
  fabrikam: { id: '29:fred', name: 'Fred (Fabrikam)', aadObjectId: 'aad-fred', role: 'user' },
};
type User = (typeof ANA)['contoso'];

let seq = 0;
const text = (c: ConnectorCall) => JSON.stringify(c.body);

describe.each<StoreKind>(['sqlite', 'postgres'])('two customers on Teams (%s)', (kind) => {
  let connector: FakeBotConnector;
  let arm: FakeArmServer;
  let db: TestDatabase;
  let app: BuiltApp;
  let url: string;

  const base = () => ({ id: `act-${++seq}`, channelId: 'msteams', serviceUrl: connector.url, recipient: BOT, timestamp: new Date().toISOString() });
  const channelData = (channel: string) => ({ team: { id: TEAM }, channel: { id: channel }, tenant: { id: TENANT } });
  const send = async (activity: Record<string, unknown>) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const body = await res.text();
    return { status: res.status, body };
  };
  const install = (channel: string) =>
    send({
      ...base(),
      type: 'conversationUpdate',
      from: ANA.contoso,
      membersAdded: [BOT],
      conversation: { id: channel, conversationType: 'channel', isGroup: true, tenantId: TENANT },
      channelData: { ...channelData(channel), eventType: 'teamMemberAdded', team: { id: TEAM, name: 'MSP' }, channel: { id: channel, name: 'alerts' } },
    });
  const execute = (channel: string, rootId: string, intent: Intent, from: User) => {
    const { verb, data } = encodeAction(intent);
    return send({
      ...base(),
      type: 'invoke',
      name: 'adaptiveCard/action',
      from,
      replyToId: rootId,
      conversation: { id: `${channel};messageid=${rootId}`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
      channelData: channelData(channel),
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
  };
  const mention = (channel: string, words: string, from: User) => {
    const at = `<at>${BOT.name}</at>`;
    return send({
      ...base(),
      type: 'message',
      from,
      text: `${at} ${words}`,
      entities: [{ type: 'mention', text: at, mentioned: { id: BOT.id, name: BOT.name } }],
      conversation: { id: channel, conversationType: 'channel', isGroup: true, tenantId: TENANT },
      channelData: channelData(channel),
    });
  };
  const cardIn = (channel: string) => connector.succeeded('send').find((c) => c.conversationId === channel && text(c).includes('Customer'));
  const postsIn = (channel: string) => connector.succeeded().filter((c) => c.conversationId.startsWith(channel));

  beforeAll(async () => {
    connector = await startFakeBotConnector();
    arm = await new FakeArmServer().start();
    seedArm(arm);
    db = await createTestDatabase(kind);
    const port = await freePort();
    const config = loadConfig({
      TEAMS_ALLOW_ANONYMOUS: 'true',
      TEAMS_ALERT_CHANNEL: SOC,
      CUSTOMERS: customersJson('teams', CH, { contoso: ANA.contoso.aadObjectId, fabrikam: ANA.fabrikam.aadObjectId }),
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      ...azureEnv(arm.url),
    });
    app = await buildApp(config, { logger: silentLogger, azureCredentialFor: tenantTokenCredential });
    await app.start();
    url = `http://127.0.0.1:${port}/api/messages`;
    for (const channel of [SOC, CH.contoso, CH.fabrikam]) expect((await install(channel)).status).toBe(200);
    await until(() => Boolean(cardIn(CH.contoso) && cardIn(CH.fabrikam)), 'both cards', 20_000);
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await connector?.close();
    await arm?.stop();
    await db?.drop();
  });

  it("posts each customer's alert to its own channel only, naming the customer, listed with its tenant's identity", async () => {
    expect(text(cardIn(CH.contoso)!)).toContain(CONTOSO.title);
    expect(text(cardIn(CH.contoso)!)).not.toContain(FABRIKAM.title);
    expect(text(cardIn(CH.contoso)!)).toContain('Contoso');
    expect(text(cardIn(CH.fabrikam)!)).toContain(FABRIKAM.title);
    expect(connector.succeeded('send').filter((c) => c.conversationId === SOC && /RDP brute force/.test(text(c)))).toEqual([]);
    for (const c of [CONTOSO, FABRIKAM])
      expect(new Set(arm.listRequests().filter((r) => r.path.includes(c.subscription)).map((r) => r.authorization))).toEqual(new Set([`Bearer token-of-${c.tenantId}`]));
  });

  it("refuses the other customer's analyst a vote (audited, nothing counted); the customer's own analyst's vote counts", async () => {
    const root = cardIn(CH.contoso)!.newId!;
    const vote: Intent = { kind: 'vote', alertId: CONTOSO.alertId, verdict: 'false-positive', severity: 'Low' };
    const refused = await execute(CH.contoso, root, vote, ANA.fabrikam);
    expect(refused.status).toBe(200);
    expect(refused.body).toMatch(/This alert is Contoso's/);
    const audit = (await app.deps.store.audit.since('1970-01-01')).filter((e) => e.action === 'refused');
    expect(audit).toContainEqual(expect.objectContaining({ actor: expect.stringContaining('teams:aad-fred'), alertId: CONTOSO.alertId, after: expect.objectContaining({ reason: 'other-customer' }) }));
    expect(await app.deps.store.votes.history(CONTOSO.alertId)).toEqual([]);

    expect((await execute(CH.contoso, root, vote, ANA.contoso)).status).toBe(200);
    await until(async () => (await app.deps.store.votes.history(CONTOSO.alertId)).length === 1, 'the vote');
    expect((await app.deps.store.votes.history(CONTOSO.alertId))[0]!.voter.userId).toBe('aad-carol');
  });

  it("hands off per customer: the handoff asked in Fabrikam's channel has Fabrikam's alert only; Contoso's analyst is refused there", async () => {
    const before = postsIn(CH.fabrikam).length;
    expect((await mention(CH.fabrikam, 'handoff', ANA.fabrikam)).status).toBe(200);
    await until(() => postsIn(CH.fabrikam).slice(before).some((c) => text(c).includes(FABRIKAM.title)), "Fabrikam's handoff", 15_000);
    const handoff = postsIn(CH.fabrikam).slice(before).map(text).join(' ');
    expect(handoff).toContain('Fabrikam');
    expect(handoff).not.toContain(CONTOSO.title);

    const beforeCross = postsIn(CH.fabrikam).length;
    await mention(CH.fabrikam, 'handoff', ANA.contoso);
    await until(() => postsIn(CH.fabrikam).length > beforeCross || connector.succeeded().some((c) => /This channel is Fabrikam's/.test(text(c))), 'the refusal');
    expect(connector.succeeded().some((c) => /This channel is Fabrikam's/.test(text(c)))).toBe(true);
    expect(postsIn(CH.fabrikam).slice(beforeCross).some((c) => text(c).includes('Shift handoff'))).toBe(false);
  });

  it("Correlate on Contoso's alert does not link Fabrikam's, though they share the host and the IP", async () => {
    const contoso = (await app.deps.store.alerts.get(CONTOSO.alertId))!;
    expect((await app.deps.defender!.findRelated(contoso, 24)).map((a) => a.systemAlertId)).toContain(FABRIKAM.alertId);
    const root = cardIn(CH.contoso)!.newId!;
    const before = postsIn(CH.contoso).length;
    expect((await execute(CH.contoso, root, { kind: 'investigate', alertId: CONTOSO.alertId, investigation: 'correlation' }, ANA.contoso)).status).toBe(200);
    // The answer is a reply in the card's thread (conversation "<channel>;messageid=<root>").
    await until(() => postsIn(CH.contoso).slice(before).some((c) => c.conversationId.includes(';messageid=') && /Correlate/.test(text(c))), 'the Correlate answer', 20_000);
    const answer = postsIn(CH.contoso).slice(before).map(text).join(' ');
    expect(answer).not.toContain(FABRIKAM.title);
    expect(answer).not.toContain(FABRIKAM.alertId);
    expect(answer).toMatch(/No related alerts/);
  });
});

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
