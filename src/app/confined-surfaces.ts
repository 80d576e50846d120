/**
 * Where a use case's own posts may go, for one request: a post or reply into a channel outside the
 * triage channels goes privately to the asker instead (Slack ephemeral, Teams personal chat, the
 * local channel's "only you can see this"), so a result is never posted into a channel outside
 * TRIAGE_CHANNELS, whoever asked and from wherever. The asker's own one-to-one chat with the bot
 * is private already. Updates of messages that exist pass: they change a card where it already is.
 *
 * The decision is the app's (authorize.ts); each surface only knows how to reach one person.
 */
import { isTriageChannel, type AccessPolicy } from '../domain/access-policy';
import type { IntentRequest, Platform } from '../domain/intent';
import type { CardModel } from '../ports/card-model';
import type { ChatSurface, MessageRef, PostOptions, SurfaceCapabilities } from '../ports/chat-surface';
import type { AppDeps } from './deps';

const PRIVATE_PREFIX = 'private:';

/** A message that went to one person: nothing can be threaded under it or stored for it. */
export function isPrivateRef(ref: Pick<MessageRef, 'messageId'>): boolean {
  return ref.messageId.startsWith(PRIVATE_PREFIX);
}

export function confinedDeps(deps: AppDeps, request: IntentRequest, policy: AccessPolicy): AppDeps {
  if (!policy.channels) return deps; // every channel is a triage channel
  const surfaces: AppDeps['surfaces'] = {};
  for (const [platform, surface] of Object.entries(deps.surfaces) as [Platform, ChatSurface][]) {
    surfaces[platform] = new ConfinedSurface(surface, request, policy, deps);
  }
  return { ...deps, surfaces };
}

class ConfinedSurface implements ChatSurface {
  readonly platform: Platform;
  readonly capabilities?: SurfaceCapabilities;
  private sent = 0;

  constructor(
    private readonly inner: ChatSurface,
    private readonly request: IntentRequest,
    private readonly policy: AccessPolicy,
    private readonly deps: AppDeps,
  ) {
    this.platform = inner.platform;
    this.capabilities = inner.capabilities;
  }

  post(channelId: string, card: CardModel, options?: PostOptions): Promise<MessageRef> {
    if (this.mayPostIn(channelId)) return this.inner.post(channelId, card, options);
    return this.toAsker(card);
  }

  reply(root: MessageRef, card: CardModel, options?: PostOptions): Promise<MessageRef> {
    if (!isPrivateRef(root) && this.mayPostIn(root.channelId)) return this.inner.reply(root, card, options);
    return this.toAsker(card);
  }

  async update(message: MessageRef, card: CardModel): Promise<void> {
    if (!isPrivateRef(message)) await this.inner.update(message, card);
  }

  notifyUser(origin: { channelId: string; threadId?: string }, userId: string, card: CardModel): Promise<void> {
    return this.inner.notifyUser ? this.inner.notifyUser(origin, userId, card) : Promise.resolve();
  }

  findPosted(channelId: string, alertId: string): Promise<MessageRef | undefined> {
    return this.inner.findPosted ? this.inner.findPosted(channelId, alertId) : Promise.resolve(undefined);
  }

  private mayPostIn(channelId: string): boolean {
    const { origin } = this.request;
    if (isTriageChannel({ platform: this.platform, channelId }, this.policy)) return true;
    return Boolean(origin.direct) && origin.platform === this.platform && origin.channelId === channelId;
  }

  private async toAsker(card: CardModel): Promise<MessageRef> {
    const { origin, actor } = this.request;
    const ref: MessageRef = { platform: this.platform, channelId: origin.channelId, messageId: `${PRIVATE_PREFIX}${++this.sent}`, threadId: `${PRIVATE_PREFIX}${this.sent}` };
    if (origin.platform !== this.platform || !this.inner.notifyUser) {
      this.deps.logger.warn({ platform: this.platform, intent: this.request.intent.kind }, 'an answer had no private way to the asker and was not posted');
      return ref;
    }
    await this.inner.notifyUser({ channelId: origin.channelId, threadId: origin.threadId }, actor.userId, card);
    return ref;
  }
}
