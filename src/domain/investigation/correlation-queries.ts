/**
 * Correlate — Sentinel's view of the same entities: SecurityAlert (latest row per SystemAlertId)
 * that share the host, an account or an IP, and the SecurityIncidents those alerts belong to.
 * Defender's own alerts come through the Defender API (DefenderClient.findRelated), not from here.
 */
import { paramsOf, make } from './identity-queries';
import { compose, hostMatch, list, str, timeFilter, type Binding } from './kql-compose';
import type { CatalogueQuery, QueryParams } from './query-types';
import type { InvestigationSubject } from './subject';
import type { TimeWindow } from './window';

export function correlationQueries(subject: InvestigationSubject, window: TimeWindow): CatalogueQuery[] {
  const p = paramsOf(subject, window);
  const match = entityMatch(p);
  if (!match) return [];
  return [sentinelAlerts(p, match), sentinelIncidents(p, match)];
}

interface EntityMatch {
  bindings: Binding[];
  condition: string;
}

function entityMatch(p: QueryParams): EntityMatch | undefined {
  const bindings: Binding[] = [];
  const any: string[] = [];
  if (p.host) {
    bindings.push(str('host', p.host));
    any.push(hostMatch('CompromisedEntity'), 'Entities has host');
  }
  if (p.accountNames.length) {
    bindings.push(list('accounts', p.accountNames));
    any.push('Entities has_any (accounts)');
  }
  if (p.ips.length) {
    bindings.push(list('ips', p.ips));
    any.push('Entities has_any (ips)');
  }
  if (!any.length) return undefined;
  return { bindings, condition: any.join(' or ') };
}

function sentinelAlerts(p: QueryParams, m: EntityMatch): CatalogueQuery {
  const bindings = [...m.bindings];
  const pipeline = [timeFilter(p.window), 'summarize arg_max(TimeGenerated, *) by SystemAlertId'];
  if (p.alertId) {
    bindings.push(str('alertId', p.alertId));
    pipeline.push('where SystemAlertId != alertId');
  }
  pipeline.push(
    `where ${m.condition}`,
    'project StartTime, AlertName, AlertSeverity, ProductName, Status, CompromisedEntity, SystemAlertId, VendorOriginalId, Tactics',
    'top 50 by StartTime asc',
  );
  return make('sentinel-alerts', 'Sentinel alerts sharing host, account or IP', compose('sentinel-alerts', bindings, 'SecurityAlert', pipeline), p);
}

function sentinelIncidents(p: QueryParams, m: EntityMatch): CatalogueQuery {
  const bindings = [...m.bindings];
  let condition = m.condition;
  if (p.alertId) {
    bindings.push(str('alertId', p.alertId));
    condition = `SystemAlertId == alertId or ${condition}`;
  }
  bindings.push(['relatedAlerts', `SecurityAlert | ${timeFilter(p.window)} | where ${condition} | distinct SystemAlertId`]);
  const query = compose('sentinel-incidents', bindings, 'SecurityIncident', [
    timeFilter(p.window),
    'summarize arg_max(TimeGenerated, *) by IncidentNumber',
    'mv-expand AlertId = AlertIds to typeof(string)',
    'where AlertId in (relatedAlerts)',
    'summarize RelatedAlerts = count() by IncidentNumber, Title, Severity, Status, CreatedTime, IncidentUrl',
    'top 20 by CreatedTime desc',
  ]);
  return make('sentinel-incidents', 'Sentinel incidents holding related alerts', query, p);
}
