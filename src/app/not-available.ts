import type { Intent } from '../domain/intent';
import type { UseCaseResult } from './deps';

/** Which part of the product brings each action: shown when that part is not built in yet. */
const PLANNED: Partial<Record<Intent['kind'], string>> = {
  investigate: 'investigations (Who?, Correlate, Analyze)',
  'investigate-target': 'investigations (/investigate)',
  vote: 'triage votes',
  'vote-form': 'triage votes',
  handoff: 'shift handoff',
  'handoff-note': 'shift handoff',
  'handoff-ack': 'shift handoff',
  'triage-list': 'the triage list',
  snooze: 'alert storms and snoozing',
};

export async function notAvailable(intent: Intent): Promise<UseCaseResult> {
  const what = PLANNED[intent.kind] ?? `the "${intent.kind}" action`;
  return {
    reply: {
      kind: 'notice',
      tone: 'warning',
      title: 'Not available yet',
      text: `This bot does not include ${what} yet. The click was received and nothing was changed.`,
    },
  };
}
