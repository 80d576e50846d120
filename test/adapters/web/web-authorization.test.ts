/**
 * Only the right people act, in the local channel: `buildApp` in local mode (what `npm start` runs,
 * on a temp SQLite), driven over its HTTP routes. The local channel has no login, so every name is
 * a label: the checks that matter are the ones no label gets around (the snooze's card and bound),
 * and where results go.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../src/app/deps';
import { ingestAlert } from '../../../src/app/ingest-alert';
import { buildApp, type BuiltApp } from '../../../src/composition-root';
import { loadConfig } from '../../../src/config/load-config';
import { stormKey } from '../../../src/domain/storm/storm-rules';
import { flagshipAlert } from '../../helpers/alerts';
import { freePort } from '../../helpers/free-port';

function rdpAlert(id: string, minutesAgo: number, severity: 'Medium' | 'High' = 'Medium') {
  const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  return flagshipAlert({ systemAlertId: id, alertType: 'VM_RDPBruteForce', displayName: 'RDP brute force', severity, startTime: at, endTime: at, generatedTime: at });
}

async function until(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('local channel: who may act', () => {
  let app: BuiltApp;
  let base: string;
  let dir: string;

  async function start(env: Record<string, string> = {}) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-authz-'));
    const config = loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`, LOCAL_DEMO: 'false', PORT: String(await freePort()), ...env });
    app = await buildApp(config, { logger: silentLogger });
    base = (await app.start()).url.replace(/\/$/, '');
  }
  afterEach(async () => {
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const post = async (route: string, body: unknown) => {
    const res = await fetch(`${base}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { ok: boolean; reply?: object; error?: string } };
  };
  const cards = () => app.web!.list().map((m) => JSON.stringify(m.card));

  async function postAlert(id: string, minutesAgo: number, severity?: 'High') {
    await ingestAlert(rdpAlert(id, minutesAgo, severity), app.deps);
    await until(`the card of ${id}`, () => cards().some((c) => c.includes(id)));
    return app.web!.list().find((m) => JSON.stringify(m.card).includes(id))!;
  }

  it('a forged 10,080-minute snooze on a single alert\'s card is refused and audited; a later High alert is still posted', async () => {
    await start();
    const card = await postAlert('rdp-1', 20);
    const forged = await post('/api/web/action', { verb: 'dtb.snooze', data: { alertId: 'rdp-1', minutes: '10080' }, messageId: card.id, user: 'mallory' });
    expect(forged.status).toBe(200);
    expect(JSON.stringify(forged.body.reply)).toMatch(/Not allowed/);
    const forgedShort = await post('/api/web/action', { verb: 'dtb.snooze', data: { alertId: 'rdp-1', minutes: '60' }, messageId: card.id, user: 'mallory' });
    expect(JSON.stringify(forgedShort.body.reply)).toMatch(/group card/);
    expect(await app.deps.store.storms.activeSnooze(stormKey(rdpAlert('rdp-1', 0)), new Date().toISOString())).toBeUndefined();

    await ingestAlert(rdpAlert('rdp-2', 0, 'High'), app.deps);
    await until('the later High alert in the channel', () => app.web!.list().some((m) => m.id !== card.id && JSON.stringify(m.card).includes('rdp-2')));
    const refused = (await app.deps.store.audit.since('1970-01-01')).filter((e) => e.action === 'refused');
    expect(refused.map((e) => (e.after as { reason: string }).reason)).toEqual(['snooze-too-long', 'not-a-group-card']);
    expect(refused[0]!.actor).toBe('web:mallory (mallory)');
  });

  it('with no roster, local mode lets everyone vote (no login: the demo keeps working)', async () => {
    await start();
    const card = await postAlert('rdp-1', 5);
    const vote = await post('/api/web/action', { verb: 'dtb.vote', data: { alertId: 'rdp-1', verdict: 'true-positive' }, messageId: card.id, user: 'alice' });
    expect(JSON.stringify(vote.body.reply)).toMatch(/Your vote/);
    expect(await app.deps.store.votes.history('rdp-1')).toHaveLength(1);
  });

  it('with a roster, a name not on it cannot vote (refused, audited)', async () => {
    await start({ TRIAGE_ANALYSTS: 'alice' });
    const card = await postAlert('rdp-1', 5);
    const vote = await post('/api/web/action', { verb: 'dtb.vote', data: { alertId: 'rdp-1', verdict: 'false-positive' }, messageId: card.id, user: 'mallory' });
    expect(JSON.stringify(vote.body.reply)).toMatch(/Only analysts on the triage roster may vote/);
    expect(await app.deps.store.votes.history('rdp-1')).toEqual([]);
    expect((await app.deps.store.audit.since('1970-01-01')).map((e) => e.action)).toEqual(['refused']);
  });

  it('a command typed outside the triage channel is answered to the asker alone: nothing is posted in that channel', async () => {
    await start();
    const res = await post('/api/web/command', { text: 'handoff', channelId: 'general', user: 'alice' });
    expect(res.status).toBe(200);
    // Private answers are kept beside what they answer, shown to their user alone (issue 18).
    const inGeneral = () => app.web!.list().filter((m) => m.channelId === 'general');
    await until('the handoff, privately', () => inGeneral().some((m) => m.privateTo === 'alice' && /Shift handoff/.test(JSON.stringify(m.card))));
    expect(inGeneral().filter((m) => !m.privateTo)).toEqual([]);
    expect(inGeneral().every((m) => m.privateTo === 'alice')).toBe(true);
  });
});
