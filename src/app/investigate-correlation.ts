/**
 * Correlate — is this one stage of something bigger? Defender's own alerts that share host,
 * account, IP or correlation key (DefenderClient), Sentinel alerts and incidents on the same
 * entities (Log Analytics), as one timeline, oldest first.
 */
import type { Alert } from '../domain/alert';
import { isSameAlert, type AlertIds } from '../domain/alert-merge';
import { sameCustomerOnly } from '../domain/customer-access';
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
import { microsoftPortalLink } from '../domain/investigation/portal-links';
import { securityAlertRowIds } from '../domain/normalize';
import type { InvestigationResultView } from '../ports/card-model';
import type { AppDeps } from './deps';
import { relatedFindings } from './investigation-findings';
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
  if (timeline.length && (status === 'no-rows' || status === 'not-collected')) status = 'ok';
  if ((defender.failure || xdr.failure) && status === 'ok') status = 'partial';
  // The incident's own link, as a link (only to a Microsoft portal host).
  const incidentLinks = incidents.flatMap((r) => {
    const href = microsoftPortalLink(text(r.IncidentUrl));
    return href ? [{ label: `Open Sentinel incident #${text(r.IncidentNumber)}`, href }] : [];
  });
  return {
    alertId: subject.alertId,
    title: `Correlate — ${subject.host ?? subject.accounts[0]?.name ?? subject.ips[0] ?? 'target'} (±${hours} h)`,
    answer: correlationAnswer(timeline, incidents, subject, hours) + xdrIncidentSentence(xdr),
    status,
    ...evidence,
    links: [...incidentLinks.slice(0, 3), ...evidence.links],
    tables,
    facts,
    findings: alert ? relatedFindings(timeline.filter((e) => e.source !== 'this alert'), incidentName(incidents, xdr.incident)) : undefined,
  };
}

/** "Sentinel incident #42" or "Defender XDR incident 1234": the incident that groups them, if any. */
function incidentName(sentinel: Row[], xdr: { id: string } | undefined): string | undefined {
  if (sentinel[0]) return `Sentinel incident #${text(sentinel[0].IncidentNumber)}`;
  return xdr ? `Defender XDR incident ${xdr.id}` : undefined;
}

export function correlationForAlert(alert: Alert, deps: AppDeps): Promise<InvestigationResultView> {
  return correlationInvestigation(subjectFromAlert(alert), deps, alert);
}

async function relatedFromDefender(alert: Alert | undefined, deps: AppDeps): Promise<{ related: RelatedAlert[]; failure?: string }> {
  if (!alert || !deps.defender) return { related: [] };
  try {
    const hours = deps.settings.correlationWindowHours;
    // CUSTOMERS: another customer's alert is never related, whatever it shares (an IP, an account name).
    const alerts = sameCustomerOnly(alert, await deps.defender.findRelated(alert, hours), deps.settings.customers ?? []);
    // The port returns alerts; the reasons are recomputed here so every DefenderClient explains them the same way.
    const explained = findRelatedAmong(alert, alerts, hours);
    const unexplained = alerts.filter((a) => !explained.some((e) => isSameAlert(e.alert, a)) && !isSameAlert(a, alert));
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
  // A Defender alert's SecurityAlert row (Sentinel's copy) is that alert — this one, one listed from
  // Defender or a row already listed — never another stage.
  const known: AlertIds[] = [...defender.map((r) => r.alert), ...(self ? [self] : [])];
  for (const r of sentinel) {
    const ids = securityAlertRowIds(r);
    if (known.some((k) => isSameAlert(k, ids))) continue;
    known.push(ids);
    entries.push({ time: text(r.StartTime), source: `Sentinel (${text(r.ProductName) || 'SecurityAlert'})`, name: text(r.AlertName), severity: text(r.AlertSeverity), shared: 'host, account or IP', id: ids.systemAlertId });
  }
  if (self) entries.push({ time: self.startTime, source: 'this alert', name: self.displayName, severity: self.severity, shared: '—', id: self.systemAlertId });
  return entries.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

function timelineTable(entries: TimelineEntry[]) {
  return toEvidence('Timeline', ['Time (UTC)', 'Source', 'Alert', 'Severity', 'Shares'], entries.map((e) => [e.time, e.source, e.name, e.severity, e.shared]));
}

function correlationAnswer(timeline: TimelineEntry[], incidents: Row[], subject: InvestigationSubject, hours: number): string {
  const others = timeline.filter((e) => e.source !== 'this alert');
  // "on web-vm-01" only when every related alert is on it; across plans they share a principal or an IP instead.
  const onSameResource = others.every((e) => /\b(host|resource)\b/.test(e.shared) || e.shared === 'host, account or IP');
  const where = subject.host && onSameResource ? ` on ${subject.host}` : '';
  if (!others.length) return `No related alerts${where} within ±${hours} h.`;
  const anchor = Date.parse(subject.start);
  const described = others.slice(0, 3).map((e) => {
    return `"${e.name}" (${e.severity}, ${e.source}) at ${hhmm(e.time)}, ${relative(Date.parse(e.time), anchor)}`;
  });
  const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
  const shares = where ? '' : sharedSummary(others);
  let answer = `${others.length} related alert${others.length === 1 ? '' : 's'}${where} within ±${hours} h${shares}: ${described.join('; ')}${more} — likely a multi-stage attack.`;
  if (incidents.length) answer += ` Sentinel incident #${text(incidents[0]!.IncidentNumber)} "${text(incidents[0]!.Title)}" groups them.`;
  return answer;
}

/** " sharing the IP and the principal" */
function sharedSummary(entries: TimelineEntry[]): string {
  const kinds = [...new Set(entries.flatMap((e) => e.shared.split(', ')).filter((k) => /^(account|principal|ip|resource|correlation key)$/.test(k)))];
  if (!kinds.length) return '';
  const words = kinds.map((k) => (k === 'ip' ? 'an IP' : k === 'account' ? 'an account' : `a ${k}`));
  return ` sharing ${words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`}`;
}
