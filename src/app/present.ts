/**
 * The one way out: a use case says what to say and to whom (`Reply`), and `present` carries it out
 * on the surface the request came from, through what that surface declares it can do
 * (`SurfaceCapabilities`) and what the interaction itself can carry back (`InteractionResponse`).
 * Entry points decode, dispatch (handleIntent) and hand the result over here; none of them decides
 * who sees what. The same result lands in the same place on every surface:
 *
 *   to 'actor'       only the person who acted: the interaction's own private answer when it can
 *                    carry the card (Slack response_url, Teams invoke message, the web page's answer),
 *                    else the surface's private message (Slack ephemeral, Teams personal chat, web
 *                    private answer kept beside the thread);
 *   to 'thread'      the alert's thread in the channel asked from (every channel showing the alert
 *                    when nobody asked), else the thread or channel the request came from;
 *   to 'alert-card'  the alert's card updated in place wherever it is shown (the clicked card through
 *                    the interaction's answer where the surface replaces cards that way: Teams);
 *   to 'channel'     a new top-level message in the channel asked from.
 */
import type { Actor, Intent, Origin } from '../domain/intent';
import type { CardModel } from '../ports/card-model';
import type { ChatSurface, MessageRef } from '../ports/chat-surface';
import type { AppDeps, UseCaseResult } from './deps';

export type Reply =
  | { to: 'actor'; card: CardModel }
  | { to: 'thread'; card: CardModel; alertId?: string }
  | { to: 'alert-card'; card: CardModel; alertId: string }
  | { to: 'channel'; card: CardModel };

/**
 * What the interaction being answered can carry back, provided by the entry point (Slack's
 * response_url, Teams' invoke response, the web page's HTTP answer). Each method returns false when
 * the answer is no longer open (Teams answers an invoke once, within its time).
 */
export interface InteractionResponse {
  /** Shows `card` to the actor alone as the answer to this interaction. */
  answerPrivately?(card: CardModel): boolean;
  /** Replaces the clicked card with `card` as the answer (surfaces with `replaceCardInResponse`). */
  replaceClickedCard?(card: CardModel): boolean;
}

/** Who asked, where, and what the interaction can carry back; absent for work nobody asked for (a Defender state change). */
export interface Asked {
  actor?: Actor;
  origin?: Origin;
  response?: InteractionResponse;
}

/** A dispatcher result as replies: the answer is the actor's own, the alert card is updated in place. */
export function repliesOf(result: Pick<UseCaseResult, 'reply' | 'alertCard'>, alertId?: string): Reply[] {
  const replies: Reply[] = [];
  if (result.reply) replies.push({ to: 'actor', card: result.reply });
  const cardAlertId = result.alertCard?.kind === 'alert' ? result.alertCard.alert.systemAlertId : alertId;
  if (result.alertCard && cardAlertId) replies.push({ to: 'alert-card', card: result.alertCard, alertId: cardAlertId });
  return replies;
}

/**
 * What every entry point does after the dispatcher: present the result where it belongs; the
 * slow part (already guarded by handleIntent) is returned for whoever tracks background work.
 */
export async function presentResult(result: UseCaseResult, asked: Asked & { intent?: Intent }, deps: AppDeps): Promise<{ followUp: Promise<void> }> {
  const alertId = asked.intent && 'alertId' in asked.intent ? asked.intent.alertId : undefined;
  await present(repliesOf(result, alertId), asked, deps);
  return { followUp: result.followUp ?? Promise.resolve() };
}

/** Carries out each reply in order; the refs of the messages posted (thread replies, new messages). */
export async function present(replies: Reply[], asked: Asked, deps: AppDeps): Promise<MessageRef[]> {
  const posted: MessageRef[] = [];
  for (const reply of replies) {
    if (reply.to === 'actor') await toActor(reply.card, asked, deps);
    else if (reply.to === 'alert-card') await updateAlertCard(reply.card, reply.alertId, asked, deps);
    else if (reply.to === 'thread') posted.push(...(await inThread(reply.card, reply.alertId, asked.origin, deps)));
    else if (asked.origin) {
      const message = await deps.surfaces[asked.origin.platform]?.post(asked.origin.channelId, reply.card);
      if (message) posted.push(message);
    }
  }
  return posted;
}

