/**
 * Teams names a channel thread by its channel id plus the root message: `{channelId};messageid={rootId}`.
 * These helpers keep that format in one place.
 */
const THREAD_MARK = ';messageid=';

/** The channel (or chat) a conversation id belongs to, without any thread suffix. */
export function channelOf(conversationId: string): string {
  const at = conversationId.indexOf(THREAD_MARK);
  return at === -1 ? conversationId : conversationId.slice(0, at);
}

/** The thread root named in a conversation id, if any. */
export function threadRootOf(conversationId: string): string | undefined {
  const at = conversationId.indexOf(THREAD_MARK);
  return at === -1 ? undefined : conversationId.slice(at + THREAD_MARK.length) || undefined;
}

/** The conversation id that posts into a channel thread. */
export function threadConversationId(channelId: string, rootId: string): string {
  return `${channelOf(channelId)}${THREAD_MARK}${rootId}`;
}

/**
 * A channel id as people paste it: from Teams' "Get link to channel" it arrives URL-encoded
 * (`19%3a…%40thread.tacv2`), sometimes with a thread suffix. Returns the plain channel id.
 */
export function normalizeChannelId(input: string): string {
  let id = input.trim();
  if (/%[0-9a-f]{2}/i.test(id)) {
    try {
      id = decodeURIComponent(id);
    } catch {
      // not valid percent-encoding: keep it as typed
    }
  }
  return channelOf(id);
}

/** Placeholder message id for an alert post waiting for its channel's reference. */
export const PENDING_PREFIX = 'pending:';

export function pendingMessageId(pendingId: number): string {
  return `${PENDING_PREFIX}${pendingId}`;
}

/** A Teams message id as stored in a MessageRef: a real activity id, or a post still waiting for its channel. */
export type TeamsMessageId = { kind: 'activity'; activityId: string } | { kind: 'pending'; pendingPostId: number };

export function teamsMessageIdOf(messageId: string): TeamsMessageId {
  const pendingPostId = pendingIdOf(messageId);
  return pendingPostId === undefined ? { kind: 'activity', activityId: messageId } : { kind: 'pending', pendingPostId };
}

export function pendingIdOf(messageId: string): number | undefined {
  if (!messageId.startsWith(PENDING_PREFIX)) return undefined;
  const id = Number(messageId.slice(PENDING_PREFIX.length));
  return Number.isInteger(id) && id > 0 ? id : undefined;
}
