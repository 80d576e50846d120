/**
 * The app's features as values: which use case answers each Intent, and what each feature adds
 * to the alert card. The composition root builds them (appFeatures) and passes them in AppDeps;
 * a test can pass its own. Nothing registers itself at import, so no test has to remember to.
 */
import { ALERT_CARD_STATE } from './card-state';
import { castVote } from './cast-vote';
import type { AppFeatures, UseCaseRegistry } from './deps';
import { acknowledgeHandoff, addHandoffNote, requestHandoff } from './handoff';
import { investigate } from './investigate';
import { investigateTarget } from './investigate-target';
import { refreshCard } from './refresh-card';
import { reopenDecision } from './reopen-decision';
import { showHelp } from './show-help';
import { showQueries } from './show-queries';
import { snoozeStorm } from './snooze-storm';
import { triageList } from './triage-list';

export const USE_CASES: UseCaseRegistry = Object.freeze({
  help: showHelp,
  vote: castVote,
  reopen: reopenDecision,
  handoff: requestHandoff,
  'handoff-note': addHandoffNote,
  'handoff-ack': acknowledgeHandoff,
  'triage-list': triageList,
  investigate,
  'show-queries': showQueries,
  'investigate-target': investigateTarget,
  refresh: refreshCard,
  snooze: snoozeStorm,
});

/** Every feature; `useCases` replaces or adds use cases (a test's slow one, say). */
export function appFeatures(useCases: UseCaseRegistry = {}): AppFeatures {
  return { useCases: Object.freeze({ ...USE_CASES, ...useCases }), cardState: ALERT_CARD_STATE };
}
