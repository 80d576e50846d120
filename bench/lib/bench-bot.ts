/**
 * The bot as `triage-bot start` builds it (buildApp from the composition root: store, outbox worker,
 * storms, Slack module with Bolt on the shared HTTP host, health routes), configured for Slack
 * against a fake, with two openings a benchmark needs:
 *  - a push source: alerts go through the very `ingest` the composition root gives every source
 *    (normalize → store → storm placement → durable outbox → worker → render → post);
 *  - `unpacedPosts`: replaces the Slack surface's per-channel pacing (1 post/s, Slack's limit) with
 *    none, for runs against a fake with no rate limit. Same SlackSurface, SlackSender, WebClient and ChannelPacer
 *    classes; only the minimum interval changes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { instrumentSurface } from '../../src/adapters/observability/metrics';
import { ChannelPacer } from '../../src/adapters/slack/channel-pacer';
import { createSlackClient } from '../../src/adapters/slack/slack-client';
import { SlackSender } from '../../src/adapters/slack/slack-sender';
import { SlackSurface } from '../../src/adapters/slack/slack-surface';
import { silentLogger } from '../../src/app/deps';
import { buildApp, type BuiltApp } from '../../src/composition-root';
import { loadConfig } from '../../src/config/load-config';
import type { AlertSource } from '../../src/ports/alert-source';
import { freePort } from './measure';

export const BOT_TOKEN = 'xoxb-bench-token';
export const SIGNING_SECRET = 'bench-signing-secret';
export const WEBHOOK_SECRET = 'bench-webhook-secret-0123456789abcdefgh';

export interface BenchBotOptions {
  slackApiUrl: string;
  channel: string;
  unpacedPosts?: boolean;
  env?: Record<string, string>;
}

export interface BenchBot {
  built: BuiltApp;
  /** http://127.0.0.1:<port>/ */
  url: string;
  /** The composition root's ingest, as every alert source calls it. */
  ingest(raw: unknown): Promise<void>;
  close(): Promise<void>;
}

class PushSource implements AlertSource {
  readonly name = 'bench';
  deliver?: (raw: unknown, source: string) => Promise<void>;
  async start(deliver: (raw: unknown, source: string) => Promise<void>): Promise<void> {
    this.deliver = deliver;
  }
  async stop(): Promise<void> {}
}

export async function startBenchBot(o: BenchBotOptions): Promise<BenchBot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-bench-'));
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: o.slackApiUrl,
    SLACK_ALERT_CHANNEL: o.channel,
    WEBHOOK_SECRET,
    DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`,
    PORT: String(await freePort()),
    LOG_LEVEL: 'silent',
    // Investigations on arrival would add their thread replies to every figure measured here; a
    // benchmark that wants them (the storm run with auto-investigation) turns them on in o.env.
    AUTO_INVESTIGATE_MIN_SEVERITY: 'off',
    ...o.env,
  });
  const built = await buildApp(config, { logger: silentLogger });
  if (o.unpacedPosts) {
    const unpaced = new SlackSender(createSlackClient(BOT_TOKEN, o.slackApiUrl, silentLogger), new ChannelPacer({ minIntervalMs: 0 }));
    const surface = new SlackSurface(unpaced);
    built.deps.surfaces.slack = instrumentSurface(surface, built.metrics);
  }
  const source = new PushSource();
  built.sources.push(source);
  const { url } = await built.start();
  return {
    built,
    url,
    ingest: (raw) => source.deliver!(raw, 'bench'),
    async close() {
      await built.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
