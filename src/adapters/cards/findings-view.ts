/**
 * The alert card's Findings section: one line per investigation (Who, Related, Command), each with
 * a link to its full answer in the thread when the surface can make one, then the triage
 * suggestion. The lines carry alert-derived text (account names, IOCs, alert names): every value
 * goes through mdLine/mdText, which escape it for Adaptive Card markdown (and Slack from that); the
 * only live markdown here is our own link, whose URL the surface's AnswerLink built.
 */
import type { AlertCardState } from '../../ports/card-model';
import type { AnswerLink } from './answer-links';
import type { Budget } from './budget';
import type { Fact } from './facts';
import { mdLine, mdText } from './text';

/** The label of the link to a line's full answer (Slack's rendering turns it into `<url|label>`). */
export const ANSWER_LINK_LABEL = 'full answer';

export function findingsViewData(state: AlertCardState, budget: Budget, link?: AnswerLink): Record<string, unknown> {
  const facts = (state.findings ?? []).slice(0, 3).flatMap((f): Fact[] => {
    const text = mdLine(f.text, budget.line);
    if (!text) return [];
    const url = link && f.answers?.length ? safeLinkUrl(link(f.answers)) : undefined;
    return [{ title: mdLine(f.failed ? `${f.label} (failed)` : f.label, 80), value: url ? `${text} · [${ANSWER_LINK_LABEL}](${url})` : text }];
  });
  const suggestion = mdText(state.suggestion, budget.text);
  return { hasFindings: facts.length > 0, findingFacts: facts, hasSuggestion: facts.length > 0 && suggestion.length > 0, suggestion };
}

/** Nothing that could end the markdown link early or be read as markup, and nothing long. */
function safeLinkUrl(url: string | undefined): string | undefined {
  return url && url.length <= 500 && /^(https:\/\/|#)[^\s()<>[\]\\`*|]*$/.test(url) ? url : undefined;
}
