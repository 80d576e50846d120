/**
 * Which alerts are investigated on arrival (AUTO_INVESTIGATE_MIN_SEVERITY): those at or above a
 * severity, or none. Pure, so the rule is tested apart from the posting that triggers it.
 */
import { SEVERITIES, type Severity } from './alert';

export const AUTO_INVESTIGATE_OFF = 'off';
export type AutoInvestigateThreshold = Severity | typeof AUTO_INVESTIGATE_OFF;

/** SEVERITIES is ordered most severe first: a lower index is at least as severe. */
export function investigatesOnArrival(severity: Severity, threshold: AutoInvestigateThreshold | undefined): boolean {
  if (threshold === undefined || threshold === AUTO_INVESTIGATE_OFF) return false;
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}
