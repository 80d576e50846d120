/**
 * Every message the bot sends to Teams goes through here: the stored conversation reference gives
 * the service URL; the SDK adapter gives an authenticated connector client (or an anonymous one in
 * local testing); we add what the SDK leaves to us: pacing per thread, retries of transient
 * answers, and recording a 403 instead of retrying it forever.
 */
import { Activity, type ConversationReference } from '@microsoft/agents-activity';
import type { CloudAdapter, ConnectorClient } from '@microsoft/agents-hosting';
import { TriageError } from '../../domain/errors';
import type { TeamsConversationStore } from '../../ports/teams-conversations';
import { channelOf } from './conversation-ids';
import type { ThreadRateLimiter } from './rate-limiter';
import { RETRYABLE_STATUSES, retryAfterMs, statusOf, withRetry, type RetryOptions } from './retry';
import type { TeamsHealth } from './teams-health';

/** How long the outbox should wait when Teams still refuses after all our retries. */
const GIVE_UP_PAUSE_MS = 30_000;

export interface SenderDeps {
  adapter: CloudAdapter;
  /** Bot app id, or undefined when anonymous. */
  appId?: string;
  conversations: TeamsConversationStore;
  limiter: ThreadRateLimiter;
  health: TeamsHealth;
  retry: RetryOptions;
  onRetry?: (info: { conversationId: string; attempt: number; status: number; delayMs: number }) => void;
}

export type SendTarget =
  /** A new top-level post in the conversation (or a message in a chat). */
  | { op: 'send'; conversationId: string }
  /** A reply to one activity (a command message, a chat message). */
  | { op: 'reply'; conversationId: string; replyToId: string }
  /** Replace an activity's content. */
  | { op: 'update'; conversationId: string; activityId: string };

export class ConnectorSender {
  constructor(private readonly d: SenderDeps) {}

  /** Sends `activity` (type, attachments, text) and returns the id Teams gave the message. */
  async deliver(target: SendTarget, activity: Record<string, unknown>): Promise<string> {
    const channelId = channelOf(target.conversationId);
    const blocked = this.d.health.blocked(channelId);
    if (blocked) throw forbidden(channelId, `still blocked since ${blocked.at}`);
    const reference = await this.referenceFor(channelId);
    try {
      return await withRetry(
        async () => {
          await this.d.limiter.acquire(target.conversationId);
          const client = await this.clientFor(reference);
          return this.call(client, target, this.outgoing(reference, target, activity));
        },
        this.d.retry,
        (info) => this.d.onRetry?.({ conversationId: target.conversationId, ...info }),
      );
    } catch (err) {
      const status = statusOf(err);
      if (status === 403) {
        this.d.health.recordForbidden(channelId, (err as Error).message);
        throw forbidden(channelId, (err as Error).message);
      }
      // Still throttled after our retries: tell the outbox how long to wait (RetryAfterHint).
      if (status !== undefined && RETRYABLE_STATUSES.includes(status)) Object.assign(err as object, { retryAfterMs: retryAfterMs(err) ?? GIVE_UP_PAUSE_MS });
      throw err;
    }
  }

  /**
   * Sends to one person alone: Teams opens (or finds) the bot's personal chat with `userId` (an
   * Entra object id or a 29: id) in the tenant of the known conversation `viaConversationId`,
   * whose service URL it uses. Teams refuses (403) when the app is not installed for that user.
   */
  async deliverPrivately(viaConversationId: string, userId: string, activity: Record<string, unknown>): Promise<string> {
    const channelId = channelOf(viaConversationId);
    const record = await this.d.conversations.getConversation(channelId);
    const reference = await this.referenceFor(channelId);
    const tenantId = record?.tenantId ?? reference.conversation?.tenantId;
    return withRetry(
      async () => {
        const client = await this.clientFor(reference);
        // The SDK sends these parameters as they are: the wire name of the bot account is `bot`.
        const chat = await client.createConversation({
          isGroup: false,
          bot: reference.agent ?? undefined,
          members: [{ id: userId }],
          tenantId,
          channelData: { tenant: { id: tenantId } },
        } as never);
        await this.d.limiter.acquire(chat.id);
        const outgoing = Activity.fromObject({ channelId: reference.channelId, serviceUrl: reference.serviceUrl, from: reference.agent ?? undefined, conversation: { id: chat.id, conversationType: 'personal', tenantId }, ...activity });
        return (await client.sendToConversation(chat.id, outgoing)).id;
      },
      this.d.retry,
      (info) => this.d.onRetry?.({ conversationId: channelId, ...info }),
    );
  }

  private async referenceFor(channelId: string): Promise<ConversationReference> {
    const record = await this.d.conversations.getConversation(channelId);
    if (!record) {
      throw new TriageError(
        'teams_conversation_unknown',
        `Teams conversation ${channelId.slice(0, 80)} is unknown: install the app in its team (or message the bot there) first`,
      );
    }
    return JSON.parse(record.reference) as ConversationReference;
  }

  /** The SDK builds the client (token, allowlist check) inside a continuation turn. */
  private async clientFor(reference: ConversationReference): Promise<ConnectorClient> {
    let client: ConnectorClient | undefined;
    const identity = this.d.appId ?? { name: 'anonymous' };
    await this.d.adapter.continueConversation(identity, reference, async (context) => {
      client = context.turnState.get<ConnectorClient>(this.d.adapter.ConnectorClientKey);
    });
    if (!client) throw new Error('Agents SDK gave no connector client for the continuation turn');
    return client;
  }

  private outgoing(reference: ConversationReference, target: SendTarget, activity: Record<string, unknown>): Activity {
    return Activity.fromObject({
      channelId: reference.channelId,
      serviceUrl: reference.serviceUrl,
      from: reference.agent ?? undefined,
      conversation: { ...reference.conversation, id: target.conversationId },
      ...(target.op === 'update' ? { id: target.activityId } : {}),
      ...(target.op === 'reply' ? { replyToId: target.replyToId } : {}),
      ...activity,
    });
  }

  private async call(client: ConnectorClient, target: SendTarget, activity: Activity): Promise<string> {
    switch (target.op) {
      case 'send':
        return (await client.sendToConversation(target.conversationId, activity)).id;
      case 'reply':
        return (await client.replyToActivity(target.conversationId, target.replyToId, activity)).id;
      case 'update':
        await client.updateActivity(target.conversationId, target.activityId, activity);
        return target.activityId;
    }
  }
}

function forbidden(channelId: string, detail: string): TriageError {
  return new TriageError(
    'teams_forbidden',
    `Teams refused to post in ${channelId.slice(0, 80)} (403: bot removed from the team or blocked; reinstall the app there): ${detail.slice(0, 200)}`,
  );
}
