/**
 * The renderers under hostile alerts: every raw alert that normalizes, in every card state (votes
 * and a decision by hostile voter names, storm counter, snooze, running investigations, a notice),
 * and investigation results whose rows come from the attacker's machine, render to a Slack message
 * and an Adaptive Card that keep every limit and escaping rule (see output-checks.ts).
 */
import fc from 'fast-check';
import { renderAdaptiveCard } from '../../src/adapters/cards/render-adaptive-card';
import { renderBlockKit } from '../../src/adapters/cards/render-block-kit';
import type { Alert } from '../../src/domain/alert';
import { normalizeAlerts } from '../../src/domain/normalize';
import type { AlertCardState, CardModel, InvestigationResultView } from '../../src/ports/card-model';
import { anyHostile, hostileString, runs } from './hostile-text';
import { adaptiveCardProblems, slackProblems } from './output-checks';
import { hostileRawAlert } from './raw-alerts';

function normalized(raw: unknown): Alert[] {
  try {
    return normalizeAlerts(raw);
  } catch {
    return []; // refusals are the normalizer suite's business
  }
}

const cardState: fc.Arbitrary<AlertCardState> = fc.record(
  {
    status: fc.constantFrom('Active', 'InProgress', 'Resolved', 'Dismissed'),
    tally: fc.record({
      counts: fc.record({ 'true-positive': fc.nat(50), 'benign-positive': fc.nat(50), 'false-positive': fc.nat(50) }),
      votes: fc.array(
        fc.record({ voter: anyHostile, verdict: fc.constantFrom('true-positive', 'benign-positive', 'false-positive'), severity: fc.option(anyHostile, { nil: undefined }), comment: fc.option(anyHostile, { nil: undefined }), at: fc.constant('2026-11-26T02:20:00.000Z') }),
        { maxLength: 70 },
      ),
      quorum: fc.integer({ min: 1, max: 50 }),
    }),
    decision: fc.record({ verdict: fc.constantFrom('true-positive', 'benign-positive', 'false-positive'), severity: fc.option(anyHostile, { nil: undefined }), decidedBy: fc.array(anyHostile, { maxLength: 70 }), at: fc.constant('2026-11-26T02:30:00.000Z') }),
    groupCount: fc.integer({ min: 1, max: 1_000_000 }),
    snooze: fc.record({ until: fc.constant('2026-11-26T04:00:00.000Z'), by: anyHostile }),
    running: fc.array(fc.constantFrom('Who?', 'Correlate', 'Analyze'), { maxLength: 3 }),
    notice: anyHostile,
  },
  { requiredKeys: ['status'] },
) as fc.Arbitrary<AlertCardState>;

const investigationResult: fc.Arbitrary<InvestigationResultView> = fc.record({
  alertId: fc.option(anyHostile, { nil: undefined }),
  title: anyHostile,
  answer: anyHostile,
  status: fc.constantFrom('ok', 'partial', 'no-rows', 'failed', 'not-collected'),
  tables: fc.array(
    fc.record({ title: anyHostile, columns: fc.array(hostileString, { maxLength: 12 }), rows: fc.array(fc.array(anyHostile, { maxLength: 12 }), { maxLength: 60 }), truncated: fc.boolean() }),
    { maxLength: 6 },
  ),
  queries: fc.array(fc.record({ name: anyHostile, query: anyHostile }), { maxLength: 12 }),
  links: fc.array(fc.record({ label: anyHostile, href: fc.oneof(anyHostile, fc.webUrl(), fc.constant('javascript:alert(1)')) }), { maxLength: 8 }),
  facts: fc.option(fc.array(fc.record({ title: anyHostile, value: anyHostile }), { maxLength: 20 }), { nil: undefined }),
  // Coverage carries table names and failure reasons (a workspace's error text), and a docs link.
  coverage: fc.option(
    fc.array(
      fc.record({
        source: anyHostile,
        query: anyHostile,
        title: anyHostile,
        outcome: fc.constantFrom('rows', 'no-rows', 'partial', 'not-collected', 'failed'),
        rows: fc.nat(),
        detail: fc.option(anyHostile, { nil: undefined }),
        setting: fc.option(anyHostile, { nil: undefined }),
        docsUrl: fc.option(fc.oneof(anyHostile, fc.webUrl(), fc.constant('javascript:alert(1)')), { nil: undefined }),
      }),
      { maxLength: 20 },
    ),
    { nil: undefined },
  ),
}) as fc.Arbitrary<InvestigationResultView>;

function problemsOf(model: CardModel): { slack: string[]; teams: string[] } {
  // Slack both ways: text lines, and the first compact table as Slack's table block.
  const slack = [...slackProblems(renderBlockKit(model)), ...slackProblems(renderBlockKit(model, undefined, { tables: true }))];
  return { slack, teams: adaptiveCardProblems(renderAdaptiveCard(model)) };
}

const none = { slack: [], teams: [] };

describe('renderers: hostile alerts in every card state', () => {
  it('an alert card keeps limits and escaping on Slack and Teams', () => {
    fc.assert(
      fc.property(hostileRawAlert, cardState, ({ raw }, state) => {
        for (const alert of normalized(raw)) expect(problemsOf({ kind: 'alert', alert, state })).toEqual(none);
      }),
      runs(25),
    );
  });

  it('an investigation result with rows from the attacker machine keeps limits and escaping', () => {
    fc.assert(
      fc.property(investigationResult, (result) => {
        expect(problemsOf({ kind: 'investigation-result', result })).toEqual(none);
      }),
      runs(25),
    );
  });
});
