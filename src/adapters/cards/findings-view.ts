/**
 * The alert card's Findings section: one line per investigation (Who, Related, Command), then the
 * triage suggestion. The lines carry alert-derived text (account names, IOCs, alert names): every
 * value goes through fact()/mdText, which escape it for Adaptive Card markdown (and Slack from that).
 */
import type { AlertCardState } from '../../ports/card-model';
import type { Budget } from './budget';
import { fact } from './facts';
import { mdText } from './text';

export function findingsViewData(state: AlertCardState, budget: Budget): Record<string, unknown> {
  const facts = (state.findings ?? []).slice(0, 3).flatMap((f) => fact(f.failed ? `${f.label} (failed)` : f.label, f.text, budget));
  const suggestion = mdText(state.suggestion, budget.text);
  return { hasFindings: facts.length > 0, findingFacts: facts, hasSuggestion: facts.length > 0 && suggestion.length > 0, suggestion };
}
