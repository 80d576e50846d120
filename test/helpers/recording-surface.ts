/**
 * A ChatSurface test double that records what the use cases post, reply and update, and answers
 * with message refs like a platform would. Shared: any use-case test may use it.
 */
import type { Platform } from '../../src/domain/intent';
import type { CardModel } from '../../src/ports/card-model';
import type { ChatSurface, MessageRef, PostOptions } from '../../src/ports/chat-surface';

export type Recorded =
  | { op: 'post'; channelId: string; card: CardModel; ref: MessageRef; options?: PostOptions }
  | { op: 'reply'; root: MessageRef; card: CardModel; ref: MessageRef; options?: PostOptions }
  | { op: 'update'; message: MessageRef; card: CardModel };

export class RecordingSurface implements ChatSurface {
  readonly calls: Recorded[] = [];
  private next = 1;

  constructor(readonly platform: Platform = 'web') {}

  async post(channelId: string, card: CardModel, options?: PostOptions): Promise<MessageRef> {
    const messageId = `m${this.next++}`;
    const ref: MessageRef = { platform: this.platform, channelId, messageId, threadId: messageId };
    this.calls.push({ op: 'post', channelId, card, ref, options });
    return ref;
  }

  async reply(root: MessageRef, card: CardModel, options?: PostOptions): Promise<MessageRef> {
    const ref: MessageRef = { platform: this.platform, channelId: root.channelId, messageId: `m${this.next++}`, threadId: root.messageId };
    this.calls.push({ op: 'reply', root, card, ref, options });
    return ref;
  }

  async update(message: MessageRef, card: CardModel): Promise<void> {
    this.calls.push({ op: 'update', message, card });
  }

  posts(): CardModel[] {
    return this.calls.flatMap((c) => (c.op === 'post' ? [c.card] : []));
  }

  /** Cards replied in the thread whose root message id is `rootId` (any thread when omitted). */
  replies(rootId?: string): CardModel[] {
    return this.calls.flatMap((c) => (c.op === 'reply' && (!rootId || c.root.messageId === rootId) ? [c.card] : []));
  }

  updates(): CardModel[] {
    return this.calls.flatMap((c) => (c.op === 'update' ? [c.card] : []));
  }

  /** Every text a notice card in the recorded calls carries (handy for "the thread says …"). */
  texts(): string[] {
    return this.calls.flatMap((c) => {
      const card = c.card;
      if (card.kind === 'notice') return [[card.title, card.text].filter(Boolean).join(': ')];
      if (card.kind === 'custom') return [card.fallbackText];
      return [];
    });
  }
}
