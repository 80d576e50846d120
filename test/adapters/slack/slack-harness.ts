/**
 * Runs the real Slack adapter (Bolt + WebClient) on the shared express host against the fake
 * Slack Web API, and sends Slack-signed requests to /slack/events the way Slack does.
 */
import crypto from 'node:crypto';
import type { ChannelPacerOptions } from '../../../src/adapters/slack/channel-pacer';
import { slackModule, type SlackModule } from '../../../src/adapters/slack/slack-module';
import { createHttpHost, type HttpHost } from '../../../src/adapters/http/http-host';
import { openStore } from '../../../src/adapters/store/open-store';
import { alertCard } from '../../../src/app/alert-card';
import type { Alert } from '../../../src/domain/alert';
import { defaultSettings, silentLogger, type AppDeps } from '../../../src/app/deps';
import { systemClock } from '../../../src/ports/clock';
import type { Store } from '../../../src/ports/store';
import { startFakeSlack, type FakeSlackApi } from '../../fakes/slack-api-server';

export const TOKEN = 'xoxb-test-token';
export const SECRET = 'test-signing-secret';
export const ALERT_CHANNEL = 'CALERTS01';

export interface Harness {
  slack: FakeSlackApi;
  store: Store;
  deps: AppDeps;
  host: HttpHost;
  module: SlackModule;
  eventsUrl: string;
  close(): Promise<void>;
}

export async function startHarness(pacing: ChannelPacerOptions = { minIntervalMs: 5 }): Promise<Harness> {
  const slack = await startFakeSlack({ token: TOKEN });
  const store = await openStore('sqlite::memory:');
  const host = createHttpHost();
  const deps: AppDeps = {
    store,
    surfaces: {},
    clock: systemClock,
    logger: silentLogger,
    settings: { ...defaultSettings, voteQuorum: 2 },
    routes: () => [{ platform: 'slack', channelId: ALERT_CHANNEL }],
  };
  const config = { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, SLACK_ALERT_CHANNEL: ALERT_CHANNEL };
  const module = slackModule({ config, deps, host }, pacing);
  deps.surfaces.slack = module.surface;
  const address = await host.listen(0, '127.0.0.1');
  await module.start();
  return {
    slack,
    store,
    deps,
    host,
    module,
    eventsUrl: `http://127.0.0.1:${address.port}/slack/events`,
    async close() {
      await module.stop();
      await host.close();
      await store.close();
      await slack.close();
    },
  };
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${crypto.createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** POSTs a form body to /slack/events, signed (or forged) like Slack signs it. */
export async function postSigned(
  url: string,
  form: Record<string, string>,
  { secret = SECRET, timestamp = Math.floor(Date.now() / 1000) }: { secret?: string; timestamp?: number } = {},
): Promise<{ status: number; text: string }> {
  const body = new URLSearchParams(form).toString();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature(secret, timestamp, body),
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/**
 * A block_actions interaction payload for a button on a message (or, with `selected`, a pick in a
 * static_select); `state` is the payload's state.values (every stateful element of the message).
 */
export function blockActions(opts: {
  actionId: string;
  value: string;
  channel: string;
  messageTs: string;
  threadTs?: string;
  user?: { id: string; name: string };
  selected?: string;
  state?: Record<string, Record<string, unknown>>;
}): Record<string, string> {
  const user = opts.user ?? { id: 'U0ANALYST1', name: 'alice' };
  const payload = {
    type: 'block_actions',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: user.id, username: user.name, name: user.name, team_id: 'T0FAKE' },
    api_app_id: 'A0APP',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: opts.messageTs, channel_id: opts.channel, is_ephemeral: false, thread_ts: opts.threadTs },
    trigger_id: '1.2.3',
    channel: { id: opts.channel, name: 'soc-alerts' },
    message: { type: 'message', ts: opts.messageTs, thread_ts: opts.threadTs, text: 'alert' },
    response_url: 'http://127.0.0.1:1/unused',
    actions: [
      opts.selected === undefined
        ? { type: 'button', action_id: opts.actionId, block_id: 'b1', value: opts.value, action_ts: String(Date.now() / 1000) }
        : { type: 'static_select', action_id: opts.actionId, block_id: 'b1', selected_option: { text: { type: 'plain_text', text: opts.selected }, value: opts.selected }, action_ts: String(Date.now() / 1000) },
    ],
    ...(opts.state ? { state: { values: opts.state } } : {}),
  };
  return { payload: JSON.stringify(payload) };
}

export function slashCommand(command: string, text: string, responseUrl: string, channel = 'CSOC0001'): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: 'T0FAKE',
    team_domain: 'fake',
    channel_id: channel,
    channel_name: 'soc',
    user_id: 'U0ANALYST2',
    user_name: 'bob',
    command,
    text,
    api_app_id: 'A0APP',
    response_url: responseUrl,
    trigger_id: '4.5.6',
  };
}

/**
 * Stores an alert and posts its card to the alert channel through the Slack surface, recording the
 * root as every delivery path does (the ingest pipeline itself is tested elsewhere).
 */
export async function postAlert(h: Harness, alert: Alert, channel = ALERT_CHANNEL): Promise<void> {
  await h.store.alerts.save(alert);
  const card = await alertCard(alert.systemAlertId, h.deps);
  if (!card) throw new Error('alert card missing');
  const ref = await h.module.surface.post(channel, card, { alertId: alert.systemAlertId });
  await h.store.messages.save({ ...ref, alertId: alert.systemAlertId, role: 'root', createdAt: new Date().toISOString() });
}
