/** Who? — identity queries on the alert's machine, answered first in one sentence. */
import type { Alert } from '../domain/alert';
import { identityQueriesFor, subjectFromAlert, whoAnswer, type InvestigationSubject } from '../domain/investigation';
import type { InvestigationResultView } from '../ports/card-model';
import type { AppDeps } from './deps';
import { evidenceOf, overallStatus, rowsOf, runQueries } from './investigate-queries';

export async function identityInvestigation(subject: InvestigationSubject, deps: AppDeps, alert?: Alert): Promise<InvestigationResultView> {
  const runs = await runQueries(deps.logs, identityQueriesFor(subject, deps.settings));
  const status = overallStatus(runs);
  const evidence = evidenceOf(runs, deps.logs);
  const answer =
    status === 'failed'
      ? `Who? could not query Log Analytics: ${runs[0]?.result.status === 'failure' ? runs[0].result.reason : 'no queries'}`
      : whoAnswer({
          alertStart: whoAnchor(subject),
          anchorIsNow: subject.anchorIsNow && whoAnchor(subject) === subject.end,
          context: subject.context,
          host: subject.host,
          accounts: subject.accounts,
          processFiles: subject.processFiles,
          logons: rowsOf(runs, 'logons'),
          processes: rowsOf(runs, 'process-creation'),
          connections: rowsOf(runs, 'network-connections'),
          signins: rowsOf(runs, 'entra-signins'),
        });
  const facts = [...(evidence.facts ?? [])];
  if (alert && !alert.hasEntraIdentity && alert.who.length) {
    facts.unshift({ title: 'Identity in the alert', value: 'local account(s) only — no Entra ID identity' });
  }
  return { alertId: subject.alertId, title: `Who? — ${subject.host ?? subject.accounts[0]?.name ?? subject.ips[0] ?? 'target'}`, answer, status, ...evidence, facts };
}

/** An alert's start; for a target, the latest alert about it inside the window, else the window's end (now). */
function whoAnchor(subject: InvestigationSubject): string {
  if (!subject.anchorIsNow) return subject.start;
  const latest = subject.context?.latestAlertStart;
  return latest && latest >= subject.start && latest <= subject.end ? latest : subject.end;
}

export function identityForAlert(alert: Alert, deps: AppDeps): Promise<InvestigationResultView> {
  return identityInvestigation(subjectFromAlert(alert), deps, alert);
}
