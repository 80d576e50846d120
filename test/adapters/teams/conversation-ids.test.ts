import { channelOf, normalizeChannelId, pendingIdOf, pendingMessageId, teamsMessageIdOf, threadConversationId, threadRootOf } from '../../../src/adapters/teams/conversation-ids';

describe('Teams conversation ids', () => {
  const channel = '19:abc123@thread.tacv2';

  it('names a channel thread and takes it apart again', () => {
    const thread = threadConversationId(channel, '1700000000000');
    expect(thread).toBe(`${channel};messageid=1700000000000`);
    expect(channelOf(thread)).toBe(channel);
    expect(threadRootOf(thread)).toBe('1700000000000');
    expect(threadRootOf(channel)).toBeUndefined();
    expect(threadConversationId(thread, '42')).toBe(`${channel};messageid=42`);
  });

  it('accepts a channel id pasted from "Get link to channel" (URL-encoded, maybe with a thread)', () => {
    expect(normalizeChannelId(' 19%3aabc123%40thread.tacv2 ')).toBe(channel);
    expect(normalizeChannelId(`${channel};messageid=99`)).toBe(channel);
    expect(normalizeChannelId('19%3abroken%zz')).toBe('19%3abroken%zz');
  });

  it('recognizes only its own pending placeholders', () => {
    expect(pendingIdOf(pendingMessageId(7))).toBe(7);
    expect(teamsMessageIdOf(pendingMessageId(7))).toEqual({ kind: 'pending', pendingPostId: 7 });
    expect(teamsMessageIdOf('1700000000000')).toEqual({ kind: 'activity', activityId: '1700000000000' });
    expect(pendingIdOf('1700000000000')).toBeUndefined();
    expect(pendingIdOf('pending:abc')).toBeUndefined();
    expect(pendingIdOf('pending:0')).toBeUndefined();
  });
});
