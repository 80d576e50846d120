/**
 * /metrics through the app as built: the counters at the seams the composition root wires (alerts
 * ingested, messages posted, Log Analytics queries, audited votes and decisions) move when the
 * bundled demo alerts flow in and two analysts vote and one asks Who?.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../src/app/deps';
import { handleIntent } from '../src/app/handle-intent';
import { buildApp, type BuiltApp } from '../src/composition-root';
import { loadConfig } from '../src/config/load-config';
import type { Intent } from '../src/domain/intent';
import { freePort } from './helpers/free-port';

const FLAGSHIP = '2516066414359999999_c3a9e1d4-6b27-4f85-a0d2-7e4b9c1f5a63';

let app: BuiltApp;
let url: string;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'metrics-'));
  // Investigations on arrival off: the queries counted below are the click's.
  app = await buildApp(loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`, PORT: String(await freePort()), AUTO_INVESTIGATE_MIN_SEVERITY: 'off' }), { logger: silentLogger });
  url = (await app.start()).url;
  for (let i = 0; i < 200 && !(await app.deps.store.alerts.get(FLAGSHIP)); i++) await new Promise((r) => setTimeout(r, 50));
});

afterAll(() => app?.stop());


async function metrics(): Promise<string> {
  const res = await fetch(new URL('/metrics', url));
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
}

/** The value of one sample line, e.g. `triage_audit_events_total{action="vote"}`; 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function act(user: string, intent: Intent): Promise<void> {
  const result = await handleIntent({ intent, actor: { platform: 'web', userId: user, displayName: user }, origin: { platform: 'web', channelId: 'alerts' } }, app.deps);
  await result.followUp;
}

it('counts ingested alerts, posts, queries, votes and decisions', async () => {
  const before = await metrics();
  expect(sample(before, 'triage_alerts_ingested_total{source="replay",outcome="new"}')).toBeGreaterThanOrEqual(4);
  expect(sample(before, 'triage_audit_events_total{action="vote"}')).toBe(0);
  expect(sample(before, 'triage_query_duration_seconds_count{query="logons",status="success"}')).toBe(0);

  await act('alice', { kind: 'vote', alertId: FLAGSHIP, verdict: 'true-positive', severity: 'Medium' });
  await act('bob', { kind: 'vote', alertId: FLAGSHIP, verdict: 'true-positive', severity: 'Medium' });
  await act('alice', { kind: 'investigate', investigation: 'identity', alertId: FLAGSHIP });

  const after = await metrics();
  expect(sample(after, 'triage_audit_events_total{action="vote"}')).toBe(2);
  expect(sample(after, 'triage_audit_events_total{action="decision"}')).toBe(1);
  expect(sample(after, 'triage_query_duration_seconds_count{query="logons",status="success"}')).toBe(1);
  expect(sample(after, 'triage_messages_posted_total{platform="web",kind="reply",result="ok"}')).toBeGreaterThan(
    sample(before, 'triage_messages_posted_total{platform="web",kind="reply",result="ok"}'),
  );
});

it('counts audited actions written inside a store transaction too', async () => {
  const series = 'triage_audit_events_total{action="tx-probe"}';
  const before = sample(await metrics(), series);
  await app.deps.store.atomically((tx) => tx.audit.append({ at: new Date().toISOString(), actor: 'test', action: 'tx-probe' }));
  expect(sample(await metrics(), series)).toBe(before + 1);
});

it('METRICS_TOKEN, as the app is built: /metrics asks for it, /healthz does not', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'metrics-token-'));
  const config = loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`, PORT: String(await freePort()), METRICS_TOKEN: 'scrape-me-0123', LOCAL_DEMO: 'false' });
  const guarded = await buildApp(config, { logger: silentLogger });
  try {
    const base = (await guarded.start()).url;
    expect((await fetch(new URL('/metrics', base))).status).toBe(401);
    expect((await fetch(new URL('/metrics', base), { headers: { authorization: 'Bearer scrape-me-0123' } })).status).toBe(200);
    expect((await fetch(new URL('/healthz', base))).status).toBe(200);
  } finally {
    await guarded.stop();
  }
});
