/**
 * Only the right people act, on Teams: the real Agents SDK adapter on the shared host, driven over
 * HTTP like Teams drives it, sending through the real connector client to the fake Bot Connector.
 * Action.Execute data comes from the client, so a forged snooze is as easy as a real click.
 */
import { stormKey } from '../../../src/domain/storm/storm-rules';
import type { ConnectorCall } from '../../fakes/bot-connector-server';
import { flagshipAlert } from '../../helpers/alerts';
import { ANALYST, CHANNEL, TENANT, actionExecute, actionSubmit, installInTeam, mentionInChannel, startTeamsHarness, type TeamsHarness } from './teams-harness';

const FOREIGN_TENANT = '0bad0bad-0000-4000-8000-00000000beef';
const GENERAL = '19:soc-team-general@thread.tacv2';

/** An alert of one type on one resource, `minutesAgo` before now (storms are measured between alerts). */
function rdpAlert(id: string, minutesAgo: number, severity: 'Medium' | 'High' = 'Medium') {
  const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  return flagshipAlert({ systemAlertId: id, alertType: 'VM_RDPBruteForce', displayName: 'RDP brute force', severity, startTime: at, endTime: at, generatedTime: at });
}

const cardText = (call: ConnectorCall) => JSON.stringify(call.body.attachments ?? call.body.text ?? '');

function inTenant(activity: Record<string, unknown>, tenantId: string): Record<string, unknown> {
  const conversation = { ...(activity.conversation as object), tenantId };
  const channelData = { ...(activity.channelData as object), tenant: { id: tenantId } };
  return { ...activity, conversation, channelData };
}

function inChannel(activity: Record<string, unknown>, channelId: string): Record<string, unknown> {
  const conversation = { ...(activity.conversation as object), id: channelId };
  const channelData = { ...(activity.channelData as object), channel: { id: channelId } };
  return { ...activity, conversation, channelData };
}

