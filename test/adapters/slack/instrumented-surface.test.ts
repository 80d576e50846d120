/**
 * The composition root hands the use cases the Slack surface wrapped for metrics. The wrapper is a
 * ChatSurface of its own (no prototype trick, so no caller can depend on the class inside) that still
 * offers everything the port declares: capabilities, private answers, reconciliation.
 */
import { BotMetrics, instrumentSurface } from '../../../src/adapters/observability/metrics';
import { makeAlert } from '../../helpers/alerts';
import { useSlackSurface } from './slack-surface-on-fake';

const CHANNEL = 'CMETRICS1';
const h = useSlackSurface('xoxb-metrics-test');

const alertCard = (id: string) => ({ kind: 'alert' as const, alert: makeAlert({ systemAlertId: id }), state: { status: 'Active' as const } });

it('forwards every member of the port and counts posts, replies and updates by outcome', async () => {
  const metrics = new BotMetrics({ defaultMetrics: false });
  const wrapped = instrumentSurface(h.surface, metrics);
  expect(Object.getPrototypeOf(wrapped)).toBe(Object.prototype);
  expect(wrapped.platform).toBe('slack');
  expect(wrapped.capabilities).toEqual(h.surface.capabilities);

  const root = await wrapped.post(CHANNEL, alertCard('alert-m1'), { alertId: 'alert-m1' });
  await wrapped.reply(root, { kind: 'notice', tone: 'info', text: 'in the thread' });
  await wrapped.update(root, alertCard('alert-m1'));
  await wrapped.notifyUser!({ channelId: CHANNEL, threadId: root.threadId }, 'U42', { kind: 'notice', tone: 'good', text: 'only you' });
  await expect(wrapped.post('', alertCard('alert-m2'))).rejects.toBeDefined();

  expect(await wrapped.findPosted!(CHANNEL, 'alert-m1')).toEqual(root);
  expect(h.slack.ephemerals).toEqual([expect.objectContaining({ channel: CHANNEL, user: 'U42', thread_ts: root.threadId })]);
  const counted = (await metrics.messagesPosted.get()).values.map((v) => [v.labels.kind, v.labels.result, v.value]);
  expect(counted).toEqual(expect.arrayContaining([['post', 'ok', 1], ['reply', 'ok', 1], ['update', 'ok', 1], ['post', 'error', 1]]));
});
