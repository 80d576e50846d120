/**
 * The local web channel as a ChatSurface (platform 'web'): channels of messages, each root message
 * with its thread, kept in memory and pushed to every open page (Server-Sent Events). With a `file`,
 * the messages survive a restart (the store keeps the message refs, so they must).
 *
 * Cards are rendered here, once, by the `render` function the composition root passes in (the
 * shared Adaptive Card renderer); the browser only displays the resulting JSON.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CardModel } from '../../ports/card-model';
import type { InteractionResponse } from '../../app/present';
import type { ChatSurface, MessageRef, PostOptions, SurfaceCapabilities } from '../../ports/chat-surface';

export type RenderCard = (model: CardModel) => object;

export interface WebMessage {
  id: string;
  channelId: string;
  /** Root of the thread: equals `id` for a root message. */
  threadId: string;
  /** The rendered Adaptive Card (plain JSON). */
  card: object;
  /** The alert a root card shows, so a fresh alert card can replace it (or a findable reply's alert). */
  alertId?: string;
  /** A reply the outbox may look for again: what it is to its alert (e.g. 'storm-member'). */
  role?: string;
  at: string;
  updatedAt?: string;
  /** A private answer: only this user's page shows it (next to what it answers) until dismissed. */
  privateTo?: string;
  /** For a private answer to a typed command: the command, shown above the answer. */
  about?: string;
}

export type WebEvent =
  | { type: 'message'; message: WebMessage }
  | { type: 'update'; message: WebMessage }
  | { type: 'remove'; messageId: string };

/** Where private answers to typed commands (no thread) live: the command box's answers. */
export const COMMAND_ANSWERS = 'commands';
/** Private answers kept per user (the oldest go first): the page is not an archive. */
const PRIVATE_KEPT = 50;

export interface WebChannelOptions {
  render: RenderCard;
  /** JSON file the messages are kept in across restarts; none = memory only. */
  file?: string;
  now?: () => Date;
}

