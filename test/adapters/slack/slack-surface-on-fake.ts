/**
 * The Slack surface as the bot runs it — SlackSurface on a SlackSender (the WebClient and the
 * per-channel pacer, pacing off) — against a fresh fake Slack Web API for each test.
 */
import { ChannelPacer } from '../../../src/adapters/slack/channel-pacer';
import { createSlackClient } from '../../../src/adapters/slack/slack-client';
import { SlackSender } from '../../../src/adapters/slack/slack-sender';
import { SlackSurface } from '../../../src/adapters/slack/slack-surface';
import { silentLogger } from '../../../src/app/deps';
import { startFakeSlack, type FakeSlackApi } from '../../fakes/slack-api-server';

export interface SurfaceOnFake {
  slack: FakeSlackApi;
  sender: SlackSender;
  surface: SlackSurface;
}

/** Registers beforeEach/afterEach; the returned object holds the current test's parts. */
export function useSlackSurface(token: string): SurfaceOnFake {
  const parts = {} as SurfaceOnFake;
  beforeEach(async () => {
    parts.slack = await startFakeSlack({ token });
    parts.sender = new SlackSender(createSlackClient(token, parts.slack.apiUrl, silentLogger), new ChannelPacer({ minIntervalMs: 0, baseBackoffMs: 10, maxBackoffMs: 50 }));
    parts.surface = new SlackSurface(parts.sender);
  });
  afterEach(async () => {
    await parts.slack.close();
  });
  return parts;
}
