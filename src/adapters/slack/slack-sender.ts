/**
 * How a rendered message reaches Slack: the Web API calls the surface needs, each through the
 * per-channel outbox (pacing, retries). `WebApiSender` makes them in this thread; the bot runs one
 * in a worker thread (threaded-slack-sender.ts) so the HTTP work uses a second core.
 *
 * Messages arrive rendered, blocks as JSON text: that is what Slack's form-encoded API takes, it
 * crosses a thread boundary as one string, and the WebClient would otherwise copy the whole block
 * tree for a debug line it builds on every call (measured by `npm run bench`).
 */
import type { Block, ChatPostMessageResponse, KnownBlock, WebClient } from '@slack/web-api';
import type { MessageRef } from '../../ports/chat-surface';
import type { ChannelOutbox } from './channel-outbox';
import { classifySlackError } from './slack-errors';

/** The message metadata event every alert post carries, so posts can be reconciled after a crash. */
export const ALERT_EVENT_TYPE = 'defender_alert';

export interface RenderedMessage {
  text: string;
  /** Block Kit blocks as JSON text */
  blocks: string;
}

export interface SendOptions {
  /** The alert this top-level post is (message metadata; a retry looks for it before posting again). */
  alertId?: string;
  threadTs?: string;
}

export interface SlackSender {
  post(channel: string, message: RenderedMessage, options?: SendOptions): Promise<{ ts: string; channel: string }>;
  update(channel: string, ts: string, message: RenderedMessage): Promise<void>;
  postEphemeral(channel: string, user: string, threadTs: string | undefined, message: RenderedMessage): Promise<void>;
  /** The newest `limit` messages of a channel, searched for the alert's metadata. */
  findPosted(channel: string, alertId: string, limit?: number): Promise<MessageRef | undefined>;
  /** Calls waiting or running. */
  readonly pending: number;
}

export function alertMetadata(alertId: string): { event_type: string; event_payload: { system_alert_id: string } } {
  return { event_type: ALERT_EVENT_TYPE, event_payload: { system_alert_id: alertId } };
}

/** The type the WebClient declares; at run time it sends a string as it is. */
type Blocks = (KnownBlock | Block)[];

export class WebApiSender implements SlackSender {
  constructor(
    private readonly client: WebClient,
    private readonly outbox: ChannelOutbox,
  ) {}

  get pending(): number {
    return this.outbox.pending;
  }

  async post(channel: string, message: RenderedMessage, options: SendOptions = {}): Promise<{ ts: string; channel: string }> {
    const { alertId, threadTs } = options;
    const send = () =>
      this.client.chat.postMessage({
        channel,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        text: message.text,
        blocks: message.blocks as unknown as Blocks,
        ...(alertId ? { metadata: alertMetadata(alertId) } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
    const result = await this.outbox.enqueue(channel, alertId ? this.postedOnce(channel, alertId, send) : send);
    return { ts: requireTs(result.ts, 'chat.postMessage'), channel: result.channel ?? channel };
  }

  async update(channel: string, ts: string, message: RenderedMessage): Promise<void> {
    // chat.update has its own (Tier 3) limit, not the one-post-per-second of the channel: a vote's
    // card update must not wait behind a burst of new alerts.
    await this.outbox.enqueue(`update:${channel}`, () => this.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks as unknown as Blocks }));
  }

  async postEphemeral(channel: string, user: string, threadTs: string | undefined, message: RenderedMessage): Promise<void> {
    // Its own lane: a click's answer must not wait behind a burst of alert posts in the channel.
    await this.outbox.enqueue(`ephemeral:${channel}`, () =>
      this.client.chat.postEphemeral({ channel, user, ...(threadTs ? { thread_ts: threadTs } : {}), text: message.text, blocks: message.blocks as unknown as Blocks }),
    );
  }

  findPosted(channel: string, alertId: string, limit = 200): Promise<MessageRef | undefined> {
    return this.outbox.enqueue(`history:${channel}`, () => this.lookUp(channel, alertId, limit));
  }

  /**
   * A 5xx or a timeout does not say whether Slack posted the message. Before the outbox retries
   * such a call, look for the alert's post by its metadata, so the retry cannot post it twice.
   * (A 429 is unambiguous: nothing was posted.)
   */
  private postedOnce(channel: string, alertId: string, send: () => Promise<ChatPostMessageResponse>): () => Promise<{ ts?: string; channel?: string }> {
    let ambiguous = false;
    return async () => {
      if (ambiguous) {
        const found = await this.lookUp(channel, alertId);
        if (found) return { ts: found.messageId, channel };
      }
      try {
        return await send();
      } catch (err) {
        if (classifySlackError(err).kind === 'transient') ambiguous = true;
        throw err;
      }
    };
  }

  /** conversations.history of the newest `limit` messages, looking for the alert's metadata. */
  private async lookUp(channel: string, alertId: string, limit = 200): Promise<MessageRef | undefined> {
    const result = await this.client.conversations.history({ channel, include_all_metadata: true, limit });
    for (const m of result.messages ?? []) {
      const meta = m.metadata as { event_type?: string; event_payload?: { system_alert_id?: unknown } } | undefined;
      if (m.ts && meta?.event_type === ALERT_EVENT_TYPE && meta.event_payload?.system_alert_id === alertId)
        return { platform: 'slack', channelId: channel, messageId: m.ts, threadId: m.ts };
    }
    return undefined;
  }
}

function requireTs(ts: string | undefined, method: string): string {
  if (!ts) throw new Error(`Slack ${method} answered ok but without a message ts`);
  return ts;
}