/** `present([{ to: 'thread', … }])` for the use cases' follow-ups. */
export function presentInThread(deps: AppDeps, alertId: string | undefined, card: CardModel, origin?: Origin): Promise<MessageRef[]> {
  return present([{ to: 'thread', card, alertId }], { origin }, deps);
}

async function toActor(card: CardModel, { actor, origin, response }: Asked, deps: AppDeps): Promise<void> {
  if (!actor || !origin) return;
  const surface = deps.surfaces[origin.platform];
  const inResponse = surface?.capabilities?.privateAnswerInResponse;
  const fits = inResponse === 'any-card' || (inResponse === 'notice-text' && card.kind === 'notice');
  if (fits && response?.answerPrivately?.(card)) return;
  await surface?.notifyUser?.({ channelId: origin.channelId, threadId: origin.threadId }, actor.userId, card);
}

/**
 * One path for every surface: each root showing the alert is updated; the clicked card through the
 * interaction's answer where the surface replaces cards that way. A clicked root this store does not
 * know (posted before a database reset) is updated too.
 */
async function updateAlertCard(card: CardModel, alertId: string, { origin, response }: Asked, deps: AppDeps): Promise<void> {
  const originSurface = origin ? deps.surfaces[origin.platform] : undefined;
  const replaced = Boolean(originSurface?.capabilities?.replaceCardInResponse && response?.replaceClickedCard?.(card));
  const roots = (await deps.store.messages.listForAlert(alertId)).filter((r) => r.role === 'root');
  const atOrigin = (r: MessageRef) => Boolean(origin && r.platform === origin.platform && r.channelId === origin.channelId);
  for (const root of roots) {
    if (replaced && atOrigin(root)) continue;
    await updateQuietly(deps.surfaces[root.platform], root, card, alertId, deps);
  }
  const clickedRoot = origin?.messageId && origin.messageId === origin.threadId ? origin.messageId : undefined;
  if (origin && clickedRoot && !replaced && !roots.some(atOrigin)) {
    await updateQuietly(originSurface, { platform: origin.platform, channelId: origin.channelId, messageId: clickedRoot, threadId: clickedRoot }, card, alertId, deps);
  }
}

async function updateQuietly(surface: ChatSurface | undefined, ref: MessageRef, card: CardModel, alertId: string, deps: AppDeps): Promise<void> {
  await surface?.update(ref, card).catch((err: unknown) => deps.logger.warn({ err, alertId, platform: ref.platform }, 'card update failed'));
}

/**
 * The alert's thread on the surface asked from (every surface showing the alert when nobody asked);
 * asked from outside the alert's thread (e.g. /investigate in another channel): answered there.
 */
async function inThread(card: CardModel, alertId: string | undefined, origin: Origin | undefined, deps: AppDeps): Promise<MessageRef[]> {
  const refs = alertId
    ? (await deps.store.messages.listForAlert(alertId)).filter(
        (r) => r.role === 'root' && (!origin || (r.platform === origin.platform && r.channelId === origin.channelId)),
      )
    : [];
  const options = alertId ? { alertId } : undefined;
  const posted: MessageRef[] = [];
  for (const root of refs) {
    const surface = deps.surfaces[root.platform];
    if (surface) posted.push(await surface.reply(root, card, options));
  }
  if (refs.length || !origin) return posted;
  const surface = deps.surfaces[origin.platform];
  if (!surface) return posted;
  const root: MessageRef | undefined = origin.threadId
    ? { platform: origin.platform, channelId: origin.channelId, messageId: origin.threadId, threadId: origin.threadId }
    : undefined;
  posted.push(root ? await surface.reply(root, card, options) : await surface.post(origin.channelId, card, options));
  return posted;
}
