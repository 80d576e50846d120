/**
 * Correlate's Defender XDR part: the incident the Defender portal put the alert in, and the
 * incident's other alerts (each shown once, the alert itself never, whatever its shape).
 */
import type { Alert } from '../domain/alert';
import { isSameAlert } from '../domain/alert-merge';
import type { RelatedAlert } from '../domain/investigation';
import type { XdrIncident } from '../ports/xdr-incidents';
import type { AppDeps } from './deps';

export interface XdrIncidentEvidence {
  incident?: XdrIncident;
  /** The incident's other alerts. */
  others: Alert[];
  failure?: string;
}

export async function xdrIncidentEvidence(alert: Alert | undefined, deps: AppDeps): Promise<XdrIncidentEvidence> {
  const id = alert?.xdrIncidentId;
  if (!alert || !id || !deps.xdrIncidents) return { others: [] };
  try {
    const incident = await deps.xdrIncidents.incident(id);
    return { incident, others: (incident?.alerts ?? []).filter((a) => !isSameAlert(a, alert)) };
  } catch (err) {
    return { others: [], failure: (err as Error).message };
  }
}

/** The Defender matches, each incident alert among them marked as sharing the incident; the rest added. */
export function withIncidentAlerts(related: RelatedAlert[], others: Alert[]): RelatedAlert[] {
  const out = related.map((r) => (others.some((o) => isSameAlert(o, r.alert)) ? { ...r, shared: [...r.shared, 'XDR incident' as const] } : r));
  for (const other of others) if (!out.some((r) => isSameAlert(r.alert, other))) out.push({ alert: other, shared: ['XDR incident'] });
  return out;
}

export function xdrIncidentFacts(evidence: XdrIncidentEvidence, alert: Alert | undefined): { title: string; value: string }[] {
  if (evidence.failure) return [{ title: 'Defender XDR incident', value: `#${alert?.xdrIncidentId ?? '?'} could not be read: ${evidence.failure}` }];
  const i = evidence.incident;
  if (!i) return [];
  const n = i.alerts.length;
  return [{ title: 'Defender XDR incident', value: `#${i.id}${i.title ? ` ${i.title}` : ''} — ${n} alert${n === 1 ? '' : 's'}${i.status ? `, ${i.status}` : ''}` }];
}

export function xdrIncidentSentence(evidence: XdrIncidentEvidence): string {
  const i = evidence.incident;
  if (!i || !evidence.others.length) return '';
  return ` Defender XDR incident #${i.id}${i.title ? ` "${i.title}"` : ''} groups ${i.alerts.length} alerts.`;
}
