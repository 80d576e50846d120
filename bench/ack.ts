/**
 * ack: from a button click (a Slack-signed block_actions POST to /slack/events, as Slack sends it,
 * to the real Bolt app on the bot's HTTP host) to its acknowledgment (the HTTP response), while
 * every investigation takes 5 s (a slow LogsQuery). Clicks are Who? buttons taken from the cards
 * the bot posted, each on another alert (so each starts a 5 s investigation), sent open-loop at a
 * fixed rate: many investigations are in flight while later clicks arrive. The slow Log Analytics
 * has no limits, and the bot's Log Analytics queue is opened as wide (every click's queries at
 * once, no per-user cap): the heaviest load behind the acks. The queue's own limits and fairness
 * are tested in test/app/investigation-queue*.test.ts and test/adapters/slack/investigate-fairness.test.ts.
 */
import crypto from 'node:crypto';
import { InvestigationQueue } from '../src/app/investigation-queue';
import type { KqlQuery, LogsQuery, LogsQueryResult } from '../src/ports/logs-query';
import { BOT_TOKEN, SIGNING_SECRET, startBenchBot } from './lib/bench-bot';
import { startFakeSlackProcess } from './lib/fake-slack-process';
import { percentile, round, sleep, until } from './lib/measure';
import { distinctAlerts } from './lib/raw-alerts';

export interface AckParams {
  clicks: number;
  clicksPerSecond: number;
  investigationMs: number;
}

/** Clicks before the measured ones (first requests through Bolt and the use case are cold). */
const WARM_UP_CLICKS = 10;

export interface AckFigures {
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  clicks: number;
  clicks_per_s: number;
  investigation_ms: number;
  non_200: number;
  investigations_answered: number;
}

const CHANNEL = 'CACK0001';
const WHO_ACTION = 'dtb.investigate.identity';

/** Log Analytics that answers every query after `ms`, with an empty table. */
export class SlowLogsQuery implements LogsQuery {
  readonly workspaceId = '8c1d2e3f-4a5b-4c6d-9e7f-0a1b2c3d4e5f';
  queries = 0;
  constructor(private readonly ms: number) {}
  async query(q: KqlQuery): Promise<LogsQueryResult> {
    this.queries++;
    await sleep(this.ms);
    return { status: 'success', tables: [{ name: q.name, columns: [{ name: 'TimeGenerated', type: 'datetime' }], rows: [] }] };
  }
}

export async function benchAck(p: AckParams): Promise<AckFigures> {
  const slack = await startFakeSlackProcess({ token: BOT_TOKEN });
  const bot = await startBenchBot({ slackApiUrl: slack.apiUrl, channel: CHANNEL, unpacedPosts: true });
  const logs = new SlowLogsQuery(p.investigationMs);
  bot.built.deps.logs = logs;
  bot.built.deps.investigations = new InvestigationQueue({ maxConcurrent: Number.MAX_SAFE_INTEGER, perUser: Number.MAX_SAFE_INTEGER, maxWaitMs: 600_000 });
  try {
    const total = p.clicks + WARM_UP_CLICKS;
    for (const raw of distinctAlerts(total, 'ack')) await bot.ingest(raw);
    if (!(await until(async () => (await slack.count()) >= total, 120_000, 50))) throw new Error('ack: the alert cards were not all posted');
    const roots = await slack.roots(CHANNEL);
    const eventsUrl = new URL('slack/events', bot.url).toString();
    const pending: Promise<{ ms: number; status: number }>[] = [];
    for (const [i, root] of roots.entries()) {
      const who = root.buttons.find((b) => b.action_id === WHO_ACTION);
      if (!who) throw new Error(`ack: the card of ${root.alertId} has no Who? button`);
      pending.push(click(eventsUrl, CHANNEL, root.ts, who));
      await sleep(i < WARM_UP_CLICKS ? 100 : 1000 / p.clicksPerSecond);
    }
    const results = (await Promise.all(pending)).slice(WARM_UP_CLICKS);
    const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
    // The work behind the acks really ran: each click's answer lands in its alert's thread.
    await until(async () => (await slack.count()) >= roots.length + total, p.investigationMs + 60_000, 100);
    return {
      p50_ms: round(percentile(sorted, 50), 1),
      p99_ms: round(percentile(sorted, 99), 1),
      max_ms: round(sorted[sorted.length - 1]!, 1),
      clicks: results.length,
      clicks_per_s: p.clicksPerSecond,
      investigation_ms: p.investigationMs,
      non_200: results.filter((r) => r.status !== 200).length,
      investigations_answered: (await slack.count()) - roots.length - WARM_UP_CLICKS,
    };
  } finally {
    await bot.close();
    await slack.close();
  }
}

/** One signed block_actions POST, timed from send to the end of the response. */
async function click(url: string, channel: string, messageTs: string, button: { action_id: string; value: string }): Promise<{ ms: number; status: number }> {
  const payload = {
    type: 'block_actions',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: 'U0ANALYST1', username: 'alice', name: 'alice', team_id: 'T0FAKE' },
    api_app_id: 'A0APP',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: false },
    trigger_id: '1.2.3',
    channel: { id: channel, name: 'soc-alerts' },
    message: { type: 'message', ts: messageTs, text: 'alert' },
    response_url: 'http://127.0.0.1:1/unused',
    actions: [{ type: 'button', action_id: button.action_id, block_id: 'b1', value: button.value, action_ts: String(Date.now() / 1000) }],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${crypto.createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const start = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
    body,
  });
  await res.text();
  return { ms: performance.now() - start, status: res.status };
}
