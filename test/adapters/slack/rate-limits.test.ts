/**
 * A burst of alerts while the fake Slack answers 429 (Retry-After) and 500 at random, and sometimes
 * posts the message yet answers 500: every alert is posted exactly once, in each channel one call at
 * a time, and the faults really happened.
 */
import { makeAlert } from '../../helpers/alerts';
import { postAlert, startHarness, type Harness } from './slack-harness';

/** mulberry32: "random" faults that are the same on every run, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let h: Harness;
afterEach(() => h.close());

it('posts 30 alerts exactly once each through random 429s, 500s and 500s-after-posting', async () => {
  h = await startHarness({ minIntervalMs: 5, baseBackoffMs: 20, maxBackoffMs: 200, maxAttempts: 10 });
  h.slack.faults = { rate429: 0.12, rate500: 0.15, rate500AfterEffect: 0.1, retryAfterSeconds: 1, random: seeded(20261127) };
  const channels = ['CALERTS01', 'CALERTS02', 'CALERTS03'];
  const alerts = Array.from({ length: 30 }, (_, i) => makeAlert({ systemAlertId: `burst-${String(i).padStart(2, '0')}`, displayName: `Burst alert ${i}` }));

  await Promise.all(alerts.map((alert, i) => postAlert(h, alert, channels[i % channels.length])));

  const statuses = h.slack.callsOf('chat.postMessage').map((c) => c.status);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  expect(statuses.filter((s) => s === 500).length).toBeGreaterThan(0);
  expect(h.slack.afterEffects).toBeGreaterThan(0);
  const posted = h.slack.messages.map((m) => m.metadata?.event_payload.system_alert_id);
  expect(posted.slice().sort()).toEqual(alerts.map((a) => a.systemAlertId).sort());
  for (const [i, alert] of alerts.entries()) {
    const root = await h.store.messages.findRoot(alert.systemAlertId, 'slack');
    const message = h.slack.messages.find((m) => m.ts === root?.messageId);
    expect(message?.channel).toBe(channels[i % channels.length]);
    expect(message?.metadata?.event_payload.system_alert_id).toBe(alert.systemAlertId);
  }
  // one post at a time per channel: a channel's successful calls never overlap a 429's Retry-After
  for (const channel of channels) {
    const calls = h.slack.calls.filter((c) => c.args.channel === channel);
    calls.forEach((call, i) => {
      if (call.status === 429 && calls[i + 1]) expect(calls[i + 1]!.at - call.at).toBeGreaterThanOrEqual(990);
    });
  }
}, 60_000);
