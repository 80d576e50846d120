/**
 * An investigation of an alert whose time is unknown searched around when the bot received it
 * (domain/normalize/time-unknown.ts): its answer says so first, so nobody reads "nothing found"
 * as "nothing happened around the alert".
 */
import type { Alert } from '../domain/alert';
import type { InvestigationResultView } from '../ports/card-model';

export function noteTimeUnknown(alert: Alert, result: InvestigationResultView): InvestigationResultView {
  if (!alert.timeUnknown) return result;
  const received = (alert.receivedTime ?? alert.startTime).replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
  return { ...result, answer: `Time unknown: the alert carried no usable time, so this searched around when the bot received it (${received}). ${result.answer}` };
}
