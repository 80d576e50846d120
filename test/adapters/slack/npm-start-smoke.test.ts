/**
 * The deployment smoke test from the README, for real: `node bin/triage-bot.js start` (what
 * `npm start` runs) with SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, SLACK_ALERT_CHANNEL
 * and ALERT_REPLAY_DIR posts every alert in the directory to the channel, each exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalizeAlerts } from '../../../src/domain/normalize';
import { startFakeSlack, type FakeSlackApi } from '../../fakes/slack-api-server';
import { freePort } from '../../helpers/free-port';

const ROOT = path.join(__dirname, '../../..');
const DEMO = path.join(ROOT, 'demo/alerts');
const CHANNEL = 'CSMOKE001';

let slack: FakeSlackApi;
let child: ChildProcess | undefined;
let tmp: string;

beforeEach(async () => {
  slack = await startFakeSlack({ token: 'xoxb-smoke-token' });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'slack-smoke-'));
});
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await slack.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});


function exited(p: ChildProcess): Promise<number | null> {
  return p.exitCode !== null ? Promise.resolve(p.exitCode) : new Promise((resolve) => p.once('exit', (code) => resolve(code)));
}

it('npm start with Slack settings and ALERT_REPLAY_DIR posts every alert once to SLACK_ALERT_CHANNEL', async () => {
  await smokeTest();
}, 90_000);

it('still posts every alert exactly once when Slack answers 429 and 500 (some after posting) along the way', async () => {
  slack.failNext('chat.postMessage', 429);
  slack.failNextAfterEffect('chat.postMessage');
  slack.failNext('chat.postMessage', 500);
  await smokeTest();
  expect(slack.callsOf('chat.postMessage').map((c) => c.status).slice(0, 3)).toEqual([429, 500, 500]);
  expect(slack.afterEffects).toBe(1);
}, 90_000);

async function smokeTest(): Promise<void> {
  const replayDir = path.join(tmp, 'alerts');
  fs.mkdirSync(replayDir);
  const expected: string[] = [];
  for (const file of fs.readdirSync(DEMO).filter((f) => f.endsWith('.json'))) {
    fs.copyFileSync(path.join(DEMO, file), path.join(replayDir, file));
    expected.push(...normalizeAlerts(JSON.parse(fs.readFileSync(path.join(DEMO, file), 'utf8'))).map((a) => a.systemAlertId));
  }
  expect(expected.length).toBeGreaterThanOrEqual(3);

  let output = '';
  child = spawn(process.execPath, [path.join(ROOT, 'bin/triage-bot.js'), 'start'], {
    cwd: tmp,
    env: {
      PATH: process.env.PATH,
      HOME: tmp,
      SLACK_BOT_TOKEN: 'xoxb-smoke-token',
      SLACK_SIGNING_SECRET: 'smoke-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      SLACK_ALERT_CHANNEL: CHANNEL,
      ALERT_REPLAY_DIR: replayDir,
      DATABASE_URL: `sqlite:${path.join(tmp, 'triage.db')}`,
      PORT: String(await freePort()),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));

  const posted = () => slack.rootMessages(CHANNEL).map((m) => m.metadata?.event_payload.system_alert_id);
  await slack
    .waitFor(() => posted().length >= expected.length || child!.exitCode !== null, 45_000, `${expected.length} alert posts`)
    .catch((err: Error) => {
      throw new Error(`${err.message}; bot output:\n${output}`);
    });
  // Give a duplicate the time to show up, then stop the bot the way an operator would.
  await new Promise((r) => setTimeout(r, 1500));
  child.kill('SIGTERM');
  expect(await exited(child)).toBe(0);

  expect(slack.callsOf('auth.test')).toHaveLength(1);
  expect(posted().sort()).toEqual([...expected].sort());
  expect(slack.messages.every((m) => m.channel === CHANNEL)).toBe(true);
}
