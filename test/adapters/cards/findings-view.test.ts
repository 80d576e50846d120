/**
 * The Findings section on the alert card: one line per investigation and the suggestion, valid
 * Adaptive Card 1.5 within the Teams limits, alert-derived text escaped on Teams and Slack alike.
 */
import { slackAnswerLink, teamsAnswerLink, webAnswerLink } from '../../../src/adapters/cards/answer-links';
import { checkTeamsCardLimits } from '../../../src/adapters/cards/limits';
import { renderAdaptiveCard } from '../../../src/adapters/cards/render-adaptive-card';
import { renderBlockKit } from '../../../src/adapters/cards/render-block-kit';
import type { AlertCardState, CardModel } from '../../../src/ports/card-model';
import type { MessageRef } from '../../../src/ports/chat-surface';
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

  describe('each line links to its full answer in the thread, per surface', () => {
    const WEB_ID = 'web-0b6c7c2e-5d7e-4a57-9d4e-1f2a3b4c5d6e';
    const answers: MessageRef[] = [
      { platform: 'slack', channelId: 'C0SOC', messageId: '1764126000.000200', threadId: '1764126000.000100' },
      { platform: 'teams', channelId: '19:abc@thread.tacv2', messageId: '1764126000222', threadId: '1764126000111' },
      { platform: 'web', channelId: 'soc', messageId: WEB_ID, threadId: 'web-root' },
    ];
    const linked = [{ label: 'Who', text: `${HOSTILE} by RDP`, failed: false, answers }];

    it('Slack: a permalink from the workspace URL, the channel and the answer\'s ts, in the thread', () => {
      const blocks = JSON.stringify(renderBlockKit(card({ findings: linked }), NOW, { answerLink: slackAnswerLink(() => 'https://acme.slack.com/') }));
      expect(blocks).toContain('<https://acme.slack.com/archives/C0SOC/p1764126000000200?thread_ts=1764126000.000100&amp;cid=C0SOC|full answer>');
      expect(blocks).not.toContain('<https://evil.example'); // the alert's own "link" stays text
      expect(blocks).not.toMatch(/<!channel>|<@U123>/);
      // No workspace URL (auth.test not answered) or a URL that is not https: no link, the line still shows.
      for (const base of [undefined, 'http://acme.slack.com/', 'javascript:alert(1)']) {
        const plain = JSON.stringify(renderBlockKit(card({ findings: linked }), NOW, { answerLink: slackAnswerLink(() => base) }));
        expect(plain).not.toContain('full answer');
        expect(plain).toContain('by RDP');
      }
    });

    it('Teams: a link to the reply message in its thread; the local channel: an anchor on the reply', () => {
      const teams = renderAdaptiveCard(card({ findings: linked }), NOW, teamsAnswerLink());
      expect(adaptiveCardSchemaErrors(teams)).toEqual([]);
      expect(JSON.stringify(teams)).toContain('[full answer](https://teams.microsoft.com/l/message/19%3Aabc%40thread.tacv2/1764126000222?parentMessageId=1764126000111)');
      expect(JSON.stringify(renderAdaptiveCard(card({ findings: linked }), NOW, webAnswerLink()))).toContain(`[full answer](#message-${WEB_ID})`);
    });

    it('makes no link from a ref that does not have its platform\'s shape, nor without a ref for this surface', () => {
      const odd: MessageRef[] = [
        { platform: 'slack', channelId: 'C0SOC/../x', messageId: '1764126000.000200', threadId: '1' },
        { platform: 'teams', channelId: '19:a)[x](https://evil.example', messageId: '1', threadId: '1' },
        { platform: 'web', channelId: 'soc', messageId: 'web-"onclick', threadId: 'x' },
      ];
      const findingsOdd = [{ label: 'Who', text: 'x', failed: false, answers: odd }];
      expect(JSON.stringify(renderBlockKit(card({ findings: findingsOdd }), NOW, { answerLink: slackAnswerLink(() => 'https://acme.slack.com/') }))).not.toContain('full answer');
      expect(JSON.stringify(renderAdaptiveCard(card({ findings: findingsOdd }), NOW, teamsAnswerLink()))).not.toContain('full answer');
      expect(JSON.stringify(renderAdaptiveCard(card({ findings: findingsOdd }), NOW, webAnswerLink()))).not.toContain('full answer');
      const slackOnly = [{ label: 'Who', text: 'x', failed: false, answers: answers.slice(0, 1) }];
      expect(JSON.stringify(renderAdaptiveCard(card({ findings: slackOnly }), NOW, teamsAnswerLink()))).not.toContain('full answer');
    });
  });
});
