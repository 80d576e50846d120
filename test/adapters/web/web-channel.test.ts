import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderAdaptiveCard } from '../../../src/adapters/cards/render-adaptive-card';
import { createHttpHost, type HttpHost } from '../../../src/adapters/http/http-host';
import { openStore, type SqlStore } from '../../../src/adapters/store/open-store';
import { WebChannel, type WebEvent } from '../../../src/adapters/web/web-channel';
import { mountWebChannel } from '../../../src/adapters/web/web-routes';
import { defaultSettings, silentLogger, type AppDeps } from '../../../src/app/deps';
import { answerIntent } from '../../../src/app/answer-intent';
import { encodeAction } from '../../../src/domain/action-codec';
import type { CardModel } from '../../../src/ports/card-model';
import { systemClock } from '../../../src/ports/clock';
import { flagshipAlert } from '../../helpers/alerts';

const notice = (text: string): CardModel => ({ kind: 'notice', tone: 'info', text });

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'web-channel-'));
}

describe('WebChannel (ChatSurface, platform web)', () => {
  it('posts, replies in the thread and updates in place, telling every listener', async () => {
    const channel = new WebChannel({ render: renderAdaptiveCard });
    const events: WebEvent[] = [];
    channel.subscribe((e) => events.push(e));
    const root = await channel.post('alerts', notice('first'), { alertId: 'a1' });
    const reply = await channel.reply(root, notice('in the thread'));
    const replyToReply = await channel.reply(reply, notice('still the same thread'));
    await channel.update(root, notice('changed'));

    expect(root).toEqual({ platform: 'web', channelId: 'alerts', messageId: root.messageId, threadId: root.messageId });
    expect(reply.threadId).toBe(root.messageId);
    expect(replyToReply.threadId).toBe(root.messageId);
    expect(events.map((e) => e.type)).toEqual(['message', 'message', 'message', 'update']);
    expect(JSON.stringify(channel.get(root.messageId)!.card)).toContain('changed');
    expect(channel.list().map((m) => m.id)).toEqual([root.messageId, reply.messageId, replyToReply.messageId]);
    await expect(channel.update({ ...root, messageId: 'web-missing' }, notice('x'))).rejects.toThrow(/no message web-missing/);
  });

  it('updates only the root cards that show the given alert', async () => {
    const channel = new WebChannel({ render: renderAdaptiveCard });
    const a = await channel.post('alerts', notice('alert a'), { alertId: 'a' });
    const b = await channel.post('alerts', notice('alert b'), { alertId: 'b' });
    await channel.reply(a, notice('reply under a'));
    await channel.updateAlertCards('a', notice('a refreshed'));
    expect(JSON.stringify(channel.get(a.messageId)!.card)).toContain('a refreshed');
    expect(JSON.stringify(channel.get(b.messageId)!.card)).toContain('alert b');
    expect(channel.list().filter((m) => JSON.stringify(m.card).includes('refreshed'))).toHaveLength(1);
  });

  it('finds an alert\'s card in a channel, so the outbox does not post it twice', async () => {
    const channel = new WebChannel({ render: renderAdaptiveCard });
    const root = await channel.post('alerts', notice('alert a'), { alertId: 'a' });
    await channel.reply(root, notice('a reply'), { alertId: 'a' });
    await expect(channel.findPosted('alerts', 'a')).resolves.toEqual(root);
    await expect(channel.findPosted('other', 'a')).resolves.toBeUndefined();
    await expect(channel.findPosted('alerts', 'b')).resolves.toBeUndefined();
  });

  it('keeps its messages across a restart when given a file, and names a corrupt file', async () => {
    const file = path.join(tempDir(), 'web-channel.json');
    const first = new WebChannel({ render: renderAdaptiveCard, file });
    const root = await first.post('alerts', notice('kept'), { alertId: 'k' });
    await first.reply(root, notice('reply kept'));
    first.flush();
    const second = new WebChannel({ render: renderAdaptiveCard, file });
    expect(second.list().map((m) => m.id)).toEqual(first.list().map((m) => m.id));
    expect(second.get(root.messageId)?.alertId).toBe('k');

    fs.writeFileSync(file, '{not json');
    expect(() => new WebChannel({ render: renderAdaptiveCard, file })).toThrow(new RegExp(`cannot read ${file.replace(/[.\\]/g, '\\$&')}.*delete it`));
  });
});

