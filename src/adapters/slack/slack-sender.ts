/**
 * How a rendered message reaches Slack: the Web API calls the surface needs, each through the
 * per-channel pacer (one call at a time per lane, ~1 post/s per channel, Retry-After and backoff),
 * made on the main thread by the WebClient (on the transport of slack-transport.ts).
 *
 * Messages arrive rendered, blocks as JSON text: that is what Slack's form-encoded API takes, and
 * the WebClient would otherwise copy the whole block tree for a debug line it builds on every call
 * (measured by `npm run bench`).
 *
 * A post that carries an alert id carries it in its message metadata too; a try that may or may not
 * have reached Slack (5xx, timeout) is followed by a look for that metadata before the next try, so
 * a retry cannot post the alert twice (reconciliation).
 */
import type { Block, ChatPostMessageResponse, KnownBlock, WebClient } from '@slack/web-api';
import type { MessageRef } from '../../ports/chat-surface';
import type { ChannelPacer } from './channel-pacer';
import { classifySlackError } from './slack-errors';

/** The message metadata event every alert post carries, so posts can be reconciled after a crash. */
export const ALERT_EVENT_TYPE = 'defender_alert';

export interface RenderedMessage {
  text: string;
  /** Block Kit blocks as JSON text */
  blocks: string;
}

export interface SendOptions {
  /** The alert this post is (message metadata; a retry looks for it before posting again). */
  alertId?: string;
  threadTs?: string;
  /** A thread reply's role (with alertId): in its metadata, so findReply can tell it apart. */
  role?: string;
}

export interface AlertMetadata {
  event_type: string;
  /** `role` only on thread replies (e.g. "storm-member"); a top-level card carries just its id. */
  event_payload: { system_alert_id: string; role?: string };
}

export function alertMetadata(alertId: string, role?: string): AlertMetadata {
  return { event_type: ALERT_EVENT_TYPE, event_payload: role ? { system_alert_id: alertId, role } : { system_alert_id: alertId } };
}

/** Replies are searched this many per page, over at most this many pages (a storm thread of 5,000). */
const REPLIES_PAGE = 200;
const REPLIES_MAX_PAGES = 25;
/** Slack's clock and ours may differ: a reply is searched from this long before the row was made. */
const CLOCK_MARGIN_MS = 10 * 60_000;

/** The type the WebClient declares; at run time it sends a string as it is. */
type Blocks = (KnownBlock | Block)[];

export class SlackSender {
  constructor(
    private readonly client: WebClient,
    private readonly pacer: ChannelPacer,
  ) {}

  /** Calls waiting or running. */
  get pending(): number {
    return this.pacer.pending;
  }

  async post(channel: string, message: RenderedMessage, options: SendOptions = {}): Promise<{ ts: string; channel: string }> {
    const { alertId, threadTs, role } = options;
    const send = () =>
      this.client.chat.postMessage({
        channel,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        text: message.text,
        blocks: message.blocks as unknown as Blocks,
        ...(alertId ? { metadata: alertMetadata(alertId, threadTs ? role : undefined) } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
    const find = this.finder(channel, alertId, threadTs, role);
    const result = await this.pacer.enqueue(channel, find ? this.postedOnce(find, send) : send);
    return { ts: requireTs(result.ts, 'chat.postMessage'), channel: result.channel ?? channel };
  }

  async update(channel: string, ts: string, message: RenderedMessage): Promise<void> {
    // chat.update has its own (Tier 3) limit, not the one-post-per-second of the channel: a vote's
    // card update must not wait behind a burst of new alerts.
    await this.pacer.enqueue(`update:${channel}`, () => this.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks as unknown as Blocks }));
  }

  async postEphemeral(channel: string, user: string, threadTs: string | undefined, message: RenderedMessage): Promise<void> {
    // Its own lane: a click's answer must not wait behind a burst of alert posts in the channel.
    await this.pacer.enqueue(`ephemeral:${channel}`, () =>
      this.client.chat.postEphemeral({ channel, user, ...(threadTs ? { thread_ts: threadTs } : {}), text: message.text, blocks: message.blocks as unknown as Blocks }),
    );
  }

  findPosted(channel: string, alertId: string, limit = 200): Promise<MessageRef | undefined> {
    return this.pacer.enqueue(`history:${channel}`, () => this.lookUp(channel, alertId, limit));
  }

  findReply(channel: string, threadTs: string, alertId: string, role: string, sinceMs?: number): Promise<MessageRef | undefined> {
    return this.pacer.enqueue(`history:${channel}`, () => this.lookUpReply(channel, threadTs, alertId, role, sinceMs));
  }

  /** How to look for this post if a try of it was ambiguous: a card by history, a reply in its thread. */
  private finder(channel: string, alertId: string | undefined, threadTs: string | undefined, role: string | undefined) {
    if (!alertId) return undefined;
    if (!threadTs) return () => this.lookUp(channel, alertId);
    if (!role) return undefined;
    const since = Date.now();
    return () => this.lookUpReply(channel, threadTs, alertId, role, since);
  }

  /**
   * A 5xx or a timeout does not say whether Slack posted the message. Before the pacer retries
   * such a call, look for the alert's post by its metadata, so the retry cannot post it twice.
   * (A 429 is unambiguous: nothing was posted.)
   */
  private postedOnce(find: () => Promise<MessageRef | undefined>, send: () => Promise<ChatPostMessageResponse>): () => Promise<{ ts?: string; channel?: string }> {
    let ambiguous = false;
    return async () => {
      if (ambiguous) {
        const found = await find();
        if (found) return { ts: found.messageId, channel: found.channelId };
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
      const meta = m.metadata as { event_type?: string; event_payload?: { system_alert_id?: unknown; role?: unknown } } | undefined;
      // A reply's metadata has a role: only the alert's own card counts here.
      if (m.ts && meta?.event_type === ALERT_EVENT_TYPE && meta.event_payload?.system_alert_id === alertId && !meta.event_payload.role)
        return { platform: 'slack', channelId: channel, messageId: m.ts, threadId: m.ts };
    }
    return undefined;
  }

  /**
   * conversations.replies of the thread, page by page from `sinceMs` (less a margin for clock
   * skew) on, looking for the reply whose metadata names this alert and role.
   */
  private async lookUpReply(channel: string, threadTs: string, alertId: string, role: string, sinceMs?: number): Promise<MessageRef | undefined> {
    const oldest = sinceMs === undefined ? undefined : (Math.max(0, sinceMs - CLOCK_MARGIN_MS) / 1000).toFixed(6);
    let cursor: string | undefined;
    for (let page = 0; page < REPLIES_MAX_PAGES; page++) {
      const result = await this.client.conversations.replies({
        channel,
        ts: threadTs,
        include_all_metadata: true,
        limit: REPLIES_PAGE,
        ...(oldest ? { oldest } : {}),
        ...(cursor ? { cursor } : {}),
      });
      for (const m of result.messages ?? []) {
        const meta = m.metadata as { event_type?: string; event_payload?: { system_alert_id?: unknown; role?: unknown } } | undefined;
        if (m.ts && m.ts !== threadTs && meta?.event_type === ALERT_EVENT_TYPE && meta.event_payload?.system_alert_id === alertId && meta.event_payload.role === role)
          return { platform: 'slack', channelId: channel, messageId: m.ts, threadId: threadTs };
      }
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!result.has_more || !cursor) return undefined;
    }
    return undefined;
  }
}

function requireTs(ts: string | undefined, method: string): string {
  if (!ts) throw new Error(`Slack ${method} answered ok but without a message ts`);
  return ts;
}
