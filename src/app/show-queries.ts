/**
 * Intent 'show-queries' (the "Show queries" button under an investigation's answer): the KQL that
 * investigation runs on the alert, with its time span, posted in the alert's thread — the same
 * queries, built from the same alert and settings (the catalogue is deterministic).
 */
import { alertIocs, correlationQueriesFor, identityQueriesFor, iocQueries, subjectFromAlert, timespanText } from '../domain/investigation';
import type { CardModel } from '../ports/card-model';
import type { UseCase } from './deps';
import { INVESTIGATION_LABELS } from './investigate-running';
import { presentInThread } from './present';

export const showQueries: UseCase<'show-queries'> = async ({ intent, origin }, deps) => {
  const alert = await deps.store.alerts.get(intent.alertId);
  if (!alert) return { reply: { kind: 'notice', tone: 'warning', text: 'This alert is not known to the bot.' } };
  const subject = subjectFromAlert(alert);
  const queries =
    intent.investigation === 'identity'
      ? identityQueriesFor(subject, deps.settings)
      : intent.investigation === 'correlation'
        ? correlationQueriesFor(subject, deps.settings)
        : iocQueries(alertIocs(alert), alert.endTime);
  const card: CardModel = {
    kind: 'query-list',
    list: { title: `KQL of ${INVESTIGATION_LABELS[intent.investigation]} on "${alert.displayName}"`, queries: queries.map((q) => ({ name: q.name, query: q.query, timespan: timespanText(q.timespan) })) },
  };
  return {
    reply: { kind: 'notice', tone: 'info', text: `The ${queries.length} queries of ${INVESTIGATION_LABELS[intent.investigation]} follow in the thread.` },
    followUp: presentInThread(deps, alert.systemAlertId, card, origin).then(() => undefined),
  };
};
