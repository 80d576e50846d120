/**
 * Card buttons: Action.Execute invokes (`adaptiveCard/action`) and the Action.Submit fallback
 * (a message whose `value` carries the verb) go through one handler. It decodes with the shared
 * codec, asks the dispatcher, answers with the alert card as it is now (Action.Execute replaces
 * the clicked card with the answer, so the answer must be the card, never a notice), and posts the
 * dispatcher's reply in the alert's thread. Teams waits ~15 s for an invoke answer: if the use
 * case is slower, we answer with the current card and post its reply when it arrives.
 *
 * A private answer (a refusal, a result asked for outside the triage channels) is never posted in
 * the thread: it is the invoke answer's message, which only the clicker sees, and it leaves the
 * card as it was.
 */
import { decodeAction } from '../../domain/action-codec';
import type { IntentRequest, Origin } from '../../domain/intent';
import { alertCard } from '../../app/alert-card';
import type { AppDeps, UseCaseResult } from '../../app/deps';
import { handleIntent } from '../../app/handle-intent';
import { postInAlertThread } from '../../app/post-in-thread';
import type { CardModel } from '../../ports/card-model';

export interface ActionOutcome {
  /** The card that replaces the clicked one (alert actions). */
  card?: CardModel;
  /** Short text shown to the clicker when there is no card to answer with. */
  message?: string;
  /** Posted in the thread after the answer (the use case's reply, a follow-up). */
  afterAnswer: Promise<void>;
}

export const INVOKE_ANSWER_WITHIN_MS = 8000;

export async function runCardAction(
  verb: string,
  data: unknown,
  request: Omit<IntentRequest, 'intent'>,
  deps: AppDeps,
  answerWithinMs = INVOKE_ANSWER_WITHIN_MS,
  /** false for Action.Submit: there is no invoke answer to carry a private message. */
  viaInvoke = true,
): Promise<ActionOutcome> {
  const decoded = decodeAction(verb, data);
  if (!decoded.ok) return { message: `That button is not understood (${decoded.reason}); nothing was changed.`, afterAnswer: Promise.resolve() };
  const intent = decoded.intent;
  // "Show queries" sits on a result card, not on the alert card: the clicked card stays as it is.
  const alertId = 'alertId' in intent && intent.kind !== 'show-queries' ? intent.alertId : undefined;

  const working = handleIntent({ ...request, intent }, deps);
  const result = await Promise.race([working, delay(answerWithinMs)]);
  if (!result) {
    const late = working.then((r) => deliverReply(r, alertId, request, deps));
    return { card: alertId ? await alertCard(alertId, deps) : undefined, message: 'Working on it…', afterAnswer: guard(late, deps) };
  }
  if (result.private) {
    const told = viaInvoke || !result.reply ? Promise.resolve() : replyPrivately(result.reply, request, deps);
    return { message: noticeText(result.reply) ?? 'Done.', afterAnswer: guard(told.then(() => result.followUp), deps) };
  }
  if (intent.kind === 'refresh') return { card: result.alertCard, afterAnswer: Promise.resolve() };
  const card = result.alertCard ?? (alertId ? await alertCard(alertId, deps) : undefined);
  return {
    card: alertId ? card : undefined,
    message: alertId ? undefined : noticeText(result.reply),
    afterAnswer: guard(deliverReply(result, alertId, request, deps), deps),
  };
}

/** The reply goes in the alert's thread (or where the click came from), or to the clicker alone; then the slow part. */
async function deliverReply(result: UseCaseResult, alertId: string | undefined, request: Omit<IntentRequest, 'intent'>, deps: AppDeps): Promise<void> {
  const { origin } = request;
  if (result.reply && result.private) await replyPrivately(result.reply, request, deps);
  else if (result.reply) {
    if (alertId) await postInAlertThread(deps, alertId, result.reply, origin);
    else await replyAtOrigin(result.reply, origin, deps);
  }
  await result.followUp;
}

/** Only the asker sees it: their personal chat with the bot (TeamsSurface.notifyUser). */
export async function replyPrivately(card: CardModel, { origin, actor }: Omit<IntentRequest, 'intent'>, deps: AppDeps): Promise<void> {
  await deps.surfaces.teams?.notifyUser?.({ channelId: origin.channelId, threadId: origin.threadId }, actor.userId, card);
}

export async function replyAtOrigin(card: CardModel, origin: Origin, deps: AppDeps): Promise<void> {
  const surface = deps.surfaces.teams;
  if (!surface) return;
  if (origin.threadId) {
    await surface.reply({ platform: 'teams', channelId: origin.channelId, messageId: origin.threadId, threadId: origin.threadId }, card);
  } else {
    await surface.post(origin.channelId, card);
  }
}

function noticeText(card: CardModel | undefined): string | undefined {
  return card?.kind === 'notice' ? card.text : undefined;
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}

function guard(work: Promise<void>, deps: AppDeps): Promise<void> {
  return work.catch((err: unknown) => deps.logger.error({ err }, 'Teams: posting the answer to a card action failed'));
}
