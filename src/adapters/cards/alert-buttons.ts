/**
 * The alert card's buttons, encoded ONLY through the action codec so a button and its handler
 * cannot drift apart. Each is an Action.Execute (verb + data) whose fallback is an Action.Submit
 * carrying the same data plus the verb, so clients without Universal Actions reach the same handler.
 */
import { encodeAction } from '../../domain/action-codec';
import type { Intent, InvestigationKind, Verdict } from '../../domain/intent';

export interface CardButton {
  title: string;
  verb: string;
  data: Record<string, string>;
  submitData: Record<string, string>;
}

const INVESTIGATIONS: { kind: InvestigationKind; title: string }[] = [
  { kind: 'identity', title: 'Who?' },
  { kind: 'correlation', title: 'Correlate' },
  { kind: 'analyze', title: 'Analyze' },
];

const VOTES: { verdict: Verdict; title: string }[] = [
  { verdict: 'true-positive', title: 'True positive' },
  { verdict: 'benign-positive', title: 'Benign positive' },
  { verdict: 'false-positive', title: 'False positive' },
];

export function button(title: string, intent: Intent): CardButton {
  const { verb, data } = encodeAction(intent);
  return { title, verb, data, submitData: { ...data, verb } };
}

/** The snooze lengths offered on a group card (minutes). */
export const SNOOZES: { minutes: number; title: string }[] = [
  { minutes: 60, title: 'Snooze 1 h' },
  { minutes: 240, title: 'Snooze 4 h' },
  { minutes: 1440, title: 'Snooze 24 h' },
];

/** The snoozes up to `maxMinutes` (SNOOZE_MAX_HOURS); a shorter maximum is offered as a button of its own. */
export function snoozeButtons(alertId: string, maxMinutes = 24 * 60): CardButton[] {
  const offered = SNOOZES.filter((s) => s.minutes <= maxMinutes);
  if (!offered.some((s) => s.minutes === maxMinutes) && maxMinutes < SNOOZES[SNOOZES.length - 1]!.minutes) {
    offered.push({ minutes: maxMinutes, title: `Snooze ${Math.round(maxMinutes / 60)} h` });
  }
  return offered.map(({ minutes, title }) => button(title, { kind: 'snooze', alertId, minutes }));
}

export function alertButtons(alertId: string): { investigateActions: CardButton[]; voteActions: CardButton[] } {
  return {
    investigateActions: INVESTIGATIONS.map(({ kind, title }) => button(title, { kind: 'investigate', investigation: kind, alertId })),
    voteActions: VOTES.map(({ verdict, title }) => button(title, { kind: 'vote', verdict, alertId })),
  };
}

/** On a decided card the vote buttons give way to this one (the use case checks who may). */
export function reopenButtons(alertId: string): CardButton[] {
  return [button('Reopen', { kind: 'reopen', alertId })];
}

export const VERDICT_LABELS: Record<Verdict, string> = {
  'true-positive': 'True positive',
  'benign-positive': 'Benign positive',
  'false-positive': 'False positive',
};
