/**
 * The ChatSurface for Slack: a CardModel becomes Block Kit (the shared renderer) plus a plain
 * `text` fallback for notifications and screen readers; the sender takes it to Slack through the
 * per-channel pacer, which paces and retries. This class only says what to send.
 *
 * Cards are rendered here, when the call is made, not when the channel's turn comes: the next card
 * is ready while the call before it waits for Slack.
 *
 * MessageRef on Slack: messageId = ts, channelId = channel id, threadId = ts of the thread root.
 */
import type { CardModel } from '../../ports/card-model';
import type { ChatSurface, MessageRef, PostOptions, SurfaceCapabilities } from '../../ports/chat-surface';
import { slackAnswerLink, type AnswerLink } from '../cards/answer-links';
import { renderBlockKit } from '../cards/render-block-kit';
import type { RenderedMessage, SlackSender } from './slack-sender';

export class SlackSurface implements ChatSurface {
  readonly platform = 'slack' as const;
  /** response_url carries any message to the asker alone; ephemeral messages in the channel; cards are updated with chat.update. */
  readonly capabilities: SurfaceCapabilities = { privateAnswerInResponse: 'any-card', replaceCardInResponse: false, privateMessage: 'in-channel' };

  private readonly answerLink: AnswerLink;

  /** `workspaceUrl`: auth.test's `url`, once known — the base of the findings lines' permalinks. */
  constructor(
    readonly sender: SlackSender,
    workspaceUrl: () => string | undefined = () => undefined,
  ) {
    this.answerLink = slackAnswerLink(workspaceUrl);
  }

  async post(channelId: string, card: CardModel, options: PostOptions = {}): Promise<MessageRef> {
    // Only the alert's own card is a "defender_alert" post: an /investigate answer posted to a
    // channel also names its alert, but must not look like the alert's post to reconciliation.
    const alertId = options.alertId && card.kind === 'alert' ? options.alertId : undefined;
    const { ts, channel } = await this.sender.post(channelId, render(card, this.answerLink), alertId ? { alertId } : {});
    return { platform: 'slack', channelId: channel, messageId: ts, threadId: ts };
  }

  async reply(root: MessageRef, card: CardModel, options: PostOptions = {}): Promise<MessageRef> {
    const threadTs = root.threadId || root.messageId;
    // Only a reply the durable outbox may look for again (a storm member's card) carries metadata.
    const findable = options.alertId && options.role && card.kind === 'alert' ? { alertId: options.alertId, role: options.role } : {};
    const { ts } = await this.sender.post(root.channelId, render(card, this.answerLink), { threadTs, ...findable });
    return { platform: 'slack', channelId: root.channelId, messageId: ts, threadId: threadTs };
  }

  async update(message: MessageRef, card: CardModel): Promise<void> {
    await this.sender.update(message.channelId, message.messageId, render(card, this.answerLink));
  }

  /** An ephemeral message: only `userId` sees it, in the thread when there is one. */
  async notifyUser(origin: { channelId: string; threadId?: string }, userId: string, card: CardModel): Promise<void> {
    await this.sender.postEphemeral(origin.channelId, userId, origin.threadId, render(card, this.answerLink, false));
  }

  /**
   * The ts of an alert's post in a channel, found through its message metadata (reconciliation
   * after a crash between posting and recording the post); see SlackSender for how far it looks.
   */
  findPosted(channelId: string, alertId: string, limit?: number): Promise<MessageRef | undefined> {
    return this.sender.findPosted(channelId, alertId, limit);
  }

  /** A storm member's reply in its group card's thread, found through its metadata (conversations.replies). */
  findReply(root: MessageRef, alertId: string, role: string, sinceMs?: number): Promise<MessageRef | undefined> {
    return this.sender.findReply(root.channelId, root.threadId || root.messageId, alertId, role, sinceMs);
  }
}

/** `tables`: only messages posted or updated (chat.postMessage / chat.update) use Slack's table block. */
function render(card: CardModel, answerLink: AnswerLink, tables = true): RenderedMessage {
  const { text, blocks } = renderBlockKit(card, undefined, { answerLink, tables });
  return { text, blocks: JSON.stringify(blocks) };
}
