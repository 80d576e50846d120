/**
 * Teams wired by the composition root: TEAMS_ALLOW_ANONYMOUS + TEAMS_ALERT_CHANNEL turn it on, a
 * replayed alert waits for the channel, the installation event releases it, and a channel that
 * answers 403 shows up in /readyz (degraded: the replica stays in rotation for other channels).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUNDLED_DEMO_DIR } from '../../../src/adapters/local/replay-alert-source';
import { silentLogger } from '../../../src/app/deps';
import { buildApp, type BuiltApp } from '../../../src/composition-root';
import { loadConfig } from '../../../src/config/load-config';
import { startFakeBotConnector, type FakeBotConnector } from '../../fakes/bot-connector-server';
import { CHANNEL, installInTeam, mentionInChannel } from './teams-harness';
import { freePort } from '../../helpers/free-port';


async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('Teams through the composition root', () => {
  let app: BuiltApp;
  let connector: FakeBotConnector;
  let base: string;

  beforeAll(async () => {
    connector = await startFakeBotConnector();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-root-'));
    const replay = path.join(dir, 'alerts');
    fs.mkdirSync(replay);
    const powershell = fs.readdirSync(BUNDLED_DEMO_DIR).find((f) => f.startsWith('flagship-2'))!;
    fs.copyFileSync(path.join(BUNDLED_DEMO_DIR, powershell), path.join(replay, powershell));
    const port = await freePort();
    const config = loadConfig({
      DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`,
      ALERT_REPLAY_DIR: replay,
      PORT: String(port),
      HOST: '127.0.0.1',
      TEAMS_ALLOW_ANONYMOUS: 'true',
      TEAMS_ALERT_CHANNEL: CHANNEL,
    });
    app = await buildApp(config, { logger: silentLogger });
    await app.start();
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await app?.stop();
    await connector?.close();
  });

  const post = (activity: Record<string, unknown>) =>
    fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });

  it('posts the replayed alert to TEAMS_ALERT_CHANNEL once the app is installed there', async () => {
    expect(app.deps.surfaces.teams).toBeDefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(connector.calls).toHaveLength(0);
    expect((await post(installInTeam(connector))).status).toBe(200);
    const [card] = await connector.waitFor('send', 1, 10_000);
    expect(card!.conversationId).toBe(CHANNEL);
    expect(JSON.stringify(card!.body)).toContain('Suspicious PowerShell');
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('reports a channel that answers 403 in /readyz, degraded but still in rotation', async () => {
    connector.inject({ status: 403, times: Infinity });
    // A command whose result is posted in the channel (help is the asker's own: their personal chat).
    expect((await post(mentionInChannel(connector, 'handoff'))).status).toBe(200);
    type Ready = { status: string; checks: { name: string; ok: boolean; problem?: string }[] };
    const ready = async () => (await (await fetch(`${base}/readyz`)).json()) as Ready;
    await until(async () => (await ready()).status === 'degraded', '/readyz to report the 403');
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await ready()).checks.find((c) => c.name === 'teams')).toMatchObject({ ok: false, problem: expect.stringContaining('403') });
  });
});