describe('Teams: who may act', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
    h.deps.settings.analysts = [ANALYST.aadObjectId];
    expect((await h.send(installInTeam(h.connector))).status).toBe(200);
  });
  afterEach(() => h.close());

  async function postSingle(id = 'rdp-1') {
    await h.ingest(rdpAlert(id, 20));
    const [post] = await h.connector.waitFor('send', 1);
    return post!.newId!;
  }

  it('a forged 10,080-minute snooze on a single alert\'s card (Action.Execute) is refused, audited, and a later High alert is still posted', async () => {
    const rootId = await postSingle();
    const res = await h.send(actionExecute(h.connector, rootId, 'dtb.snooze', { alertId: 'rdp-1', minutes: '10080' }));
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toMatch(/at most 24 hours/);
    await h.teams.idle();
    expect(await h.store.storms.activeSnooze(stormKey(rdpAlert('rdp-1', 0)), new Date().toISOString())).toBeUndefined();

    await h.ingest(rdpAlert('rdp-2', 0, 'High'));
    const later = h.connector.succeeded().filter((c) => c.op !== 'update' && cardText(c).includes('rdp-2'));
    expect(later).toHaveLength(1);
    const refusals = (await h.store.audit.since('1970-01-01')).filter((e) => e.action === 'refused');
    expect(refusals).toEqual([expect.objectContaining({ actor: expect.stringContaining('teams:aad-alice'), alertId: 'rdp-1', after: expect.objectContaining({ intent: 'snooze', reason: 'snooze-too-long' }) })]);
  });

  it('a snooze within the bound on a single alert\'s card (Action.Submit fallback) is refused too: only group cards snooze', async () => {
    const rootId = await postSingle();
    await h.send(actionSubmit(h.connector, rootId, { verb: 'dtb.snooze', alertId: 'rdp-1', minutes: '60' }));
    await h.teams.idle();
    expect(await h.store.storms.activeSnooze(stormKey(rdpAlert('rdp-1', 0)), new Date().toISOString())).toBeUndefined();
    const [entry] = (await h.store.audit.since('1970-01-01')).filter((e) => e.action === 'refused');
    expect(entry!.after).toMatchObject({ intent: 'snooze', reason: 'not-a-group-card' });
    // The refusal went to the clicker alone (a personal chat), not into the alert's thread.
    expect(h.connector.succeeded('reply')).toHaveLength(0);
    expect(h.connector.succeeded('create')[0]!.body).toMatchObject({ isGroup: false, members: [{ id: ANALYST.aadObjectId }], tenantId: TENANT });
    await h.ingest(rdpAlert('rdp-2', 0, 'High'));
    expect(h.connector.succeeded().filter((c) => c.op !== 'update' && cardText(c).includes('rdp-2'))).toHaveLength(1);
  });

  it('a user not on the roster cannot snooze a group card: refused privately and audited, nothing snoozed', async () => {
    const rootId = await postSingle();
    await h.ingest(rdpAlert('rdp-2', 10)); // the first card becomes the storm's group card
    h.deps.settings.analysts = ['aad-someone-else'];
    const res = await h.send(actionExecute(h.connector, rootId, 'dtb.snooze', { alertId: 'rdp-1', minutes: '1440' }));
    expect(JSON.stringify(res.body)).toMatch(/Only analysts on the triage roster may snooze alerts.*teams:aad-alice/);
    expect(await h.store.storms.activeSnooze(stormKey(rdpAlert('rdp-1', 0)), new Date().toISOString())).toBeUndefined();
    const [entry] = (await h.store.audit.since('1970-01-01')).filter((e) => e.action === 'refused');
    expect(entry!.after).toMatchObject({ intent: 'snooze', reason: 'not-on-roster', channel: `teams:${CHANNEL}` });
  });

  it('a roster analyst snoozes a group card within the bound: stored, audited, shown on the card', async () => {
    const rootId = await postSingle();
    await h.ingest(rdpAlert('rdp-2', 10));
    const res = await h.send(actionExecute(h.connector, rootId, 'dtb.snooze', { alertId: 'rdp-1', minutes: '240' }));
    // The answer (the snoozer's alone) says so; the group card, updated in place, names the snooze, who set it and until when.
    expect(JSON.stringify((res.body as { value?: unknown }).value)).toMatch(/snoozed for 240 minutes/);
    // Presented before the invoke is answered: the newest update of the group card is the snoozed one.
    const update = h.connector.succeeded('update').filter((c) => c.activityId === rootId).at(-1);
    expect(JSON.stringify(update?.body)).toMatch(/Snoozed.*until .* by Alice Analyst/);
    expect(await h.store.storms.activeSnooze(stormKey(rdpAlert('rdp-1', 0)), new Date().toISOString())).toMatchObject({ by: ANALYST.name });
    expect((await h.store.audit.since('1970-01-01')).map((e) => e.action)).toEqual(['snooze']);
  });
});

describe('Teams: only our tenant', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
    h.deps.settings.access = { emptyRoster: 'everyone', teamsTenants: [TENANT] };
  });
  afterEach(() => h.close());

  it('an activity from another tenant is refused and audited, and its conversation reference is not stored', async () => {
    const res = await h.send(inTenant(installInTeam(h.connector), FOREIGN_TENANT));
    expect(res.status).toBe(200);
    expect(await h.store.teams.getConversation(CHANNEL)).toBeUndefined();
    const [entry] = await h.store.audit.since('1970-01-01');
    expect(entry).toMatchObject({ action: 'refused', after: { reason: 'foreign-organisation', tenant: FOREIGN_TENANT, activity: 'conversationUpdate' } });
  });

  it('another tenant\'s snooze click is answered with a refusal and handled not at all', async () => {
    expect((await h.send(installInTeam(h.connector))).status).toBe(200);
    const before = await h.store.teams.getConversation(CHANNEL);
    const click = inTenant(actionExecute(h.connector, '1000', 'dtb.snooze', { alertId: 'rdp-1', minutes: '10080' }), FOREIGN_TENANT);
    const res = await h.send({ ...click, serviceUrl: 'http://127.0.0.1:9/evil/' });
    expect(JSON.stringify(res.body)).toMatch(/serves only its own organisation/);
    expect(await h.store.teams.getConversation(CHANNEL)).toEqual(before); // the stored reference was not repointed
    expect((await h.store.audit.since('1970-01-01')).map((e) => e.after)).toEqual([expect.objectContaining({ reason: 'foreign-organisation', activity: 'invoke adaptiveCard/action' })]);
  });

  it('an activity naming two different tenants is refused like a foreign one', async () => {
    const mixed = { ...installInTeam(h.connector), channelData: { ...(installInTeam(h.connector).channelData as object), tenant: { id: FOREIGN_TENANT } } };
    await h.send(mixed);
    expect(await h.store.teams.getConversation(CHANNEL)).toBeUndefined();
  });
});

