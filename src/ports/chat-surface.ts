/**
 * A chat platform as the use cases see it: post, reply in a thread, update in place. Each adapter
 * (Slack, Teams, local web) renders the CardModel itself and honours its platform's limits.
 */
import type { Platform } from '../domain/intent';
import type { MessageRole } from '../domain/message-role';
import type { CardModel } from './card-model';

/** A posted message, as stored so it can be threaded under or updated later. */
export interface MessageRef {
  platform: Platform;
  channelId: string;
  messageId: string;
  /** Root of the thread this message belongs to (= messageId for a root message). */
  threadId: string;
}

export interface PostOptions {
  /** Alert this post belongs to (Slack message metadata, reconciliation after a crash). */
  alertId?: string;
  /**
   * A thread reply the outbox may have to find again after a crash (`findReply`): what it is to
   * its alert (e.g. 'storm-member'). Slack carries it, with the alert id, in the reply's metadata.
   */
  role?: MessageRole;
}

/**
 * What a surface can do to answer someone, declared by each adapter; the presenter (app/present.ts)
 * reads it instead of asking which platform it is.
 */
export interface SurfaceCapabilities {
  /**
   * What the answer to an interaction can carry to the actor alone: any card (Slack response_url,
   * the web page's answer), only a short text (Teams invoke message), or nothing.
   */
  privateAnswerInResponse: 'any-card' | 'notice-text' | 'none';
  /** The answer to a click replaces the clicked card (Teams Action.Execute invoke response). */
  replaceCardInResponse: boolean;
  /** Where `notifyUser` shows a message: in the channel, to that user only (Slack ephemeral, web), or in their personal chat with the bot (Teams). */
  privateMessage: 'in-channel' | 'personal-chat';
}

export interface ChatSurface {
  readonly platform: Platform;
  /** Absent: no private answer in a response, no card replaced in one (the presenter falls back to notifyUser and update). */
  readonly capabilities?: SurfaceCapabilities;
  /** A new top-level message in a channel. */
  post(channelId: string, card: CardModel, options?: PostOptions): Promise<MessageRef>;
  /** A reply in the thread whose root is `root`. */
  reply(root: MessageRef, card: CardModel, options?: PostOptions): Promise<MessageRef>;
  /** Replace a message's content in place. */
  update(message: MessageRef, card: CardModel): Promise<void>;
  /** Only the given user sees it (falls back to a thread reply where the platform has no such thing). */
  notifyUser?(origin: { channelId: string; threadId?: string }, userId: string, card: CardModel): Promise<void>;
  /**
   * An alert's top-level post in a channel, found on the platform itself (Slack: message metadata).
   * The durable outbox asks before posting again after a crash between posting and recording the
   * post; without it, that narrow window can repeat a post.
   */
  findPosted?(channelId: string, alertId: string): Promise<MessageRef | undefined>;
  /**
   * An alert's reply of `role` in the thread under `root`, found on the platform itself (Slack:
   * conversations.replies, by the reply's metadata) — the same reconciliation for thread replies.
   * `sinceMs` (epoch ms): the reply cannot be older, so the search can start there.
   */
  findReply?(root: MessageRef, alertId: string, role: MessageRole, sinceMs?: number): Promise<MessageRef | undefined>;
}

/**
 * What a surface's error carries when its platform said "slow down": how long to wait, in
 * milliseconds. Each adapter translates its platform's own signal (Slack's Retry-After in seconds,
 * Teams' 429 Retry-After in seconds or as a date); the durable outbox waits that long before the
 * next attempt instead of backing off.
 */
export interface RetryAfterHint {
  readonly retryAfterMs: number;
}
