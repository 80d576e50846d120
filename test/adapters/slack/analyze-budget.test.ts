/**
 * Issue 17: Analyze on a 32,767-character command line blocked the event loop ≈ 12 s — /healthz
 * answered after 11.9 s, an unrelated Slack click was acked after 11.6 s (Slack allows 3 s). Through
 * the real parts (buildApp, Bolt, the fake Slack Web API, the worker analyzer the composition root
 * builds): while the worst cases are analysed, every click is acked within 3 s and /healthz answers.
 */
import { alertCard } from '../../../src/app/alert-card';
import { silentLogger } from '../../../src/app/deps';
import { buildApp, type BuiltApp } from '../../../src/composition-root';
import { loadConfig } from '../../../src/config/load-config';
import { actionId } from '../../../src/adapters/cards/slack-action-id';
import { encodeAction } from '../../../src/domain/action-codec';
import type { Alert } from '../../../src/domain/alert';
import { startFakeSlack, type FakeSlackApi } from '../../fakes/slack-api-server';
import { flagshipAlert } from '../../helpers/alerts';
import { blockActions, postSigned, slashCommand } from './slack-harness';

const CHANNEL = 'CBUDGET01';
const SECRET = 'budget-secret';
const SLACK_ACK_MS = 3000;
const texts = (m: { text?: string; blocks?: unknown[] }) => `${m.text ?? ''} ${JSON.stringify(m.blocks ?? [])}`;

let slack: FakeSlackApi;
let app: BuiltApp;
let base: string;

beforeAll(async () => {
  slack = await startFakeSlack({ token: 'xoxb-budget' });
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-budget', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, SLACK_ALERT_CHANNEL: CHANNEL, DATABASE_URL: 'sqlite::memory:', PORT: '1' });
  app = await buildApp({ ...config, PORT: 0, HOST: '127.0.0.1' }, { logger: silentLogger });
  base = `http://127.0.0.1:${(await app.start()).address.port}`;
});
afterAll(async () => {
  await app?.stop();
  await slack?.close();
});

function hostileAlert(id: string, commandLine: string): Alert {
  const alert = flagshipAlert({ systemAlertId: id });
  return { ...alert, what: alert.what.map((e) => (e.kind === 'process' ? { ...e, commandLine } : e)) };
}

async function postAlertCard(alert: Alert): Promise<string> {
  await app.deps.store.alerts.save(alert);
  const card = await alertCard(alert.systemAlertId, app.deps);
  const ref = await app.deps.surfaces.slack!.post(CHANNEL, card!, { alertId: alert.systemAlertId });
  await app.deps.store.messages.save({ ...ref, alertId: alert.systemAlertId, role: 'root', createdAt: new Date().toISOString() });
  return ref.messageId;
}

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await f();
  return { value, ms: performance.now() - start };
}

test('clicks are acked within 3 s and /healthz answers while 32,767-character and 1 MB command lines are analysed', async () => {
  const windowsMax = hostileAlert('budget-32k', 'powershell -nop '.repeat(2048).slice(0, 32_767));
  const oneMb = hostileAlert('budget-1mb', `powershell -ep bypass ${'powershell -w hidden '.repeat(50_000)}`.slice(0, 1024 * 1024));
  const roots = { [windowsMax.systemAlertId]: await postAlertCard(windowsMax), [oneMb.systemAlertId]: await postAlertCard(oneMb) };

  const click = (alert: Alert) => {
    const analyze = encodeAction({ kind: 'investigate', alertId: alert.systemAlertId, investigation: 'analyze' });
    return timed(() => postSigned(`${base}/slack/events`, blockActions({ actionId: actionId(analyze), value: JSON.stringify(analyze.data), channel: CHANNEL, messageTs: roots[alert.systemAlertId]! }), { secret: SECRET }));
  };
  // Both worst cases go to the worker while an unrelated slash command and health checks arrive.
  const clicks = [windowsMax, oneMb].map(click);
  const help = timed(() => postSigned(`${base}/slack/events`, slashCommand('/triage', 'help', slack.responseUrl('budget-help'), CHANNEL), { secret: SECRET }));
  const health = [0, 50, 100, 200, 400].map((delay) => new Promise((r) => setTimeout(r, delay)).then(() => timed(() => fetch(`${base}/healthz`).then((res) => res.status))));
  const acks = [...(await Promise.all(clicks)), await help];
  const healthz = await Promise.all(health);

  expect(acks.map((a) => a.value.status)).toEqual(Array(3).fill(200));
  for (const a of acks) expect(a.ms).toBeLessThan(SLACK_ACK_MS);
  expect(healthz.map((h) => h.value)).toEqual(Array(5).fill(200));
  for (const h of healthz) expect(h.ms).toBeLessThan(1000);

  // The analyses did run and answered: with what their budget cut, or — on a saturated machine, the
  // worker past its 250 ms — saying it stopped (the budget's content is tested in test/app/analyze-budget).
  const answerOf = (alert: Alert) => slack.threadReplies(CHANNEL, roots[alert.systemAlertId]!).map(texts).find((t) => t.includes('Analyze —'));
  const analysedOrStopped = (answer: string | undefined, analysed: RegExp) => !!answer && (analysed.test(answer) || /Analysis stopped after 250 ms/.test(answer));
  await slack
    .waitFor(() => !!answerOf(oneMb) && !!answerOf(windowsMax), 20_000, 'both Analyze answers')
    .catch((err: Error) => {
      throw new Error(`${err.message}: ${JSON.stringify(slack.messages.filter((m) => m.thread_ts).map((m) => m.text))}`);
    });
  expect(analysedOrStopped(answerOf(oneMb), /bypasses the execution policy[\s\S]*Analysed the first 64 KB of 1,024 KB/)).toBe(true);
  expect(analysedOrStopped(answerOf(windowsMax), /skips the PowerShell profile/)).toBe(true);
  await slack.waitFor(() => slack.responses.some((r) => r.id === 'budget-help'), 10_000, 'the help answer');
  // The last card updates leave Slack's per-channel pacing before the app stops.
  await new Promise((r) => setTimeout(r, 2000));
}, 60_000);
