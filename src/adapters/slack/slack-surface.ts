/**
 * The ChatSurface for Slack: a CardModel becomes Block Kit (the shared renderer) plus a plain
 * `text` fallback for notifications and screen readers. Every call goes through the per-channel
 * outbox, which paces and retries; this class only says what to send.
 *
 * MessageRef on Slack: messageId = ts, channelId = channel id, threadId = ts of the thread root.
 */
import type { Block, ChatPostMessageResponse, KnownBlock, WebClient } from '@slack/web-api';
import type { CardModel } from '../../ports/card-model';
import type { ChatSurface, MessageRef, PostOptions } from '../../ports/chat-surface';
import { renderBlockKit } from '../cards/render-block-kit';
import type { ChannelOutbox } from './channel-outbox';
import { classifySlackError } from './slack-errors';

/** The message metadata event every alert post carries, so posts can be reconciled after a crash. */
export const ALERT_EVENT_TYPE = 'defender_alert';

export class SlackSurface implements ChatSurface {
  readonly platform = 'slack' as const;

  constructor(
    private readonly client: WebClient,
    private readonly outbox: ChannelOutbox,
  ) {}

  async post(channelId: string, card: CardModel, options: PostOptions = {}): Promise<MessageRef> {
    // Only the alert's own card is a "defender_alert" post: an /investigate answer posted to a
    // channel also names its alert, but must not look like the alert's post to reconciliation.
    const alertId = options.alertId && card.kind === 'alert' ? options.alertId : undefined;
    const send = () =>
      this.client.chat.postMessage({
        channel: channelId,
        ...render(card),
        ...(alertId ? { metadata: alertMetadata(alertId) } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
    const result = await this.outbox.enqueue(channelId, alertId ? this.postedOnce(channelId, alertId, send) : send);
    const ts = requireTs(result.ts, 'chat.postMessage');
    return { platform: 'slack', channelId: result.channel ?? channelId, messageId: ts, threadId: ts };
  }

  /**
   * A 5xx or a timeout does not say whether Slack posted the message. Before the outbox retries
   * such a call, look for the alert's post by its metadata, so the retry cannot post it twice.
   * (A 429 is unambiguous: nothing was posted.)
   */
  private postedOnce(channelId: string, alertId: string, send: () => Promise<ChatPostMessageResponse>): () => Promise<{ ts?: string; channel?: string }> {
    let ambiguous = false;
    return async () => {
      if (ambiguous) {
        const found = await this.lookUp(channelId, alertId);
        if (found) return { ts: found.messageId, channel: channelId };
      }
      try {
        return await send();
      } catch (err) {
        if (classifySlackError(err).kind === 'transient') ambiguous = true;
        throw err;
      }
    };
  }

  async reply(root: MessageRef, card: CardModel): Promise<MessageRef> {
    const threadTs = root.threadId || root.messageId;
    const result = await this.outbox.enqueue(root.channelId, () =>
      this.client.chat.postMessage({ channel: root.channelId, thread_ts: threadTs, ...render(card), unfurl_links: false, unfurl_media: false }),
    );
    return { platform: 'slack', channelId: root.channelId, messageId: requireTs(result.ts, 'chat.postMessage'), threadId: threadTs };
  }

  async update(message: MessageRef, card: CardModel): Promise<void> {
    // chat.update has its own (Tier 3) limit, not the one-post-per-second of the channel: a vote's
    // card update must not wait behind a burst of new alerts.
    await this.outbox.enqueue(`update:${message.channelId}`, () =>
      this.client.chat.update({ channel: message.channelId, ts: message.messageId, ...render(card) }),
    );
  }

  /** An ephemeral message: only `userId` sees it, in the thread when there is one. */
  async notifyUser(origin: { channelId: string; threadId?: string }, userId: string, card: CardModel): Promise<void> {
    // Its own lane: a click's answer must not wait behind a burst of alert posts in the channel.
    await this.outbox.enqueue(`ephemeral:${origin.channelId}`, () =>
      this.client.chat.postEphemeral({
        channel: origin.channelId,
        user: userId,
        ...(origin.threadId ? { thread_ts: origin.threadId } : {}),
        ...render(card),
      }),
    );
  }

  /**
   * The ts of an alert's post in a channel, found through its message metadata (reconciliation
   * after a crash between posting and recording the post). Looks at the newest `limit` messages.
   */
  async findPosted(channelId: string, alertId: string, limit = 200): Promise<MessageRef | undefined> {
    return this.outbox.enqueue(`history:${channelId}`, () => this.lookUp(channelId, alertId, limit));
  }

  /** conversations.history of the newest `limit` messages, looking for the alert's metadata. */
  private async lookUp(channelId: string, alertId: string, limit = 200): Promise<MessageRef | undefined> {
    const result = await this.client.conversations.history({ channel: channelId, include_all_metadata: true, limit });
    for (const m of result.messages ?? []) {
      const meta = m.metadata as { event_type?: string; event_payload?: { system_alert_id?: unknown } } | undefined;
      if (m.ts && meta?.event_type === ALERT_EVENT_TYPE && meta.event_payload?.system_alert_id === alertId)
        return { platform: 'slack', channelId, messageId: m.ts, threadId: m.ts };
    }
    return undefined;
  }
}

export function alertMetadata(alertId: string): { event_type: string; event_payload: { system_alert_id: string } } {
  return { event_type: ALERT_EVENT_TYPE, event_payload: { system_alert_id: alertId } };
}

/**
 * `blocks` goes as the JSON text Slack's form-encoded API takes. The WebClient would produce the same
 * text itself, but it first copies the whole block tree for a debug log line it builds on every call
 * (log level or not): a third of a post's cost in the client (measured by `npm run bench`).
 */
function render(card: CardModel): { text: string; blocks: (KnownBlock | Block)[] } {
  const { text, blocks } = renderBlockKit(card);
  return { text, blocks: JSON.stringify(blocks) as unknown as (KnownBlock | Block)[] };
}

function requireTs(ts: string | undefined, method: string): string {
  if (!ts) throw new Error(`Slack ${method} answered ok but without a message ts`);
  return ts;
}