describe('Teams: commands and results stay in the triage channels', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
    h.deps.settings.access = { emptyRoster: 'nobody', channels: [{ platform: 'teams', channelId: CHANNEL }] };
    expect((await h.send(installInTeam(h.connector))).status).toBe(200);
    expect((await h.send(installInTeam(h.connector, GENERAL))).status).toBe(200);
  });
  afterEach(() => h.close());

  it('"@bot handoff" by someone off the roster in a general channel posts nothing there; refused and audited', async () => {
    await h.send(inChannel(mentionInChannel(h.connector, 'handoff'), GENERAL));
    await h.teams.idle();
    expect(h.connector.succeeded().filter((c) => c.conversationId.startsWith(GENERAL))).toHaveLength(0);
    const [entry] = await h.store.audit.since('1970-01-01');
    expect(entry).toMatchObject({ action: 'refused', after: { intent: 'handoff', reason: 'outside-triage-channels' } });
  });

  it('"@bot handoff note …" by someone off the roster is refused even in the triage channel: no note is saved', async () => {
    await h.send(mentionInChannel(h.connector, 'handoff note all quiet, nothing to do'));
    await h.teams.idle();
    expect(await h.store.handoffs.notes('1970-01-01T00:00:00.000Z', '2999-01-01T00:00:00.000Z')).toEqual([]);
    const [entry] = await h.store.audit.since('1970-01-01');
    expect(entry).toMatchObject({ action: 'refused', after: { intent: 'handoff-note', reason: 'roster-empty' } });
  });

  it('a roster analyst\'s "@bot handoff" in a general channel goes to their personal chat, not the channel', async () => {
    h.deps.settings.analysts = [ANALYST.aadObjectId];
    await h.send(inChannel(mentionInChannel(h.connector, 'handoff'), GENERAL));
    await h.teams.idle();
    await h.connector.waitFor('create', 1);
    expect(h.connector.succeeded().filter((c) => c.conversationId.startsWith(GENERAL))).toHaveLength(0);
    const privately = h.connector.succeeded('send').filter((c) => c.conversationId.startsWith('a:new'));
    expect(privately.map(cardText).join('\n')).toMatch(/handoff/i);
  });
});

describe('Teams: unauthenticated callers', () => {
  it('with credentials, a forged token gets a short plain 401: nothing of the SDK\'s reason (audience, issuer, keys)', async () => {
    const h = await startTeamsHarness({ settings: { appId: '3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c', appPassword: 'x', tenantId: TENANT, allowAnonymous: false, localMode: false } });
    try {
      for (const authorization of [undefined, 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.', 'Basic abc']) {
        const res = await fetch(h.messagesUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify(installInTeam(h.connector)),
        });
        expect(res.status).toBe(401);
        expect(await res.text()).toBe('unauthorized');
      }
    } finally {
      await h.close();
    }
  });

  it('anonymous Teams answers only requests addressed to this loopback server (no DNS rebinding), and no cross-site posts', async () => {
    const h = await startTeamsHarness();
    try {
      const { port } = new URL(h.messagesUrl);
      const http = await import('node:http');
      const send = (headers: Record<string, string>) =>
        new Promise<number>((resolve, reject) => {
          const req = http.request({ host: '127.0.0.1', port, path: '/api/messages', method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on('error', reject);
          req.end(JSON.stringify(installInTeam(h.connector)));
        });
      expect(await send({ Host: `rebound.attacker.example:${port}` })).toBe(403);
      expect(await send({ Host: `127.0.0.1:${port}`, Origin: 'http://rebound.attacker.example' })).toBe(403);
      expect(await h.store.teams.getConversation(CHANNEL)).toBeUndefined();
      expect(await send({ Host: `localhost:${port}` })).toBe(200);
      expect(await h.store.teams.getConversation(CHANNEL)).toBeDefined();
    } finally {
      await h.close();
    }
  });
});
