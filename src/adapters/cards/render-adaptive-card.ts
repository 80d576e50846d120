/**
 * CardModel → Adaptive Card 1.5 (Teams, the local web channel; Slack renders from this too).
 *
 * Each model kind has a template in cards/. The view modules turn the model into template data
 * (strings escaped for markdown, cut to a budget); the template is expanded once. If the card is
 * over the Teams size limit the budget steps down and the card is rebuilt; a card that still does
 * not fit at the smallest budget is replaced by a minimal one, so every output fits.
 */
import type { CardModel } from '../../ports/card-model';
import type { AdaptiveCard } from './adaptive-card';
import { CARD_VERSION } from './adaptive-card';
import { alertViewData } from './alert-view';
import type { AnswerLink } from './answer-links';
import { BUDGETS, type Budget } from './budget';
import { customViewData } from './custom-view';
import { investigationViewData } from './investigation-view';
import { cardBytes, TEAMS } from './limits';
import { noticeViewData } from './notice-view';
import { expandTemplate } from './templates';
import { mdLine, mdText, plainLine } from './text';

export type { AdaptiveCard } from './adaptive-card';

/**
 * `now` is the moment relative times ("12 min ago") are computed from; tests pass their own.
 * `answerLink`: how the surface showing the card links to a findings line's answer in the thread.
 */
export function renderAdaptiveCard(model: CardModel, now: Date = new Date(), answerLink?: AnswerLink): AdaptiveCard {
  for (const budget of BUDGETS) {
    const card = expandModel(model, now, budget, answerLink);
    if (cardBytes(card) <= TEAMS.maxCardBytes) return card;
  }
  return minimalCard(model);
}

function expandModel(model: CardModel, now: Date, budget: Budget, answerLink?: AnswerLink): AdaptiveCard {
  switch (model.kind) {
    case 'alert':
      return expandTemplate('alert', alertViewData(model.alert, model.state, now, budget, answerLink));
    case 'investigation-result':
      return expandTemplate('investigation-result', investigationViewData(model.result, budget));
    case 'query-list':
      return expandTemplate('query-list', {
        fallbackText: plainLine(model.list.title, 300),
        title: mdLine(model.list.title, 200),
        queries: model.list.queries.slice(0, 12).map((q) => ({ name: mdLine(`${q.name} · ${q.timespan}`, 160), query: mdText(q.query, budget.kql) })),
      });
    case 'notice':
      return expandTemplate('notice', noticeViewData(model.title, model.text, model.tone, budget, model.markdown === true));
    case 'custom':
      return withFallbackText(expandTemplate(model.template, customViewData(model.data, budget)), model.fallbackText);
  }
}

function withFallbackText(card: AdaptiveCard, text: string): AdaptiveCard {
  return { ...card, fallbackText: plainLine(text, 300) };
}

/** The last resort for a model whose content cannot fit: say so, keep the alert's buttons. */
function minimalCard(model: CardModel): AdaptiveCard {
  const smallest = BUDGETS[BUDGETS.length - 1]!;
  const full = expandModel(model, new Date(0), { ...smallest, text: 0, line: 40, items: 0, command: 0, cell: 0, kql: 0 });
  const actions = full.body.filter((e) => e.type === 'ActionSet');
  const title = full.body.find((e) => e.type === 'TextBlock' || e.type === 'Container');
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    version: CARD_VERSION,
    msteams: { width: 'Full' },
    fallbackText: full.fallbackText ?? 'card too large',
    body: [
      ...(title ? [title] : []),
      { type: 'TextBlock', text: mdLine('This card was too large to show; open the alert in the portal.', 100), color: 'warning', wrap: true },
      ...actions,
    ],
  };
  return cardBytes(card) <= TEAMS.maxCardBytes ? card : { ...card, body: card.body.slice(1) };
}
