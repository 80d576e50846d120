/**
 * A ChatSurface that records what was posted, replied and updated, in memory, like a chat platform
 * would keep it (so `findPosted` can answer from the "platform" side). Faults can be injected.
 */
import type { Platform } from '../../src/domain/intent';
import type { CardModel } from '../../src/ports/card-model';
import type { ChatSurface, MessageRef, PostOptions } from '../../src/ports/chat-surface';

export interface RecordedMessage {
  ref: MessageRef;
  alertId?: string;
  /** a findable reply's role (PostOptions.role) */
  role?: string;
  card: CardModel;
  updates: CardModel[];
}

export class RecordingSurface implements ChatSurface {
  readonly messages: RecordedMessage[] = [];
  /** Throw this (once each) before doing anything. */
  readonly faults: Error[] = [];
  private seq = 0;

  constructor(readonly platform: Platform = 'slack') {}

  async post(channelId: string, card: CardModel, options: PostOptions = {}): Promise<MessageRef> {
    this.fault();
    const id = `m${++this.seq}`;
    return this.keep({ platform: this.platform, channelId, messageId: id, threadId: id }, card, options.alertId);
  }

  async reply(root: MessageRef, card: CardModel, options: PostOptions = {}): Promise<MessageRef> {
    this.fault();
    const id = `m${++this.seq}`;
    return this.keep({ platform: this.platform, channelId: root.channelId, messageId: id, threadId: root.messageId }, card, options.alertId, options.role);
  }

  async update(message: MessageRef, card: CardModel): Promise<void> {
    this.fault();
    const m = this.messages.find((x) => x.ref.messageId === message.messageId);
    if (!m) throw new Error(`no message ${message.messageId}`);
    m.updates.push(card);
  }

  async findPosted(channelId: string, alertId: string): Promise<MessageRef | undefined> {
    return this.roots().find((m) => m.ref.channelId === channelId && m.alertId === alertId)?.ref;
  }

  async findReply(root: MessageRef, alertId: string, role: string): Promise<MessageRef | undefined> {
    return this.repliesTo(root.messageId).find((m) => m.alertId === alertId && m.role === role)?.ref;
  }

  roots(): RecordedMessage[] {
    return this.messages.filter((m) => m.ref.messageId === m.ref.threadId);
  }

  repliesTo(rootId: string): RecordedMessage[] {
    return this.messages.filter((m) => m.ref.threadId === rootId && m.ref.messageId !== rootId);
  }

  /** The card a message shows now (its last update, else the card it was posted with). */
  current(m: RecordedMessage): CardModel {
    return m.updates.at(-1) ?? m.card;
  }

  private keep(ref: MessageRef, card: CardModel, alertId?: string, role?: string): MessageRef {
    this.messages.push({ ref, alertId, ...(role ? { role } : {}), card, updates: [] });
    return ref;
  }

  private fault(): void {
    const f = this.faults.shift();
    if (f) throw f;
  }
}
