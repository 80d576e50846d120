/**
 * Two customers in one bot, through Slack (issue 23): buildApp with CUSTOMERS, the real poller
 * listing each tenant's subscription from the fake ARM server with that tenant's credential, Bolt
 * in HTTP mode on the shared host, the real WebClient against the fake Slack Web API, and the store
 * on SQLite and on PostgreSQL. Each customer's alert reaches its own channel and says whose it is;
 * the other customer's analyst is refused (audited); a decision is written back with the alert's
 * tenant's identity; /handoff and /triage answer for the customer of the channel (or, SOC-wide, for
 * the customers the asker may see); Correlate does not link the two customers' alerts.
 */
import { buildApp, type BuiltApp } from '../../../src/composition-root';
import { loadConfig } from '../../../src/config/load-config';
import { silentLogger } from '../../../src/app/deps';
import { encodeAction } from '../../../src/domain/action-codec';
import { actionId } from '../../../src/adapters/cards/slack-action-id';
import type { Intent } from '../../../src/domain/intent';
import { tenantPollLeaseName } from '../../../src/adapters/azure/defender-poller';
import { FakeArmServer } from '../../fakes/arm-server';
import { startFakeSlack, type FakeSlackApi } from '../../fakes/slack-api-server';
import { createTestDatabase, type StoreKind, type TestDatabase } from '../store/test-databases';
import { CONTOSO, FABRIKAM, azureEnv, customersJson, seedArm, tenantTokenCredential } from '../../helpers/two-customers';
import { blockActions, postSigned, slashCommand } from './slack-harness';

const TOKEN = 'xoxb-customers';
const SECRET = 'customers-signing-secret';
const SOC = 'CSOCWIDE01';
const CH = { contoso: 'CCONTOSO01', fabrikam: 'CFABRIKAM1' };
const ANA = { contoso: { id: 'U0CONTOSO1', name: 'carol' }, fabrikam: { id: 'U0FABRIKA1', name: 'fred' } };
const SOC_LEAD = { id: 'U0SOCLEAD1', name: 'sol' };

const texts = (m: { text?: string; blocks?: unknown[] }) => `${m.text ?? ''} ${JSON.stringify(m.blocks ?? [])}`;

