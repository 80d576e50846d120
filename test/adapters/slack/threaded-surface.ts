/**
 * The Slack surface as the bot runs it — SlackSurface on a ThreadedSlackSender (its own thread,
 * WebClient and channel outbox, pacing off) — against a fresh fake Slack Web API for each test.
 */
import { SlackSurface } from '../../../src/adapters/slack/slack-surface';
import { ThreadedSlackSender } from '../../../src/adapters/slack/threaded-slack-sender';
import { silentLogger } from '../../../src/app/deps';
import { startFakeSlack, type FakeSlackApi } from '../../fakes/slack-api-server';

export interface ThreadedSurface {
  slack: FakeSlackApi;
  sender: ThreadedSlackSender;
  surface: SlackSurface;
}

/** Registers beforeEach/afterEach; the returned object holds the current test's parts. */
export function useThreadedSurface(token: string): ThreadedSurface {
  const parts = {} as ThreadedSurface;
  beforeEach(async () => {
    parts.slack = await startFakeSlack({ token });
    parts.sender = new ThreadedSlackSender({ token, apiUrl: parts.slack.apiUrl, outbox: { minIntervalMs: 0, baseBackoffMs: 10, maxBackoffMs: 50 } }, silentLogger);
    parts.surface = new SlackSurface(parts.sender);
  });
  afterEach(async () => {
    await parts.sender.close();
    await parts.slack.close();
  });
  return parts;
}
