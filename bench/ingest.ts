/**
 * ingest: N alerts through the whole bot (normalize → store → storm placement → durable outbox →
 * worker → render Block Kit → chat.postMessage) to a fake Slack with no rate limit, against the
 * floor: the same number of chat.postMessage calls of each alert's raw JSON text made by a bare
 * @slack/web-api loop. ingest_ratio = bot time ÷ floor time. Each side gets a warm-up run first.
 *
 * The full run measures each side in `rounds` interleaved rounds (floor, card floor, bot; again)
 * and keeps each side's best: on a small VM one run of either side moves ±15 % with the host
 * (the floor most: a single request/answer chain between two processes is sensitive to how soon
 * an idle CPU wakes up), and the best is each side's cost without that disturbance.
 *
 * The bot's own pacing (1 post/s per channel, which a real Slack needs) is off for this run: it is a
 * deliberate wait, not work, and the fake has no limit to respect (see bench-bot.ts).
 *
 * A second floor says how much of the ratio is the message itself: the same bare loop posting the
 * bot's own messages (each alert's card rendered beforehand, untimed; blocks and metadata as the bot
 * sends them). card_floor_ratio = that loop ÷ the floor (a bigger request, and Slack echoes the
 * blocks back); pipeline_ratio = bot ÷ that loop (what store, render, outbox and threads add).
 */
import { WebClient } from '@slack/web-api';
import { renderBlockKit } from '../src/adapters/cards/render-block-kit';
import { alertMetadata } from '../src/adapters/slack/slack-sender';
import { normalizeAlerts } from '../src/domain/normalize';
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
  /** posts the bot made for the alerts of a round (the fewest, over the rounds) */
  posted: number;
  /** the bare loop posting the bot's own rendered messages ÷ floor_ms */
  card_floor_ratio: number;
  card_floor_ms: number;
  /** bot_ms ÷ card_floor_ms */
  pipeline_ratio: number;
  /** interleaved rounds measured; each *_ms is that side's best */
  rounds: number;
  /**
   * CPU time the bot's process (main and sender threads) spent on the alerts of its best round:
   * less moved than the wall times by other work on a shared machine.
   */
  bot_cpu_ms: number;
}

export async function benchIngest(n: number, rounds = 1): Promise<IngestFigures> {
  const warm = Math.min(500, Math.ceil(n / 10));
  const slack = await startFakeSlackProcess({ token: BOT_TOKEN });
  try {
    await floor(slack, distinctAlerts(warm, 'floor-warm'), 'CWARMFLOOR');
    const bot = await startBenchBot({ slackApiUrl: slack.apiUrl, channel: 'CINGEST', unpacedPosts: true });
    try {
      await throughBot(bot.ingest, distinctAlerts(warm, 'bot-warm'), slack, (await slack.count()) + warm);
      let floorMs = Infinity;
      let cardFloorMs = Infinity;
      let botMs = Infinity;
      let posted = Infinity;
      let botCpuMs = Infinity;
      // Every timed run starts against an empty Slack (see FakeSlackProcess.forget).
      for (let round = 1; round <= rounds; round++) {
        await slack.forget();
        floorMs = Math.min(floorMs, await floor(slack, distinctAlerts(n, `floor-${round}`), 'CFLOOR'));
        await slack.forget();
        cardFloorMs = Math.min(cardFloorMs, await cardFloor(slack, distinctAlerts(n, `card-floor-${round}`), 'CCARDFLOOR'));
        await slack.forget();
        const alerts = distinctAlerts(n, `bot-${round}`);
        const cpuBefore = process.cpuUsage();
        botMs = Math.min(botMs, await throughBot(bot.ingest, alerts, slack, n));
        const cpu = process.cpuUsage(cpuBefore);
        botCpuMs = Math.min(botCpuMs, (cpu.user + cpu.system) / 1000);
        posted = Math.min(posted, await slack.count());
      }
      return {
        ingest_ratio: round(botMs / floorMs, 2),
        alerts_per_s: round((n / botMs) * 1000, 1),
        alerts: n,
        bot_ms: Math.round(botMs),
        floor_ms: Math.round(floorMs),
        floor_posts_per_s: round((n / floorMs) * 1000, 1),
        posted,
        card_floor_ratio: round(cardFloorMs / floorMs, 2),
        card_floor_ms: Math.round(cardFloorMs),
        pipeline_ratio: round(botMs / cardFloorMs, 2),
        rounds,
        bot_cpu_ms: Math.round(botCpuMs),
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

/** The same bare loop, posting each alert's card as the bot sends it (rendered before the clock starts). */
async function cardFloor(slack: FakeSlackProcess, alerts: ArmAlert[], channel: string): Promise<number> {
  const client = new WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl });
  const messages = alerts.flatMap((raw) =>
    normalizeAlerts(raw).map((alert) => {
      const { text, blocks } = renderBlockKit({ kind: 'alert', alert, state: { status: alert.status } });
      return { text, blocks: JSON.stringify(blocks) as unknown as [], metadata: alertMetadata(alert.systemAlertId) };
    }),
  );
  const start = performance.now();
  for (const m of messages) await client.chat.postMessage({ channel, ...m, unfurl_links: false, unfurl_media: false });
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