describe.each<StoreKind>(['sqlite', 'postgres'])('two customers on Slack (%s)', (kind) => {
  let slack: FakeSlackApi;
  let arm: FakeArmServer;
  let db: TestDatabase;
  let app: BuiltApp;
  let events: string;

  beforeAll(async () => {
    slack = await startFakeSlack({ token: TOKEN });
    arm = await new FakeArmServer().start();
    seedArm(arm);
    db = await createTestDatabase(kind);
    const config = loadConfig({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_ALERT_CHANNEL: SOC,
      CUSTOMERS: customersJson('slack', CH, { contoso: ANA.contoso.id, fabrikam: ANA.fabrikam.id }),
      TRIAGE_LEADS: SOC_LEAD.id,
      DATABASE_URL: db.url,
      PORT: '1',
      ...azureEnv(arm.url),
    });
    app = await buildApp({ ...config, PORT: 0, HOST: '127.0.0.1' }, { logger: silentLogger, azureCredentialFor: tenantTokenCredential });
    const { address } = await app.start();
    events = `http://127.0.0.1:${address.port}/slack/events`;
    await slack.waitFor(() => slack.rootMessages(CH.contoso).length > 0 && slack.rootMessages(CH.fabrikam).length > 0, 20_000, 'both cards');
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await slack?.close();
    await arm?.stop();
    await db?.drop();
  });

  const rootOf = (channel: string) => slack.rootMessages(channel)[0]!;
  const refusals = async () => (await app.deps.store.audit.since('1970-01-01')).filter((e) => e.action === 'refused');

  async function click(intent: Intent, channel: string, user: { id: string; name: string }) {
    const action = encodeAction(intent);
    const root = rootOf(channel);
    return postSigned(events, blockActions({ actionId: actionId(action), value: JSON.stringify(action.data), channel, messageTs: root.ts, user }), { secret: SECRET });
  }

  async function command(name: string, text: string, channel: string, user: { id: string; name: string }, id: string) {
    const form = { ...slashCommand(name, text, slack.responseUrl(id), channel), user_id: user.id, user_name: user.name };
    return postSigned(events, form, { secret: SECRET });
  }

  it("polls each tenant's subscription with that tenant's identity, under a lease keyed by tenant and subscription", async () => {
    const lists = arm.listRequests();
    for (const c of [CONTOSO, FABRIKAM]) {
      const mine = lists.filter((r) => r.path.includes(c.subscription));
      expect(mine.length).toBeGreaterThan(0);
      expect(new Set(mine.map((r) => r.authorization))).toEqual(new Set([`Bearer token-of-${c.tenantId}`]));
      expect((await app.deps.store.leases.get(tenantPollLeaseName(c.tenantId, c.subscription)))?.holder).toBeDefined();
    }
  });

  it("posts each customer's alert to its own channel only, and the card names the customer", async () => {
    expect(slack.rootMessages(CH.contoso).map((m) => m.metadata?.event_payload.system_alert_id)).toEqual([CONTOSO.alertId]);
    expect(slack.rootMessages(CH.fabrikam).map((m) => m.metadata?.event_payload.system_alert_id)).toEqual([FABRIKAM.alertId]);
    expect(slack.rootMessages(SOC)).toEqual([]);
    expect(texts(rootOf(CH.contoso))).toContain('Contoso');
    expect(texts(rootOf(CH.contoso))).toMatch(/Customer/);
    expect(texts(rootOf(CH.fabrikam))).toContain('Fabrikam');
    expect((await app.deps.store.alerts.get(CONTOSO.alertId))?.customer).toBe('Contoso');
  });

  it("refuses the other customer's analyst a vote (audited, nothing counted); the customer's own analyst decides and it is written back with the tenant's identity", async () => {
    const vote: Intent = { kind: 'vote', alertId: CONTOSO.alertId, verdict: 'true-positive', severity: 'High' };
    expect((await click(vote, CH.contoso, ANA.fabrikam)).status).toBe(200);
    await slack.waitFor(() => slack.ephemerals.some((e) => e.user === ANA.fabrikam.id), 10_000, 'the refusal');
    const refusal = slack.ephemerals.find((e) => e.user === ANA.fabrikam.id)!;
    expect(texts(refusal)).toMatch(/This alert is Contoso's.*nothing was done/);
    expect((await refusals()).map((r) => r.after)).toContainEqual(expect.objectContaining({ intent: 'vote', reason: 'other-customer' }));
    expect(await app.deps.store.votes.history(CONTOSO.alertId)).toEqual([]);

    expect((await click(vote, CH.contoso, ANA.contoso)).status).toBe(200);
    await waitFor(() => arm.requests.some((r) => r.method === 'POST' && r.path.includes(CONTOSO.alertId)), 15_000, 'the write-back');
    const post = arm.requests.find((r) => r.method === 'POST' && r.path.includes(CONTOSO.alertId))!;
    expect(post.path).toMatch(/\/inProgress$/);
    expect(post.authorization).toBe(`Bearer token-of-${CONTOSO.tenantId}`);
    expect((await app.deps.store.votes.history(CONTOSO.alertId)).map((v) => v.voter.userId)).toEqual([ANA.contoso.id]);
  });

  it("hands off per customer: /handoff in a customer's channel lists its alerts only; the other customer's analyst is refused there", async () => {
    expect((await command('/handoff', '', CH.fabrikam, ANA.fabrikam, 'h-fab')).status).toBe(200);
    await slack.waitFor(() => slack.rootMessages(CH.fabrikam).length > 1, 15_000, "Fabrikam's handoff");
    const handoff = slack.rootMessages(CH.fabrikam)[1]!;
    await slack.waitFor(() => slack.threadReplies(CH.fabrikam, handoff.ts).some((m) => texts(m).includes(FABRIKAM.title)), 15_000, "the handoff's thread");
    const thread = slack.threadReplies(CH.fabrikam, handoff.ts).map(texts).join(' ');
    expect(texts(handoff)).toContain('Fabrikam');
    expect(thread).toContain(FABRIKAM.title);
    expect(thread).not.toContain(CONTOSO.title);

    expect((await command('/handoff', '', CH.contoso, ANA.fabrikam, 'h-cross')).status).toBe(200);
    await slack.waitFor(() => slack.responses.some((r) => r.id === 'h-cross'), 10_000, 'the refusal');
    expect(JSON.stringify(slack.responses.find((r) => r.id === 'h-cross')!.body)).toMatch(/This channel is Contoso's/);
    expect(slack.rootMessages(CH.contoso)).toHaveLength(1);
  });

  it('/triage in the SOC-wide channel lists what the asker may see: one customer for its analyst, both for the SOC lead', async () => {
    await command('/triage', '', SOC, ANA.fabrikam, 't-fab');
    await command('/triage', '', SOC, SOC_LEAD, 't-lead');
    await slack.waitFor(() => ['t-fab', 't-lead'].every((id) => slack.responses.some((r) => r.id === id)), 10_000, 'both answers');
    const answer = (id: string) => JSON.stringify(slack.responses.find((r) => r.id === id)!.body);
    expect(answer('t-fab')).toContain(FABRIKAM.title);
    expect(answer('t-fab')).not.toContain(CONTOSO.title);
    expect(answer('t-lead')).toContain(FABRIKAM.title);
    // Contoso's alert was decided above: the lead's list has Fabrikam's only, as the decided one is not to triage.
    expect(answer('t-lead')).toMatch(/1 open alert/);
  });

  it("Correlate on one customer's alert does not link the other's, though they share the host and the IP", async () => {
    // The stored alerts are related by what they share: without the customer rule they would be linked.
    const contoso = (await app.deps.store.alerts.get(CONTOSO.alertId))!;
    expect((await app.deps.defender!.findRelated(contoso, 24)).map((a) => a.systemAlertId)).toContain(FABRIKAM.alertId);
    const root = rootOf(CH.fabrikam);
    const before = slack.threadReplies(CH.fabrikam, root.ts).length;
    expect((await click({ kind: 'investigate', alertId: FABRIKAM.alertId, investigation: 'correlation' }, CH.fabrikam, ANA.fabrikam)).status).toBe(200);
    await slack.waitFor(() => slack.threadReplies(CH.fabrikam, root.ts).some((m, i) => i >= before && /Timeline|Related|Correlat/i.test(texts(m))), 20_000, 'the Correlate answer');
    const answer = slack.threadReplies(CH.fabrikam, root.ts).slice(before).map(texts).join(' ');
    expect(answer).not.toContain(CONTOSO.title);
    expect(answer).not.toContain(CONTOSO.alertId);
  });
});

async function waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
