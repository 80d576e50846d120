/**
 * A CardModel as Teams receives it: the shared Adaptive Card rendering plus, on alert cards, a
 * Universal Actions `refresh` so everyone looking at the card sees the current status and tally.
 * Teams refreshes automatically only for the listed users (at most 60); everyone else gets the
 * card's manual refresh. The card stays within Teams' size budget either way.
 */
import { encodeAction } from '../../domain/action-codec';
import type { CardModel } from '../../ports/card-model';
import { teamsAnswerLink } from '../cards/answer-links';
import { cardBytes, TEAMS } from '../cards/limits';
import { renderAdaptiveCard, type AdaptiveCard } from '../cards/render-adaptive-card';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export function teamsCard(model: CardModel, refreshUserIds: readonly string[] = [], now?: Date): AdaptiveCard {
  const card = renderAdaptiveCard(model, now, teamsAnswerLink());
  if (model.kind !== 'alert') return card;
  const { verb, data } = encodeAction({ kind: 'refresh', alertId: model.alert.systemAlertId });
  let userIds = refreshUserIds.slice(0, TEAMS.refreshUserIds);
  for (;;) {
    const refreshed: AdaptiveCard = {
      ...card,
      refresh: { action: { type: 'Action.Execute', title: 'Refresh', verb, data }, ...(userIds.length ? { userIds } : {}) },
    };
    if (cardBytes(refreshed) <= TEAMS.maxCardBytes) return refreshed;
    if (!userIds.length) return card;
    userIds = userIds.slice(0, Math.floor(userIds.length / 2));
  }
}

/** The message activity that carries a card (the text is what notifications and old clients show). */
export function cardActivity(card: AdaptiveCard): Record<string, unknown> {
  return {
    type: 'message',
    summary: typeof card.fallbackText === 'string' ? card.fallbackText.slice(0, 200) : undefined,
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
  };
}

/** Invoke answer for Action.Execute: replaces the clicked card with `card`. */
export function cardInvokeResponse(card: AdaptiveCard): { status: number; body: unknown } {
  return { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card } };
}

/** Invoke answer that leaves the clicked card as it is and shows a short message. */
export function messageInvokeResponse(text: string): { status: number; body: unknown } {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text.slice(0, 500) } };
}
