/**
 * The alert card names its customer (CUSTOMERS): "Customer: Contoso" first among the where facts,
 * escaped as any text, and absent without CUSTOMERS; the largest card with it still fits Teams'
 * 28 KB and Slack's Block Kit limits, and the card without it is what it was.
 */
import { checkBlockKitLimits, checkTeamsCardLimits } from '../../../src/adapters/cards/limits';
import { renderAdaptiveCard } from '../../../src/adapters/cards/render-adaptive-card';
import { renderBlockKit } from '../../../src/adapters/cards/render-block-kit';
import type { Alert } from '../../../src/domain/alert';
import type { AlertCardState, CardModel } from '../../../src/ports/card-model';
import { adaptiveCardSchemaErrors } from '../../helpers/adaptive-card-schema';
import { flagshipAlert } from '../../helpers/alerts';
import { cardTexts, unescapeMd } from './card-walk';

const NOW = new Date('2026-11-26T02:28:04.000Z');
const model = (alert: Alert, state: Partial<AlertCardState> = {}): CardModel => ({ kind: 'alert', alert, state: { status: alert.status, ...state } });

it('shows "Customer" with the name on Teams and Slack, and nothing of it without a customer', () => {
  const teams = renderAdaptiveCard(model(flagshipAlert(), { customer: 'Contoso' }), NOW);
  expect(adaptiveCardSchemaErrors(teams)).toEqual([]);
  const facts = JSON.stringify(teams);
  expect(facts).toMatch(/"title":"Customer","value":"Contoso"/);
  expect(JSON.stringify(renderBlockKit(model(flagshipAlert(), { customer: 'Contoso' }), NOW))).toMatch(/Customer.*Contoso/);
  const without = renderAdaptiveCard(model(flagshipAlert()), NOW);
  expect(JSON.stringify(without)).not.toMatch(/"title":"Customer"/);
  // One fact more, nothing else changed.
  expect(cardTexts(teams).length).toBe(cardTexts(without).length + 1);
  expect(cardTexts(teams)).toContain("Contoso");
});

it('escapes the name like any text (markdown does not turn into formatting or links)', () => {
  const card = renderAdaptiveCard(model(flagshipAlert(), { customer: 'Contoso *Ltd* [x](https://evil.example)' }), NOW);
  const shown = cardTexts(card).find((t) => unescapeMd(t).includes('Contoso *Ltd*'));
  expect(shown).toBeDefined();
  expect(shown).not.toBe('Contoso *Ltd* [x](https://evil.example)');
});

it('the largest card with a customer still fits 28 KB on Teams and the Block Kit limits on Slack', () => {
  const huge = flagshipAlert({ description: 'x'.repeat(60_000), tactics: Array.from({ length: 300 }, (_, i) => `Tactic ${i} ${'y'.repeat(50)}`) });
  const state = { customer: 'C'.repeat(500), groupCount: 1000, snooze: { until: '2026-11-26T04:00:00Z', by: 'z'.repeat(5000) } };
  expect(checkTeamsCardLimits(renderAdaptiveCard(model(huge, state), NOW))).toEqual([]);
  expect(checkBlockKitLimits(renderBlockKit(model(huge, state), NOW))).toEqual([]);
});
