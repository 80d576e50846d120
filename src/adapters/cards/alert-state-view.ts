/** The triage state on an alert card (running investigations, votes, decision) and its storm section. */
import { VERDICTS } from '../../domain/intent';
import type { AlertCardState, DecisionView, TallyView } from '../../ports/card-model';
import { VERDICT_LABELS } from './alert-buttons';
import type { Budget } from './budget';
import { capList } from './budget';
import { fact, type Fact } from './facts';
import { oneLine, toText } from './text';
import { utcText } from './when';

export function alertStateFacts(state: AlertCardState, budget: Budget): Fact[] {
  return [
    ...fact('Running', (state.running ?? []).map((r) => `${oneLine(r)}…`).join(', '), budget),
    ...(state.tally ? tallyFacts(state.tally, budget) : []),
    ...(state.decision ? fact('Decision', decisionText(state.decision), budget) : []),
    ...(state.decision?.reopeners ? fact('Reopen', `Voting is closed; ${oneLine(state.decision.reopeners)}`, budget) : []),
  ];
}

/**
 * The storm section, next to the group counter: how many alerts the card stands for, how many a
 * snooze held back, and the snooze itself (who set it, when it ends).
 */
export function stormFacts(state: AlertCardState, budget: Budget): Fact[] {
  const count = Number(state.groupCount) || 0;
  const held = Number(state.snoozedCount) || 0;
  const group = count > 1 ? `${count} alerts of this type on this resource; later ones go to this thread` : '';
  return [
    ...fact('Storm', group + (held > 0 ? ` · ${held} held back by a snooze (stored and counted, not posted)` : ''), budget),
    ...(state.snooze ? fact('Snoozed', `until ${utcText(toText(state.snooze.until)) || toText(state.snooze.until)} by ${toText(state.snooze.by)}`, budget) : []),
  ];
}

function tallyFacts(tally: TallyView, budget: Budget): Fact[] {
  const counts = VERDICTS.map((v) => `${VERDICT_LABELS[v]}: ${Number(tally.counts[v]) || 0}`).join(' · ');
  const { shown, more } = capList(tally.votes, budget.items);
  const who = shown.map((v) => `${oneLine(v.voter)} → ${VERDICT_LABELS[v.verdict] ?? oneLine(v.verdict)}${v.severity ? ` (${oneLine(v.severity)})` : ''}`);
  if (more > 0) who.push(`+${more} more`);
  return [...fact('Votes', `${counts} (quorum ${Number(tally.quorum) || 0})`, budget), ...fact('Voted', who.join('; '), budget)];
}

function decisionText(d: DecisionView): string {
  const severity = d.severity ? ` (${oneLine(d.severity)})` : '';
  const by = d.decidedBy.map(oneLine).join(', ') || 'unknown';
  return `${VERDICT_LABELS[d.verdict] ?? oneLine(d.verdict)}${severity}, decided by ${by} at ${utcText(toText(d.at)) || toText(d.at)}`;
}
