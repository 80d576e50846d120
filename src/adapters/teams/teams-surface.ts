/**
 * Teams as a ChatSurface: new alerts as proactive top-level cards in a channel, replies in the
 * alert's thread (`{channelId};messageid={rootId}`), the root card updated in place. An alert for
 * a channel whose conversation reference is not known yet waits in the store and is posted as
 * soon as the channel speaks to the bot (installation, a message); until then its message id is a
 * placeholder this surface resolves.
 */
import { TriageError } from '../../domain/errors';
import type { Logger } from '../../app/deps';
import type { CardModel } from '../../ports/card-model';
import type { ChatSurface, MessageRef, PostOptions, SurfaceCapabilities } from '../../ports/chat-surface';
import type { TeamsConversationStore } from '../../ports/teams-conversations';
import { channelOf, pendingMessageId, teamsMessageIdOf, threadConversationId } from './conversation-ids';
import type { ConnectorSender } from './connector-sender';
import type { RefreshAudience } from './refresh-audience';
import { cardActivity, teamsCard } from './teams-card';

/** Who claims waiting posts, so two replicas draining one channel do not both post. */
const CLAIMANT = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

export interface TeamsSurfaceDeps {
  sender: ConnectorSender;
  conversations: TeamsConversationStore;
  audience: RefreshAudience;
  logger: Logger;
  now: () => Date;
  /** The alert's card as it should look now (for posts that waited). */
  currentCard: (alertId: string) => Promise<CardModel | undefined>;
}

export class TeamsSurface implements ChatSurface {
  readonly platform = 'teams' as const;
  /**
   * Teams has no ephemeral message in a channel. An Action.Execute invoke answer is the nearest to
   * private the Agents SDK offers: its message (text only) is shown to the clicker alone; it can
   * instead replace the clicked card. Anything else private goes to the asker's personal chat.
   */
  readonly capabilities: SurfaceCapabilities = { privateAnswerInResponse: 'notice-text', replaceCardInResponse: true, privateMessage: 'personal-chat' };
  /** Per-channel chain so two activities arriving together do not post the same waiting alert twice. */
  private readonly draining = new Map<string, Promise<number>>();

  constructor(private readonly d: TeamsSurfaceDeps) {}

  async post(channelId: string, card: CardModel, options?: PostOptions): Promise<MessageRef> {
    const channel = channelOf(channelId);
    if (!(await this.d.conversations.getConversation(channel)) && options?.alertId) {
      const pending = await this.d.conversations.enqueuePost(channel, options.alertId, this.d.now().toISOString());
      this.d.logger.warn(
        { channelId: channel, alertId: options.alertId },
        'Teams channel not known yet: the alert waits until the app is installed in its team or someone messages the bot there',
      );
      const id = pendingMessageId(pending.id);
      return { platform: 'teams', channelId: channel, messageId: id, threadId: id };
    }
    const id = await this.d.sender.deliver({ op: 'send', conversationId: channel }, this.activity(channel, card));
    return { platform: 'teams', channelId: channel, messageId: id, threadId: id };
  }

  async reply(root: MessageRef, card: CardModel): Promise<MessageRef> {
    const channel = channelOf(root.channelId);
    const rootId = await this.resolve(root.threadId || root.messageId);
    if (!rootId) {
      throw new TriageError('teams_not_posted_yet', `the alert card is still waiting for Teams channel ${channel.slice(0, 80)}; reply after it is posted`);
    }
    const conversation = await this.d.conversations.getConversation(channel);
    // Chats have no threads: a "reply" there is just the next message.
    const threaded = conversation?.kind === 'channel';
    const target = threaded ? threadConversationId(channel, rootId) : channel;
    const id = await this.d.sender.deliver({ op: 'send', conversationId: target }, this.activity(channel, card));
    return { platform: 'teams', channelId: channel, messageId: id, threadId: threaded ? rootId : id };
  }

  async update(message: MessageRef, card: CardModel): Promise<void> {
    const channel = channelOf(message.channelId);
    const id = await this.resolve(message.messageId);
    if (!id) return; // still waiting: it is posted with the card as it is then
    await this.d.sender.deliver({ op: 'update', conversationId: channel, activityId: id }, this.activity(channel, card));
  }

  /**
   * Only `userId` sees it. Teams has no ephemeral message for bots: the nearest private place is
   * the asker's personal chat with the bot (the origin itself when it is one). That needs the app
   * installed for the user; otherwise Teams refuses and nothing is shown anywhere else.
   */
  async notifyUser(origin: { channelId: string; threadId?: string }, userId: string, card: CardModel): Promise<void> {
    const channel = channelOf(origin.channelId);
    const conversation = await this.d.conversations.getConversation(channel);
    if (conversation?.kind === 'personal') {
      await this.d.sender.deliver({ op: 'send', conversationId: channel }, this.activity(channel, card));
      return;
    }
    await this.d.sender.deliverPrivately(channel, userId, this.activity(channel, card));
  }

  /** Posts the alerts that waited for this channel; resolves with how many were posted. */
  drainPending(channelId: string): Promise<number> {
    const channel = channelOf(channelId);
    const previous = this.draining.get(channel) ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(() => this.postWaiting(channel));
    this.draining.set(channel, next);
    return next;
  }

  private async postWaiting(channel: string): Promise<number> {
    let posted = 0;
    for (const pending of await this.d.conversations.waitingPosts(channel)) {
      if (!(await this.d.conversations.claimPost(pending.id, CLAIMANT))) continue; // another replica has it
      const card = await this.d.currentCard(pending.alertId);
      if (!card) {
        await this.d.conversations.markAlertGone(pending.id);
        continue;
      }
      try {
        const id = await this.d.sender.deliver({ op: 'send', conversationId: channel }, this.activity(channel, card));
        await this.d.conversations.markPosted(pending.id, id);
        posted++;
      } catch (err) {
        await this.d.conversations.releasePost(pending.id);
        throw err;
      }
    }
    return posted;
  }

  /** A real message id, or undefined for a post still waiting for its channel. */
  private async resolve(messageId: string): Promise<string | undefined> {
    const id = teamsMessageIdOf(messageId);
    if (id.kind === 'activity') return id.activityId;
    const state = (await this.d.conversations.getPost(id.pendingPostId))?.state;
    return state?.kind === 'posted' ? state.messageId : undefined;
  }

  private activity(channel: string, card: CardModel): Record<string, unknown> {
    return cardActivity(teamsCard(card, this.d.audience.users(channel), this.d.now()));
  }
}
