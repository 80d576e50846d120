/**
 * Socket Mode end to end: the real Bolt SocketModeReceiver opens its connection through
 * apps.connections.open at SLACK_API_URL, then receives slash commands and button clicks as
 * envelopes over the WebSocket of the fake, and acks each one.
 */
import { alertCard } from '../../../src/app/alert-card';
import { defaultSettings, silentLogger, type AppDeps } from '../../../src/app/deps';
import { createHttpHost } from '../../../src/adapters/http/http-host';
import { slackModule, type SlackModule } from '../../../src/adapters/slack/slack-module';
import { openStore } from '../../../src/adapters/store/open-store';
import { actionId } from '../../../src/adapters/cards/slack-action-id';
import { encodeAction } from '../../../src/domain/action-codec';
import { systemClock } from '../../../src/ports/clock';
import type { Store } from '../../../src/ports/store';
import { startFakeSlack, type FakeSlackApi } from '../../fakes/slack-api-server';
import { FakeSocketMode } from '../../fakes/slack-socket-mode';
import { flagshipAlert } from '../../helpers/alerts';
import { blockActions, slashCommand } from './slack-harness';

const TOKEN = 'xoxb-socket-token';
const APP_TOKEN = 'xapp-1-A0APP-socket';
const CHANNEL = 'CSOCKET01';

let slack: FakeSlackApi;
let socket: FakeSocketMode;
let store: Store;
let deps: AppDeps;
let slackMod: SlackModule;

beforeEach(async () => {
  slack = await startFakeSlack({ token: TOKEN, appToken: APP_TOKEN });
  socket = new FakeSocketMode(slack);
  store = await openStore('sqlite::memory:');
  deps = { store, surfaces: {}, clock: systemClock, logger: silentLogger, settings: defaultSettings, routes: () => [{ platform: 'slack', channelId: CHANNEL }] };
  slackMod = slackModule({ config: { SLACK_BOT_TOKEN: TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: slack.apiUrl }, deps, host: createHttpHost() });
  deps.surfaces.slack = slackMod.surface;
  await slackMod.start();
});
afterEach(async () => {
  await slackMod.stop();
  socket.close();
  await store.close();
  await slack.close();
});

it('connects through apps.connections.open at SLACK_API_URL with the app-level token', () => {
  expect(slackMod.app.mode).toBe('socket');
  expect(slack.callsOf('apps.connections.open').map((c) => c.token)).toEqual([APP_TOKEN]);
  expect(socket.connected).toBe(true);
});

it('acks a slash command envelope with "working on it" and answers through response_url', async () => {
  const ack = await socket.send('slash_commands', slashCommand('/triage', 'help', slack.responseUrl('sock-help'), CHANNEL));
  expect(ack.payload).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Working on it/) });
  await slack.waitFor(() => slack.responses.length > 0, 5000, 'the help answer');
  expect(JSON.stringify(slack.responses[0]!.body)).toMatch(/triage/);
});

it('acks a button envelope, then votes: ephemeral answer in the thread and the card updated', async () => {
  const alert = flagshipAlert();
  await store.alerts.save(alert);
  const ref = await slackMod.surface.post(CHANNEL, (await alertCard(alert.systemAlertId, deps))!, { alertId: alert.systemAlertId });
  await store.messages.save({ ...ref, alertId: alert.systemAlertId, role: 'root', createdAt: new Date().toISOString() });
  const action = encodeAction({ kind: 'vote', alertId: alert.systemAlertId, verdict: 'benign-positive' });
  const { payload } = blockActions({ actionId: actionId(action), value: JSON.stringify(action.data), channel: CHANNEL, messageTs: ref.messageId });

  const ack = await socket.send('interactive', JSON.parse(payload));
  expect(ack.envelope_id).toBeTruthy();
  const [root] = slack.rootMessages(CHANNEL);
  await slack.waitFor(() => slack.ephemerals.length > 0 && root!.edits > 0, 10_000, 'the vote answer and card update');
  expect(slack.ephemerals[0]).toMatchObject({ channel: CHANNEL, user: 'U0ANALYST1', thread_ts: ref.messageId });
  expect(JSON.stringify(root!.blocks)).toContain('Benign positive: 1');
});
