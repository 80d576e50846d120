/**
 * Card buttons: Action.Execute invokes (`adaptiveCard/action`) and the Action.Submit fallback
 * (a message whose `value` carries the verb) go through one handler: decode with the shared codec,
 * dispatch, hand the result to the presenter (app/present.ts). The invoke answer is this
 * interaction's response (`InvokeAnswer`): it carries one thing — the clicker's private notice
 * (its message, shown to the clicker alone: Teams has no ephemeral message in a channel), or else
 * the card that replaces the clicked one. Teams waits ~15 s for an invoke answer: if the use case
 * is slower, we answer "Working on it…" and present its result when it arrives.
 */
import { decodeAction } from '../../domain/action-codec';
import type { IntentRequest } from '../../domain/intent';
import type { AppDeps } from '../../app/deps';
import { answerIntent } from '../../app/answer-intent';
import type { InteractionResponse } from '../../app/present';
import type { CardModel } from '../../ports/card-model';

export interface ActionOutcome {
  /** The card that replaces the clicked one (alert actions). */
  card?: CardModel;
  /** Short text shown to the clicker when there is no card to answer with. */
  message?: string;
  /** The presenting that goes on after the answer (a late result, the use case's follow-up). */
  afterAnswer: Promise<void>;
}

export const INVOKE_ANSWER_WITHIN_MS = 8000;

/** An invoke is answered once: the first private notice, else the card; nothing once it is closed. */
class InvokeAnswer implements InteractionResponse {
  card?: CardModel;
  message?: string;

  constructor(private open: boolean) {}

  answerPrivately(card: CardModel): boolean {
    if (!this.open || this.message !== undefined || card.kind !== 'notice') return false;
    this.message = card.text;
    return true;
  }

  replaceClickedCard(card: CardModel): boolean {
    if (!this.open || this.message !== undefined) return false;
    this.card = card;
    return true;
  }

  close(): void {
    this.open = false;
  }
}

export async function runCardAction(
  verb: string,
  data: unknown,
  request: Omit<IntentRequest, 'intent'>,
  deps: AppDeps,
  answerWithinMs = INVOKE_ANSWER_WITHIN_MS,
  /** false for Action.Submit: there is no invoke answer to carry anything. */
  viaInvoke = true,
): Promise<ActionOutcome> {
  const decoded = decodeAction(verb, data);
  if (!decoded.ok) return { message: `That button is not understood (${decoded.reason}); nothing was changed.`, afterAnswer: Promise.resolve() };
  const response = new InvokeAnswer(viaInvoke);
  const working = answerIntent({ ...request, intent: decoded.intent }, deps, response);
  const answered = await Promise.race([working, delay(answerWithinMs)]);
  // Whatever the presenter gave the invoke answer so far is the answer; the rest it shows elsewhere.
  response.close();
  const afterAnswer = answered ? answered.followUp : working.then(({ followUp }) => followUp);
  const stillWorking = !answered && response.card === undefined && response.message === undefined;
  return { card: response.card, message: stillWorking ? 'Working on it…' : response.message, afterAnswer: guard(afterAnswer, deps) };
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}

function guard(work: Promise<void>, deps: AppDeps): Promise<void> {
  return work.catch((err: unknown) => deps.logger.error({ err }, 'Teams: presenting the answer to a card action failed'));
}
