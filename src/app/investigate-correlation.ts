/**
 * Correlate — is this one stage of something bigger? Defender's own alerts that share host,
 * account, IP or correlation key (DefenderClient), Sentinel alerts and incidents on the same
 * entities (Log Analytics), as one timeline, oldest first.
 */
import type { Alert } from '../domain/alert';
import { isSameAlert } from '../domain/alert-merge';
import {
  correlationQueriesFor,
  findRelatedAmong,
  hhmm,
  relative,
  subjectFromAlert,
  text,
  type InvestigationSubject,
  type RelatedAlert,
  type Row,
} from '../domain/investigation';
import type { InvestigationResultView } from '../ports/card-model';
import type { AppDeps } from './deps';
import { evidenceOf, overallStatus, rowsOf, runQueries, toEvidence } from './investigate-queries';
import { withIncidentAlerts, xdrIncidentEvidence, xdrIncidentFacts, xdrIncidentSentence } from './investigate-xdr-incident';

interface TimelineEntry {
  time: string;
  source: string;
  name: string;
  severity: string;
  shared: string;
  id: string;
}

export async function correlationInvestigation(subject: InvestigationSubject, deps: AppDeps, alert?: Alert): Promise<InvestigationResultView> {
  const hours = deps.settings.correlationWindowHours;
  const [defender, runs, xdr] = await Promise.all([
    relatedFromDefender(alert, deps),
    runQueries(deps.logs, correlationQueriesFor(subject, deps.settings)),
    xdrIncidentEvidence(alert, deps),
  ]);
  const timeline = mergeTimeline(withIncidentAlerts(defender.related, xdr.others), rowsOf(runs, 'sentinel-alerts'), alert);
  const incidents = rowsOf(runs, 'sentinel-incidents');
  const evidence = evidenceOf(runs, deps.logs);
  const facts = [...(evidence.facts ?? [])];
  if (defender.failure) facts.unshift({ title: 'Defender alerts', value: `query failed: ${defender.failure}` });
  facts.unshift(...xdrIncidentFacts(xdr, alert));
  const tables = timeline.length ? [timelineTable(timeline), ...evidence.tables.filter((t) => !t.title.startsWith('Sentinel alerts'))] : evidence.tables;
  let status = overallStatus(runs);
  if (timeline.length && status === 'no-rows') status = 'ok';
  if ((defender.failure || xdr.failure) && status === 'ok') status = 'partial';
  return {
    alertId: subject.alertId,
    title: `Correlate — ${subject.host ?? subject.accounts[0]?.name ?? subject.ips[0] ?? 'target'} (±${hours} h)`,
    answer: correlationAnswer(timeline, incidents, subject, hours) + xdrIncidentSentence(xdr),
    status,
    ...evidence,
    tables,
    facts,
  };
}

export function correlationForAlert(alert: Alert, deps: AppDeps): Promise<InvestigationResultView> {
  return correlationInvestigation(subjectFromAlert(alert), deps, alert);
}

async function relatedFromDefender(alert: Alert | undefined, deps: AppDeps): Promise<{ related: RelatedAlert[]; failure?: string }> {
  if (!alert || !deps.defender) return { related: [] };
  try {
    const hours = deps.settings.correlationWindowHours;
    const alerts = await deps.defender.findRelated(alert, hours);
    // The port returns alerts; the reasons are recomputed here so every DefenderClient explains them the same way.
    const explained = findRelatedAmong(alert, alerts, hours);
    const unexplained = alerts.filter((a) => !explained.some((e) => e.alert.systemAlertId === a.systemAlertId) && !isSameAlert(a, alert));
    return { related: [...explained, ...unexplained.map((a) => ({ alert: a, shared: [] }))] };
  } catch (err) {
    return { related: [], failure: (err as Error).message };
  }
}

function mergeTimeline(defender: RelatedAlert[], sentinel: Row[], self?: Alert): TimelineEntry[] {
  const entries: TimelineEntry[] = defender.map(({ alert, shared }) => ({
    time: alert.startTime,
    source: alert.isIncident ? 'Defender incident' : shared.includes('XDR incident') && shared.length === 1 ? 'Defender XDR incident' : 'Defender',
    name: alert.displayName,
    severity: alert.severity,
    shared: shared.join(', ') || 'reported by Defender',
    id: alert.systemAlertId,
  }));
  for (const r of sentinel) {
    // A Defender alert's row carries the Defender id as VendorOriginalId: that row is the alert itself
    // (or one already listed from Defender), never another stage.
    const id = text(r.VendorOriginalId) || text(r.SystemAlertId);
    const rowId = text(r.SystemAlertId);
    if (entries.some((e) => e.id === id) || (self && [self.systemAlertId, self.sentinelAlertId].some((own) => own && (own === id || own === rowId)))) continue;
    entries.push({ time: text(r.StartTime), source: `Sentinel (${text(r.ProductName) || 'SecurityAlert'})`, name: text(r.AlertName), severity: text(r.AlertSeverity), shared: 'host, account or IP', id });
  }
  if (self) entries.push({ time: self.startTime, source: 'this alert', name: self.displayName, severity: self.severity, shared: '—', id: self.systemAlertId });
  return entries.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

function timelineTable(entries: TimelineEntry[]) {
  return toEvidence('Timeline', ['Time (UTC)', 'Source', 'Alert', 'Severity', 'Shares'], entries.map((e) => [e.time, e.source, e.name, e.severity, e.shared]));
}

function correlationAnswer(timeline: TimelineEntry[], incidents: Row[], subject: InvestigationSubject, hours: number): string {
  const others = timeline.filter((e) => e.source !== 'this alert');
  const where = subject.host ? ` on ${subject.host}` : '';
  if (!others.length) return `No related alerts${where} within ±${hours} h.`;
  const anchor = Date.parse(subject.start);
  const described = others.slice(0, 3).map((e) => {
    return `"${e.name}" (${e.severity}, ${e.source}) at ${hhmm(e.time)}, ${relative(Date.parse(e.time), anchor)}`;
  });
  const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
  let answer = `${others.length} related alert${others.length === 1 ? '' : 's'}${where} within ±${hours} h: ${described.join('; ')}${more} — likely a multi-stage attack.`;
  if (incidents.length) answer += ` Sentinel incident #${text(incidents[0]!.IncidentNumber)} "${text(incidents[0]!.Title)}" groups them.`;
  return answer;
}