export class WebChannel implements ChatSurface {
  readonly platform = 'web' as const;
  /** The page's HTTP answer carries the private answer; private answers are kept beside their thread. */
  readonly capabilities: SurfaceCapabilities = { privateAnswerInResponse: 'any-card', replaceCardInResponse: false, privateMessage: 'in-channel' };
  private readonly messages = new Map<string, WebMessage>();
  private readonly listeners = new Set<(event: WebEvent) => void>();
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: WebChannelOptions) {
    if (options.file) for (const m of readMessages(options.file)) this.messages.set(m.id, m);
  }

  async post(channelId: string, card: CardModel, options?: PostOptions): Promise<MessageRef> {
    const id = newId();
    const message: WebMessage = { id, channelId, threadId: id, card: this.render(card), alertId: options?.alertId, at: this.now() };
    return this.add(message);
  }

  async reply(root: MessageRef, card: CardModel, options?: PostOptions): Promise<MessageRef> {
    const threadId = this.messages.get(root.messageId)?.threadId ?? root.threadId ?? root.messageId;
    const findable = options?.alertId && options.role ? { alertId: options.alertId, role: options.role } : {};
    const message: WebMessage = { id: newId(), channelId: root.channelId, threadId, card: this.render(card), ...findable, at: this.now() };
    return this.add(message);
  }

  async update(ref: MessageRef, card: CardModel): Promise<void> {
    const message = this.messages.get(ref.messageId);
    if (!message) throw new Error(`web channel: no message ${ref.messageId} to update (was the data file removed?)`);
    message.card = this.render(card);
    message.updatedAt = this.now();
    this.changed({ type: 'update', message });
  }

  async notifyUser(origin: { channelId: string; threadId?: string }, userId: string, card: CardModel): Promise<void> {
    this.addPrivate(origin, userId, card);
  }

  /**
   * The HTTP answer to one click or command as the presenter sees it: it carries the first private
   * answer back to the page (`answered`); later ones are private answers like any other.
   */
  answerFor(origin: { channelId: string; threadId?: string }, userId: string, about?: string): InteractionResponse & { answered?: WebMessage } {
    const response: InteractionResponse & { answered?: WebMessage } = {
      answerPrivately: (card) => {
        if (response.answered) return false;
        response.answered = this.addPrivate(origin, userId, card, about);
        return true;
      },
    };
    return response;
  }

  /**
   * A private answer, kept (across restarts too) beside what it answers — in the thread of the card
   * clicked, or with the command typed — until its user dismisses it.
   */
  addPrivate(origin: { channelId: string; threadId?: string }, userId: string, card: CardModel, about?: string): WebMessage {
    const message: WebMessage = {
      id: newId(),
      channelId: origin.channelId,
      threadId: origin.threadId ?? COMMAND_ANSWERS,
      card: this.render(card),
      at: this.now(),
      privateTo: userId,
      ...(about ? { about: about.slice(0, 300) } : {}),
    };
    this.add(message);
    const mine = this.list().filter((m) => m.privateTo === userId);
    for (const old of mine.slice(0, Math.max(0, mine.length - PRIVATE_KEPT))) this.dismiss(old.id, userId);
    return message;
  }

  /** Removes a private answer; only its own user can (false otherwise). */
  dismiss(messageId: string, userId: string): boolean {
    const message = this.messages.get(messageId);
    if (!message?.privateTo || message.privateTo !== userId) return false;
    this.messages.delete(messageId);
    this.changed({ type: 'remove', messageId });
    return true;
  }

  /** Replaces the card of every root message that shows this alert (a use case's `alertCard`). */
  async updateAlertCards(alertId: string, card: CardModel): Promise<void> {
    for (const m of this.messages.values()) {
      if (m.alertId === alertId && m.id === m.threadId && !m.privateTo) await this.update(refOf(m), card);
    }
  }

  /** The alert's card in this channel, if posted (the outbox asks before posting again after a crash). */
  async findPosted(channelId: string, alertId: string): Promise<MessageRef | undefined> {
    for (const m of this.messages.values()) {
      if (m.channelId === channelId && m.alertId === alertId && m.id === m.threadId && !m.privateTo) return refOf(m);
    }
    return undefined;
  }

  /** The alert's reply of `role` in the thread under `root`, if posted. */
  async findReply(root: MessageRef, alertId: string, role: string): Promise<MessageRef | undefined> {
    const threadId = root.threadId || root.messageId;
    for (const m of this.messages.values()) {
      if (m.threadId === threadId && m.id !== threadId && m.alertId === alertId && m.role === role) return refOf(m);
    }
    return undefined;
  }

  get(messageId: string): WebMessage | undefined {
    return this.messages.get(messageId);
  }

  /** Every message, oldest first (the page rebuilds its view from this on connect). */
  list(): WebMessage[] {
    return [...this.messages.values()];
  }

  /** Renders a card model for a direct answer (the clicker's reply); not stored. */
  renderCard(model: CardModel): object {
    return this.render(model);
  }

  subscribe(listener: (event: WebEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes pending changes now (at shutdown). */
  flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.options.file) writeMessages(this.options.file, this.list());
  }

  private add(message: WebMessage): MessageRef {
    this.messages.set(message.id, message);
    this.changed({ type: 'message', message });
    return refOf(message);
  }

  private changed(event: WebEvent): void {
    this.emit(event);
    if (this.options.file && !this.saveTimer) this.saveTimer = setTimeout(() => this.flush(), 200);
  }

  private emit(event: WebEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private render(model: CardModel): object {
    return this.options.render(model);
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }
}

export function refOf(m: WebMessage): MessageRef {
  return { platform: 'web', channelId: m.channelId, messageId: m.id, threadId: m.threadId };
}

function newId(): string {
  return `web-${randomUUID()}`;
}

function readMessages(file: string): WebMessage[] {
  if (!fs.existsSync(file)) return [];
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { messages?: WebMessage[] };
    return Array.isArray(parsed.messages) ? parsed.messages : [];
  } catch (err) {
    throw new Error(`web channel: cannot read ${file} (${(err as Error).message}); delete it to start with an empty channel`);
  }
}

function writeMessages(file: string, messages: WebMessage[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ messages }));
  fs.renameSync(tmp, file);
}
