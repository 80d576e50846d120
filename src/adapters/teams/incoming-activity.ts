/**
 * What an incoming Teams activity tells us: which conversation it came from (to store its
 * reference), who sent it, and where answers go. Everything in an activity is client-supplied;
 * ids are used as opaque strings only.
 */
import type { Activity, ConversationReference } from '@microsoft/agents-activity';
import type { Actor, Origin } from '../../domain/intent';
import type { TeamsConversationKind, TeamsConversationRecord } from '../../ports/teams-conversations';
import { channelOf, threadRootOf } from './conversation-ids';

interface TeamsChannelData {
  channel?: { id?: string; name?: string };
  team?: { id?: string; name?: string };
  tenant?: { id?: string };
  eventType?: string;
}

function channelData(activity: Activity): TeamsChannelData {
  const data = activity.channelData as unknown;
  return data && typeof data === 'object' ? (data as TeamsChannelData) : {};
}

/** The channel (or chat) id, without a thread suffix. */
export function conversationOf(activity: Activity): string {
  return channelData(activity).channel?.id ?? channelOf(activity.conversation?.id ?? '');
}

export function kindOf(activity: Activity): TeamsConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel' || channelData(activity).channel?.id) return 'channel';
  return type === 'groupChat' ? 'groupChat' : 'personal';
}

/** The record to store, or undefined when the activity cannot be answered (no service URL). */
export function conversationRecord(activity: Activity, now: Date): TeamsConversationRecord | undefined {
  const conversationId = conversationOf(activity);
  if (!conversationId || !activity.serviceUrl) return undefined;
  const data = channelData(activity);
  const reference: ConversationReference = activity.getConversationReference();
  // Without the activity id a send is a new post, not a reply to whatever we heard last.
  delete reference.activityId;
  reference.conversation = { ...reference.conversation, id: conversationId };
  return {
    conversationId,
    kind: kindOf(activity),
    teamId: data.team?.id,
    tenantId: activity.conversation?.tenantId ?? data.tenant?.id,
    serviceUrl: activity.serviceUrl,
    name: data.channel?.name ?? activity.conversation?.name,
    reference: JSON.stringify(reference),
    updatedAt: now.toISOString(),
  };
}

export function actorOf(activity: Activity): Actor {
  const from = activity.from ?? {};
  const userId = from.aadObjectId || from.id || 'unknown';
  return { platform: 'teams', userId, displayName: from.name || userId, org: { tenantId: tenantOf(activity) } };
}

/**
 * The tenant an activity comes from: Teams names it on the conversation and in channelData. Two
 * different tenants in one activity name none (it is refused as foreign).
 */
export function tenantOf(activity: Activity): string | undefined {
  const named = [activity.conversation?.tenantId, channelData(activity).tenant?.id].filter((t): t is string => typeof t === 'string' && t.length > 0);
  const distinct = new Set(named.map((t) => t.toLowerCase()));
  return distinct.size === 1 ? named[0] : undefined;
}

/** The Teams id used in refresh.userIds (the channel account id, 29:…). */
export function refreshIdOf(activity: Activity): string | undefined {
  return activity.from?.id || undefined;
}

export function originOf(activity: Activity): Origin {
  const channelId = conversationOf(activity);
  const inChannel = kindOf(activity) === 'channel';
  const threadId = inChannel ? (threadRootOf(activity.conversation?.id ?? '') ?? activity.replyToId ?? activity.id) : undefined;
  return { platform: 'teams', channelId, threadId, messageId: activity.replyToId ?? undefined, direct: kindOf(activity) === 'personal' || undefined };
}

/** True when the bot itself was added (installation in a team, chat or personal scope). */
export function botWasAdded(activity: Activity): boolean {
  const bot = activity.recipient?.id;
  return Boolean(bot && activity.membersAdded?.some((m) => m.id === bot));
}

/** "<at>Triage Bot</at> investigate web-vm-01" → "investigate web-vm-01". */
export function commandText(activity: Activity): string {
  const text = String(activity.text ?? '');
  return text
    .replace(/<at>[\s\S]*?<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
