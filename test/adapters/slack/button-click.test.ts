import { originOf, actorOf } from '../../../src/adapters/slack/button-click';

const base = { user: { id: 'U1', username: 'alice', name: 'alice' }, actions: [{ action_id: 'dtb.help' }] };

describe('originOf', () => {
  it('takes the thread root from thread_ts, or the message itself when it is a root', () => {
    expect(originOf({ ...base, channel: { id: 'C1' }, message: { ts: '1.1' } })).toEqual({ platform: 'slack', channelId: 'C1', messageId: '1.1', threadId: '1.1' });
    expect(originOf({ ...base, channel: { id: 'C1' }, message: { ts: '2.2', thread_ts: '1.1' } })).toEqual({
      platform: 'slack',
      channelId: 'C1',
      messageId: '2.2',
      threadId: '1.1',
    });
  });

  it('never names an ephemeral message as something to update', () => {
    expect(originOf({ ...base, container: { channel_id: 'C1', message_ts: '3.3', thread_ts: '1.1', is_ephemeral: true } })).toEqual({
      platform: 'slack',
      channelId: 'C1',
      threadId: '1.1',
    });
  });

  it('has no origin without a channel (e.g. a click in a modal)', () => {
    expect(originOf(base)).toBeUndefined();
  });
});

it('actorOf names the Slack user', () => {
  expect(actorOf({ ...base, user: { id: 'U9', username: 'bob' } })).toEqual({ platform: 'slack', userId: 'U9', displayName: 'bob' });
});
