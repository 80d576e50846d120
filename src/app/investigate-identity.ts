/**
 * Who? — the alert's plan's sources (a machine's logons and processes, a storage account's request
 * logs, a key vault's audit log…) and the Entra sign-ins its accounts need, answered first in one or
 * two sentences. Every answer lists the sources it searched and what each gave; a source the
 * workspace does not collect is "not collected here", with the setting to turn on.
 */
import type { Alert } from '../domain/alert';
import { onlyMachineLocalAccounts, targetName } from '../domain/alert-kind';
import {
  coverageAnswer,
  identityQueriesFor,
  planSentences,
  subjectFromAlert,
  whoSentences,
  type InvestigationSubject,
  type SourceCoverage,
} from '../domain/investigation';
import type { InvestigationResultView } from '../ports/card-model';
import type { AppDeps } from './deps';
import { whoFindings } from './investigation-findings';
import { coverageOf, evidenceOf, overallStatus, rowsOf, runQueries, type QueryRun } from './investigate-queries';

export async function identityInvestigation(subject: InvestigationSubject, deps: AppDeps, alert?: Alert): Promise<InvestigationResultView> {
  const runs = await runQueries(deps.logs, identityQueriesFor(subject, deps.settings));
  const status = overallStatus(runs);
  const evidence = evidenceOf(runs, deps.logs);
  const coverage = coverageOf(runs);
  const answer =
    status === 'failed'
      ? `Who? could not query Log Analytics: ${failureReason(runs)}`
      : answerOf(subject, runs, coverage, alert);
  const facts = [...(evidence.facts ?? [])];
  if (alert && onlyMachineLocalAccounts(alert)) {
    facts.unshift({ title: 'Identity in the alert', value: 'local account(s) only — no Entra ID identity' });
  }
  const machine = !subject.cloud?.kind || subject.cloud.kind === 'windows-machine';
  const findings = alert && status !== 'failed' && machine ? await whoFindings(alert, whoInputOf(subject, runs), deps.logs) : undefined;
  return { alertId: subject.alertId, title: `Who? — ${subject.host ?? subject.accounts[0]?.name ?? subject.ips[0] ?? 'target'}`, answer, status, ...evidence, facts, coverage, findings };
}

/** What the machine's answer is written from: the same input for the sentences and the findings. */
function whoInputOf(subject: InvestigationSubject, runs: QueryRun[]): Parameters<typeof whoSentences>[0] {
  const rows = (name: Parameters<typeof rowsOf>[1]) => rowsOf(runs, name);
  return {
    alertStart: whoAnchor(subject),
    anchorIsNow: subject.anchorIsNow && whoAnchor(subject) === subject.end,
    context: subject.context,
    host: subject.host,
    accounts: subject.accounts,
    processFiles: subject.processFiles,
    logons: rows('logons'),
    processes: rows('process-creation'),
    connections: rows('network-connections'),
    signins: rows('entra-signins'),
  };
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

function answerOf(subject: InvestigationSubject, runs: QueryRun[], coverage: SourceCoverage[], alert?: Alert): string {
  const rows = (name: Parameters<typeof rowsOf>[1]) => rowsOf(runs, name);
  const kind = subject.cloud?.kind;
  const machine = !kind || kind === 'windows-machine';
  const sentences = machine
    ? [
        ...whoSentences(whoInputOf(subject, runs)),
        ...(kind ? planSentences(kind, rows, subject) : []),
      ]
    : planSentences(kind, rows, subject);
  if (sentences.length) return sentences.join(' ');
  // A machine whose logs were all searched keeps its plain answer; anything less says what was and was not searched.
  if (machine && coverage.length && coverage.every((c) => c.outcome === 'no-rows')) {
    return `No logon, process or connection found${subject.host ? ` on ${subject.host}` : ''} in the window.`;
  }
  return coverageAnswer(coverage, kind, alert ? targetName(alert) : subject.host ?? subject.ips[0] ?? subject.accounts[0]?.name ?? 'the target');
}

function failureReason(runs: QueryRun[]): string {
  const failed = runs.find((r) => r.result.status === 'failure' && r.result.missingTable === undefined) ?? runs[0];
  return failed?.result.status === 'failure' ? failed.result.reason : 'no queries';
}
