/**
 * What each feature adds to the alert card, in order: votes and the decision, the investigations
 * running, the findings with the suggestion, the storm counter and snooze. A constant list the
 * composition root hands over (app/features.ts); nothing adds itself at import.
 */
import { findingsCardState } from './case-findings';
import type { CardStateContributor } from './deps';
import { runningCardState } from './investigate-running';
import { stormCardState } from './storm-card-state';
import { triageCardState } from './triage-state';

export const ALERT_CARD_STATE: readonly CardStateContributor[] = Object.freeze([triageCardState, runningCardState, findingsCardState, stormCardState]);