describe('local web channel over HTTP', () => {
  let store: SqlStore;
  let host: HttpHost;
  let channel: WebChannel;
  let base: string;
  let port: number;
  let alertRoot: { messageId: string };

  beforeAll(async () => {
    store = await openStore(`sqlite:${path.join(tempDir(), 'triage.db')}`);
    channel = new WebChannel({ render: renderAdaptiveCard });
    const deps: AppDeps = {
      store,
      surfaces: { web: channel },
      clock: systemClock,
      logger: silentLogger,
      settings: defaultSettings,
      routes: () => [{ platform: 'web', channelId: 'alerts' }],
    };
    host = createHttpHost();
    mountWebChannel(host.app, channel, { handle: (r, response) => answerIntent(r, deps, response), logWarn: () => {} });
    const address = await host.listen(0, '127.0.0.1');
    port = address.port;
    base = `http://127.0.0.1:${port}`;
    // What ingest does: store the alert, post its card, remember the root.
    const alert = flagshipAlert();
    await store.alerts.save(alert);
    const ref = await channel.post('alerts', { kind: 'alert', alert, state: { status: alert.status } }, { alertId: alert.systemAlertId });
    await store.messages.save({ ...ref, alertId: alert.systemAlertId, role: 'root', createdAt: new Date().toISOString() });
    alertRoot = ref;
  });

  afterAll(async () => {
    await host.close();
    await store.close();
  });

  const post = (route: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('serves the page with a strict Content-Security-Policy, and the official renderer', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('No authentication');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const renderer = await fetch(`${base}/vendor/adaptivecards.min.js`);
    expect(renderer.status).toBe(200);
    expect((await renderer.text()).length).toBeGreaterThan(100_000);
  });

  it('streams a snapshot, then every new message, as Server-Sent Events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/web/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const events: { type: string; messages?: { id: string }[]; message?: { id: string } }[] = [];
    let buffer = '';
    const next = async () => {
      while (!buffer.includes('\n\n')) buffer += new TextDecoder().decode((await reader.read()).value);
      const [chunk, ...rest] = buffer.split('\n\n');
      buffer = rest.join('\n\n');
      events.push(JSON.parse(chunk!.replace(/^data: /, '')));
    };
    await next();
    expect(events[0]!.type).toBe('snapshot');
    expect(events[0]!.messages!.map((m) => m.id)).toContain(alertRoot.messageId);
    const live = await channel.post('alerts', notice('live one'));
    await next();
    expect(events[1]).toMatchObject({ type: 'message', message: { id: live.messageId } });
    controller.abort();
  });

  it('answers a card button through the shared codec and dispatcher', async () => {
    const help = encodeAction({ kind: 'help' });
    const res = await post('/api/web/action', { ...help, messageId: alertRoot.messageId, user: 'alice' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; reply: { type: string } };
    expect(body.ok).toBe(true);
    expect(body.reply.type).toBe('AdaptiveCard');
    expect(JSON.stringify(body.reply)).toContain('investigate');
  });

  it('answers the Who? button (its result, or a visible "not available yet")', async () => {
    const who = encodeAction({ kind: 'investigate', investigation: 'identity', alertId: flagshipAlert().systemAlertId });
    const res = await post('/api/web/action', { ...who, messageId: alertRoot.messageId });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { reply?: object };
    expect(JSON.stringify(body.reply)).toMatch(/Who\?|identity|Not available yet/i);
  });

  it('passes card input values in the action data through: a vote with the severity chosen on the card', async () => {
    const alertId = flagshipAlert().systemAlertId;
    const vote = encodeAction({ kind: 'vote', verdict: 'benign-positive', alertId });
    // What the page sends: the button's data with the renderer's input values merged in.
    const res = await post('/api/web/action', { verb: vote.verb, data: { ...vote.data, severity: 'Low' }, messageId: alertRoot.messageId, user: 'sev-voter' });
    expect(res.status).toBe(200);
    expect(JSON.stringify(((await res.json()) as { reply?: object }).reply)).toMatch(/Your vote: benign positive \/ Low/i);
    const votes = (await store.votes.history(alertId)).filter((v) => v.voter.userId === 'sev-voter');
    expect(votes).toEqual([expect.objectContaining({ verdict: 'benign-positive', severity: 'Low' })]);
  });

  it('refuses clicks on unknown messages, unknown verbs and bad data, saying why', async () => {
    const unknownMessage = await post('/api/web/action', { ...encodeAction({ kind: 'help' }), messageId: 'web-nope' });
    expect(unknownMessage.status).toBe(400);
    expect(await unknownMessage.json()).toEqual({ ok: false, error: expect.stringContaining('not in this channel') });
    const badVerb = await post('/api/web/action', { verb: 'rm -rf', data: {}, messageId: alertRoot.messageId });
    expect(await badVerb.json()).toEqual({ ok: false, error: expect.stringContaining('unknown action') });
    const badData = await post('/api/web/action', { verb: 'dtb.investigate', data: { investigation: 'identity' }, messageId: alertRoot.messageId });
    expect(await badData.json()).toEqual({ ok: false, error: 'missing alertId' });
  });

  it('parses the command box with the shared parser', async () => {
    const help = await post('/api/web/command', { text: '/help', channelId: 'alerts', user: 'bob' });
    expect(help.status).toBe(200);
    expect(JSON.stringify(((await help.json()) as { reply: object }).reply)).toContain('handoff');
    const bad = await post('/api/web/command', { text: 'investigate', channelId: 'alerts' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('needs a target');
  });

  it('refuses foreign Host names (DNS rebinding) and cross-site requests', async () => {
    const http = await import('node:http');
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: '/api/web/command', method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(JSON.stringify({ text: 'help' }));
      });
    expect(await status({ Host: 'attacker.example:80' })).toBe(403);
    expect(await status({ Host: `127.0.0.1:${port}`, Origin: 'http://attacker.example' })).toBe(403);
    expect(await status({ Host: `localhost:${port}`, Origin: `http://localhost:${port}` })).toBe(200);
  });

  it('ignores a cross-site form post (not JSON): nothing is dispatched', async () => {
    const res = await fetch(`${base}/api/web/command`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"text":"help"}' });
    expect(res.status).toBe(400);
  });
});

describe('WebChannel private answers', () => {
  it('keeps a private answer beside what it answers, for its user only, across a restart, until dismissed', async () => {
    const file = path.join(tempDir(), 'web-channel.json');
    const channel = new WebChannel({ render: renderAdaptiveCard, file });
    const root = await channel.post('alerts', notice('alert card'), { alertId: 'a1' });
    await channel.notifyUser({ channelId: 'alerts', threadId: root.messageId }, 'alice', notice('Who? running…'));
    const typed = channel.addPrivate({ channelId: 'alerts' }, 'alice', notice('the help'), 'help');
    channel.flush();

    const again = new WebChannel({ render: renderAdaptiveCard, file });
    const kept = again.list().filter((m) => m.privateTo === 'alice');
    expect(kept.map((m) => [m.threadId, m.about])).toEqual([
      [root.messageId, undefined],
      ['commands', 'help'],
    ]);
    expect(await again.findPosted('alerts', 'a1')).toMatchObject({ messageId: root.messageId });
    expect(again.dismiss(typed.id, 'bob')).toBe(false);
    expect(again.dismiss(typed.id, 'alice')).toBe(true);
    expect(again.list().some((m) => m.id === typed.id)).toBe(false);
  });
});
