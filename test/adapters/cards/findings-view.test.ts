/**
 * The Findings section on the alert card: one line per investigation and the suggestion, valid
 * Adaptive Card 1.5 within the Teams limits, alert-derived text escaped on Teams and Slack alike.
 */
import { checkTeamsCardLimits } from '../../../src/adapters/cards/limits';
import { renderAdaptiveCard } from '../../../src/adapters/cards/render-adaptive-card';
import { renderBlockKit } from '../../../src/adapters/cards/render-block-kit';
import type { AlertCardState, CardModel } from '../../../src/ports/card-model';
import { adaptiveCardSchemaErrors } from '../../helpers/adaptive-card-schema';
import { flagshipAlert } from '../../helpers/alerts';

const NOW = new Date('2026-11-26T03:00:00Z');
const HOSTILE = '<!channel> [click](https://evil.example) **x** ${secret} <@U123>';

function card(state: Partial<AlertCardState>): CardModel {
  return { kind: 'alert', alert: flagshipAlert(), state: { status: 'Active', ...state } };
}

describe('the Findings section', () => {
  const findings = [
    { label: 'Who', text: `${HOSTILE} (local account) by RDP from 198.51.100.23`, failed: false },
    { label: 'Related', text: 'failed: Log Analytics timed out', failed: true },
    { label: 'Command', text: 'download-cradle; 203.0.113.45: unknown — not safe', failed: false },
  ];

  it('shows each line and the suggestion, valid 1.5 within the limits', () => {
    const ac = renderAdaptiveCard(card({ findings, suggestion: `Suggested: true positive, Medium — ${HOSTILE}` }), NOW);
    expect(adaptiveCardSchemaErrors(ac)).toEqual([]);
    expect(checkTeamsCardLimits(ac)).toEqual([]);
    const json = JSON.stringify(ac);
    expect(json).toContain('"text":"Findings"');
    expect(json).toMatch(/"title":"Related \\\\\(failed\\\\\)","value":"failed: Log Analytics timed out"/);
    expect(json).toContain('not a vote');
    // Escaped: no live markdown link, no template expansion of the alert's text.
    expect(json).not.toContain('[click](https://evil.example)');
    expect(json).toContain('$\\\\{secret\\\\}');
  });

  it('on Slack, alert text cannot mention the channel or a person', () => {
    const text = JSON.stringify(renderBlockKit(card({ findings, suggestion: `Suggested: true positive, Medium — ${HOSTILE}` }), NOW));
    expect(text).toContain('Findings');
    expect(text).not.toMatch(/<!channel>|<@U123>/);
  });

  it('has no section before any investigation answered', () => {
    expect(JSON.stringify(renderAdaptiveCard(card({}), NOW))).not.toContain('"text":"Findings"');
  });

  it('SUGGEST_PRESELECT: the severity choice starts at the suggested severity; without it, at the alert\'s', () => {
    const choice = (s: Partial<AlertCardState>) => /"id":"severity"[^}]*?"value":"(\w+)"/.exec(JSON.stringify(renderAdaptiveCard(card(s), NOW)))?.[1];
    expect(choice({ findings, preselectSeverity: 'High' })).toBe('High');
    expect(choice({ findings })).toBe(flagshipAlert().severity);
  });
});
