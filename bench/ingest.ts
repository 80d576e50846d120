/**
 * ingest: N alerts through the whole bot (normalize → store → storm placement → durable outbox →
 * worker → render Block Kit → chat.postMessage) to a fake Slack with no rate limit, against the
 * floor: the same number of chat.postMessage calls of each alert's raw JSON text made by a bare
 * @slack/web-api loop. ingest_ratio = bot time ÷ floor time. Each side gets a warm-up run first.
 *
 * The bot's own pacing (1 post/s per channel, which a real Slack needs) is off for this run: it is a
 * deliberate wait, not work, and the fake has no limit to respect (see bench-bot.ts).
 */
import { WebClient } from '@slack/web-api';
import { startBenchBot, BOT_TOKEN } from './lib/bench-bot';
import { startFakeSlackProcess, type FakeSlackProcess } from './lib/fake-slack-process';
import { since, round, until } from './lib/measure';
import { distinctAlerts, type ArmAlert } from './lib/raw-alerts';

export interface IngestFigures {
  ingest_ratio: number;
  alerts_per_s: number;
  alerts: number;
  bot_ms: number;
  floor_ms: number;
  floor_posts_per_s: number;
  posted: number;
}

export async function benchIngest(n: number): Promise<IngestFigures> {
  const warm = Math.min(500, Math.ceil(n / 10));
  const slack = await startFakeSlackProcess({ token: BOT_TOKEN });
  try {
    await floor(slack, distinctAlerts(warm, 'floor-warm'), 'CWARMFLOOR');
    const floorMs = await floor(slack, distinctAlerts(n, 'floor'), 'CFLOOR');
    const bot = await startBenchBot({ slackApiUrl: slack.apiUrl, channel: 'CINGEST', unpacedPosts: true });
    try {
      let expected = await slack.count();
      expected += warm;
      await throughBot(bot.ingest, distinctAlerts(warm, 'bot-warm'), slack, expected);
      expected += n;
      const botMs = await throughBot(bot.ingest, distinctAlerts(n, 'bot'), slack, expected);
      const posted = (await slack.count()) - (expected - n);
      return {
        ingest_ratio: round(botMs / floorMs, 2),
        alerts_per_s: round((n / botMs) * 1000, 1),
        alerts: n,
        bot_ms: Math.round(botMs),
        floor_ms: Math.round(floorMs),
        floor_posts_per_s: round((n / floorMs) * 1000, 1),
        posted,
      };
    } finally {
      await bot.close();
    }
  } finally {
    await slack.close();
  }
}

/** A bare WebClient posting each raw alert's JSON text, one after the other. */
async function floor(slack: FakeSlackProcess, alerts: ArmAlert[], channel: string): Promise<number> {
  const client = new WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl });
  const start = performance.now();
  for (const raw of alerts) await client.chat.postMessage({ channel, text: JSON.stringify(raw) });
  return since(start);
}

/** Hands every alert to the bot as a source does, then waits until Slack has all the posts. */
async function throughBot(ingest: (raw: unknown) => Promise<void>, alerts: ArmAlert[], slack: FakeSlackProcess, expected: number): Promise<number> {
  const start = performance.now();
  for (const raw of alerts) await ingest(raw);
  const done = await until(async () => (await slack.count()) >= expected, 30 * 60_000, 20);
  if (!done) throw new Error(`ingest: the bot did not post all ${alerts.length} alerts within 30 minutes`);
  return since(start);
}
