/**
 * The Teams adapter end to end: the real Agents SDK adapter on the shared express host, driven over
 * HTTP, sending through the real connector client to the fake Bot Connector.
 */
import { adaptiveCardSchemaErrors } from '../../helpers/adaptive-card-schema';
import { flagshipAlert } from '../../helpers/alerts';
import { checkTeamsCardLimits } from '../../../src/adapters/cards/limits';
import type { ConnectorCall } from '../../fakes/bot-connector-server';
import {
  actionExecute,
  actionSubmit,
  CHANNEL,
  installInTeam,
  mentionInChannel,
  PERSONAL,
  personalMessage,
  startTeamsHarness,
  type TeamsHarness,
} from './teams-harness';

type Card = { type: string; version: string; refresh?: { action: { verb: string; data: Record<string, string> }; userIds?: string[] } };

function cardOf(call: ConnectorCall): Card {
  const attachments = call.body.attachments as { contentType: string; content: Card }[];
  expect(attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachments[0]!.content;
}

function textOf(value: unknown): string {
  return JSON.stringify(value);
}

describe('Teams adapter against a fake Bot Connector', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
  });
  afterEach(() => h.close());

  async function installAndPostAlert(): Promise<{ rootId: string; alertId: string }> {
    expect((await h.send(installInTeam(h.connector))).status).toBe(200);
    const alert = flagshipAlert();
    await h.ingest(alert);
    const [post] = await h.connector.waitFor('send', 1);
    return { rootId: post!.newId!, alertId: alert.systemAlertId };
  }

  it('stores the channel conversation reference when the app is installed in a team', async () => {
    const res = await h.send(installInTeam(h.connector));
    expect(res.status).toBe(200);
    const stored = await h.store.teams.getConversation(CHANNEL);
    expect(stored).toMatchObject({ conversationId: CHANNEL, kind: 'channel', serviceUrl: h.connector.url, teamId: expect.stringContaining('soc-team') });
    const reference = JSON.parse(stored!.reference) as { activityId?: string; conversation: { id: string } };
    expect(reference.activityId).toBeUndefined();
    expect(reference.conversation.id).toBe(CHANNEL);
  });

  it('posts a new alert proactively to the channel as a valid Adaptive Card with refresh', async () => {
    const { rootId, alertId } = await installAndPostAlert();
    const [post] = h.connector.succeeded('send');
    expect(post!.conversationId).toBe(CHANNEL);
    expect(post!.activityId).toBeUndefined();
    const card = cardOf(post!);
    expect(adaptiveCardSchemaErrors(card)).toEqual([]);
    expect(checkTeamsCardLimits(card)).toEqual([]);
    expect(card.refresh?.action).toMatchObject({ verb: 'dtb.refresh', data: { alertId } });
    expect(textOf(card)).toContain('web-vm-01');
    const root = await h.store.messages.findRoot(alertId, 'teams', CHANNEL);
    expect(root).toMatchObject({ messageId: rootId, threadId: rootId });
  });

  it('holds an alert for a channel it has not heard from and posts it once the app is installed there', async () => {
    const alert = flagshipAlert();
    await h.ingest(alert);
    expect(h.connector.calls).toHaveLength(0);
    expect((await h.store.teams.waitingPosts(CHANNEL)).map((p) => p.alertId)).toEqual([alert.systemAlertId]);

    await h.send(installInTeam(h.connector));
    await h.teams.idle();
    const [post] = await h.connector.waitFor('send', 1);
    expect(post!.conversationId).toBe(CHANNEL);
    expect(textOf(cardOf(post!))).toContain('web-vm-01');
    expect(await h.store.teams.waitingPosts(CHANNEL)).toEqual([]);

    // The placeholder root now resolves to the real message: replies thread under it.
    const root = (await h.store.messages.findRoot(alert.systemAlertId, 'teams', CHANNEL))!;
    await h.teams.surface.reply(root, { kind: 'notice', tone: 'info', text: 'follow-up' });
    const replies = h.connector.succeeded('send').slice(1);
    expect(replies.map((c) => c.conversationId)).toEqual([`${CHANNEL};messageid=${post!.newId}`]);
  });

  it('answers an Action.Execute vote privately, updates the card in place and replies in the alert thread', async () => {
    const { rootId, alertId } = await installAndPostAlert();
    const res = await h.send(actionExecute(h.connector, rootId, 'dtb.vote', { alertId, verdict: 'true-positive' }));
    expect(res.status).toBe(200);
    // "Your vote: …" is the clicker's alone, as on Slack and the local channel: the invoke answer's message.
    const body = res.body as { statusCode: number; type: string; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(body.value)).toMatch(/^Your vote: true positive/);
    // The card itself is updated in place (for everyone), with the clicker's refresh audience.
    const [update] = await h.connector.waitFor('update', 1);
    expect(update!.activityId).toBe(rootId);
    const card = cardOf(update!);
    expect(adaptiveCardSchemaErrors(card)).toEqual([]);
    expect(card.refresh?.action.verb).toBe('dtb.refresh');
    expect(card.refresh?.userIds).toContain('29:analyst-alice');
    expect(textOf(card)).toContain('web-vm-01');
    expect(textOf(card)).toContain('Alice Analyst');

    await h.teams.idle();
    const threadReplies = h.connector.succeeded('send').filter((c) => c.conversationId === `${CHANNEL};messageid=${rootId}`);
    expect(threadReplies.map((c) => textOf(cardOf(c))).join('\n')).toContain('Alice Analyst voted true positive');
    // The vote is recorded under the Teams identity of the clicker.
    expect(await h.store.votes.history(alertId)).toEqual([
      expect.objectContaining({ verdict: 'true-positive', voter: expect.objectContaining({ platform: 'teams', userId: 'aad-alice' }) }),
    ]);
  });

  /**
   * What Teams sends for a vote button of the posted card: the button's verb and data with the
   * card's inputs merged in (Action.Execute `action.data`; Action.Submit `value` with the verb).
   */
  function voteWithSeverity(card: Card, verdict: string, severity: string) {
    const elements: Record<string, unknown>[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        elements.push(v as Record<string, unknown>);
        Object.values(v).forEach(walk);
      }
    };
    walk(card);
    const input = elements.find((e) => e.type === 'Input.ChoiceSet')!;
    expect(input.id).toBe('severity');
    expect((input.choices as { value: string }[]).map((c) => c.value)).toContain(severity);
    const button = elements.find((e) => e.type === 'Action.Execute' && (e.data as Record<string, string>).verdict === verdict)!;
    const fallback = button.fallback as { data: Record<string, string> };
    return {
      verb: String(button.verb),
      data: { ...(button.data as Record<string, string>), [String(input.id)]: severity },
      submitValue: { ...fallback.data, [String(input.id)]: severity },
    };
  }

  it('records the severity chosen on the card with an Action.Execute vote', async () => {
    const { rootId, alertId } = await installAndPostAlert();
    const vote = voteWithSeverity(cardOf(h.connector.succeeded('send')[0]!), 'true-positive', 'High');
    const res = await h.send(actionExecute(h.connector, rootId, vote.verb, vote.data));
    const body = res.body as { statusCode: number; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(String(body.value)).toBe('Your vote: true positive / High');
    // The updated card's tally names the vote with its severity (parentheses markdown-escaped).
    const [update] = await h.connector.waitFor('update', 1);
    expect(textOf(cardOf(update!))).toMatch(/Alice Analyst → True positive [\\]*\(High/);
    expect(await h.store.votes.history(alertId)).toEqual([expect.objectContaining({ verdict: 'true-positive', severity: 'High' })]);
    await h.teams.idle();
  });

  it('records the severity chosen on the card with the Action.Submit fallback', async () => {
    const { rootId, alertId } = await installAndPostAlert();
    const vote = voteWithSeverity(cardOf(h.connector.succeeded('send')[0]!), 'false-positive', 'Informational');
    expect((await h.send(actionSubmit(h.connector, rootId, vote.submitValue))).status).toBe(200);
    await h.teams.idle();
    expect(await h.store.votes.history(alertId)).toEqual([expect.objectContaining({ verdict: 'false-positive', severity: 'Informational' })]);
  });

  it('answers the automatic refresh with the current card and nothing else', async () => {
    const { rootId, alertId } = await installAndPostAlert();
    const sentBefore = h.connector.calls.length;
    const res = await h.send(actionExecute(h.connector, rootId, 'dtb.refresh', { alertId }));
    const body = res.body as { statusCode: number; value: Card };
    expect(body.statusCode).toBe(200);
    expect(textOf(body.value)).toContain('web-vm-01');
    await h.teams.idle();
    expect(h.connector.calls.length).toBe(sentBefore);
  });

  it("the Findings section reaches everyone: the card is updated in place, and anyone's refresh gets the current findings with the link to the reply", async () => {
    const { rootId, alertId } = await installAndPostAlert();
    expect((await h.send(actionExecute(h.connector, rootId, 'dtb.investigate', { alertId, investigation: 'analyze' }))).status).toBe(200);
    await h.teams.idle();
    await h.connector.waitFor('send', 2); // the answer in the thread
    const reply = h.connector.succeeded('send').find((c) => c.conversationId === `${CHANNEL};messageid=${rootId}` && textOf(cardOf(c)).includes('Analyze'))!;
    const link = `[full answer](https://teams.microsoft.com/l/message/${encodeURIComponent(CHANNEL)}/${reply.newId}?parentMessageId=${rootId})`;
    const updates = () => h.connector.succeeded('update').filter((u) => u.activityId === rootId && textOf(cardOf(u)).includes(link));
    for (let i = 0; i < 100 && !updates().length; i++) await new Promise((r) => setTimeout(r, 50));
    const card = cardOf(updates().at(-1)!);
    expect(adaptiveCardSchemaErrors(card)).toEqual([]);
    expect(textOf(card)).toContain('"text":"Findings"');
    expect(card.refresh?.action).toMatchObject({ verb: 'dtb.refresh', data: { alertId } });
    // Someone who never clicked: Teams asks for the card (refresh, trigger automatic) and gets the findings.
    const bob = { ...actionExecute(h.connector, rootId, 'dtb.refresh', { alertId }), from: { id: '29:bob', aadObjectId: 'aad-bob', name: 'Bob' } };
    const res = await h.send({ ...bob, value: { action: { type: 'Action.Execute', verb: 'dtb.refresh', data: { alertId } }, trigger: 'automatic' } });
    const refreshed = (res.body as { statusCode: number; value: Card }).value;
    expect(textOf(refreshed)).toContain('"text":"Findings"');
    expect(textOf(refreshed)).toContain(link);
  });

  it('leaves the card alone and says so when a button carries data it does not understand', async () => {
    const { rootId } = await installAndPostAlert();
    const res = await h.send(actionExecute(h.connector, rootId, 'dtb.vote', { verdict: 'true-positive' }));
    const body = res.body as { statusCode: number; type: string; value: string };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(body.value).toContain('missing alertId');
  });

  it('handles the Action.Submit fallback through the same handler: card updated in place, reply in thread', async () => {
    const { rootId, alertId } = await installAndPostAlert();
    // Teams merges card inputs (the severity choice) into the submitted data.
    const res = await h.send(actionSubmit(h.connector, rootId, { verb: 'dtb.vote', alertId, verdict: 'false-positive', severity: 'Low' }));
    expect(res.status).toBe(200);
    await h.teams.idle();
    const [update] = await h.connector.waitFor('update', 1);
    expect(update!.conversationId).toBe(CHANNEL);
    expect(update!.activityId).toBe(rootId);
    expect(adaptiveCardSchemaErrors(cardOf(update!))).toEqual([]);
    expect(h.connector.succeeded('send').some((c) => c.conversationId === `${CHANNEL};messageid=${rootId}`)).toBe(true);
    expect(await h.store.votes.history(alertId)).toEqual([expect.objectContaining({ verdict: 'false-positive', severity: 'Low' })]);
  });

  it('answers "@Triage Bot investigate web-vm-01" in the thread of the command', async () => {
    await h.send(installInTeam(h.connector));
    const command = mentionInChannel(h.connector, 'investigate web-vm-01');
    expect((await h.send(command)).status).toBe(200);
    await h.teams.idle();
    const replies = h.connector.succeeded('send').filter((c) => c.conversationId === `${CHANNEL};messageid=${String(command.id)}`);
    expect(replies.length).toBeGreaterThanOrEqual(1);
    expect(adaptiveCardSchemaErrors(cardOf(replies[0]!))).toEqual([]);
  });

  it('answers commands in personal chat, and explains a command it cannot parse', async () => {
    await h.send(personalMessage(h.connector, 'help'));
    await h.send(personalMessage(h.connector, 'investigate web-vm-01 forever'));
    await h.teams.idle();
    const answers = h.connector.succeeded('send').filter((c) => c.conversationId === PERSONAL);
    expect(answers).toHaveLength(2);
    expect(textOf(cardOf(answers[0]!))).toContain('investigate');
    expect(textOf(cardOf(answers[1]!))).toContain('not understood');
    expect(await h.store.teams.getConversation(PERSONAL)).toMatchObject({ kind: 'personal' });
  });

  it.each([429, 412, 502, 504])('retries a %i from the connector and then posts', async (status) => {
    await h.send(installInTeam(h.connector));
    h.connector.inject({ status, retryAfterSeconds: status === 429 ? 0 : undefined, times: 2 });
    const ref = await h.teams.surface.post(CHANNEL, { kind: 'notice', tone: 'info', text: 'hello' });
    expect(ref.messageId).toBe(h.connector.succeeded('send')[0]!.newId);
    expect(h.connector.calls.map((c) => c.status)).toEqual([status, status, 200]);
  });

  it('tells the outbox how long to wait when Teams keeps throttling after every retry', async () => {
    await h.send(installInTeam(h.connector));
    h.connector.inject({ status: 429, retryAfterSeconds: 0, times: Infinity });
    await expect(h.teams.surface.post(CHANNEL, { kind: 'notice', tone: 'info', text: 'hello' })).rejects.toMatchObject({ status: 429, retryAfterMs: 0 });
    expect(h.connector.calls).toHaveLength(5);
    expect(h.teams.health().ok).toBe(true);
  });

  it('records a 403 (bot removed or blocked), does not retry it, and reports it as a health problem', async () => {
    await h.send(installInTeam(h.connector));
    h.connector.inject({ status: 403, times: Infinity });
    await expect(h.teams.surface.post(CHANNEL, { kind: 'notice', tone: 'info', text: 'hello' })).rejects.toMatchObject({ code: 'teams_forbidden' });
    expect(h.connector.calls).toHaveLength(1);
    expect(h.teams.health()).toMatchObject({ ok: false, problems: [{ conversationId: CHANNEL, status: 403 }] });
    // Fails fast afterwards instead of hammering a channel that refuses us.
    await expect(h.teams.surface.post(CHANNEL, { kind: 'notice', tone: 'info', text: 'again' })).rejects.toMatchObject({ code: 'teams_forbidden' });
    expect(h.connector.calls).toHaveLength(1);
    // The app is reinstalled: the channel talks to us again and posting resumes.
    h.connector.clearFaults();
    await h.send(installInTeam(h.connector));
    expect(h.teams.health().ok).toBe(true);
    await h.teams.surface.post(CHANNEL, { kind: 'notice', tone: 'info', text: 'back' });
    expect(h.connector.succeeded('send')).toHaveLength(1);
  });
});
