/**
 * How the demo workspace answers each catalogue query: the same filters and projections as the
 * KQL, evaluated over the bundled rows with the query's structured parameters and timespan. The
 * KQL text itself is never interpreted.
 */
import type { CatalogueQuery, QueryName } from '../../domain/investigation';
import type { DemoRow, DemoTables } from './demo-workspace-data';

type Evaluator = (q: CatalogueQuery, t: DemoTables) => DemoRow[];

const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const lower = (v: unknown) => s(v).toLowerCase();
const short = (v: unknown) => lower(v).split('.')[0]!;
const time = (v: unknown) => Date.parse(s(v));

function inWindow(rows: DemoRow[] | undefined, q: CatalogueQuery): DemoRow[] {
  const from = Date.parse(q.timespan.start);
  const to = Date.parse(q.timespan.end);
  return (rows ?? []).filter((r) => time(r.TimeGenerated) >= from && time(r.TimeGenerated) <= to);
}

function onHost(r: DemoRow, column: string, host: string | undefined): boolean {
  return !!host && short(r[column]) === short(host);
}

const inList = (value: unknown, list: string[]) => list.some((x) => lower(x) === lower(value));

/** summarize <aggregates> by <keys>: FirstSeen/LastSeen/Count (+ extra sums). */
function summarize(rows: DemoRow[], keys: string[], sums: Record<string, string> = {}): DemoRow[] {
  const groups = new Map<string, DemoRow>();
  for (const r of rows) {
    const id = JSON.stringify(keys.map((k) => r[k] ?? null));
    const g = groups.get(id) ?? { ...Object.fromEntries(keys.map((k) => [k, r[k] ?? ''])), Count: 0, FirstSeen: r.TimeGenerated, LastSeen: r.TimeGenerated };
    g.Count = (g.Count as number) + 1;
    if (time(r.TimeGenerated) < time(g.FirstSeen)) g.FirstSeen = r.TimeGenerated;
    if (time(r.TimeGenerated) > time(g.LastSeen)) g.LastSeen = r.TimeGenerated;
    for (const [out, col] of Object.entries(sums)) g[out] = ((g[out] as number) ?? 0) + Number(r[col] ?? 0);
    groups.set(id, g);
  }
  return [...groups.values()];
}

function latestBy(rows: DemoRow[], key: string): DemoRow[] {
  const latest = new Map<string, DemoRow>();
  for (const r of rows) {
    const prev = latest.get(s(r[key]));
    if (!prev || time(r.TimeGenerated) > time(prev.TimeGenerated)) latest.set(s(r[key]), r);
  }
  return [...latest.values()];
}

const byTime = (col: string, dir: 1 | -1) => (a: DemoRow, b: DemoRow) => dir * (time(a[col]) - time(b[col]));

function securityEventScope(q: CatalogueQuery, accountColumn: string): (r: DemoRow) => boolean {
  const p = q.params;
  if (p.host) return (r) => onHost(r, 'Computer', p.host);
  if (p.accountNames.length) return (r) => inList(r[accountColumn], p.accountNames);
  return (r) => p.ips.includes(s(r.IpAddress));
}

function entitiesMatch(q: CatalogueQuery, r: DemoRow): boolean {
  const p = q.params;
  const entities = lower(r.Entities);
  return (
    (!!p.host && (onHost(r, 'CompromisedEntity', p.host) || entities.includes(lower(p.host)))) ||
    p.accountNames.some((a) => entities.includes(lower(a))) ||
    p.ips.some((ip) => entities.includes(lower(ip)))
  );
}

export const EVALUATORS: Partial<Record<QueryName, Evaluator>> = {
  logons: (q, t) => {
    const scope = securityEventScope(q, 'TargetUserName');
    const rows = inWindow(t.SecurityEvent, q)
      .filter((r) => [4624, 4625, 4648, 4672].includes(Number(r.EventID)) && scope(r))
      .map((r) => {
        const special = Number(r.EventID) === 4672;
        return { ...r, LogonAccount: special ? r.SubjectUserName : r.TargetUserName, LogonDomain: special ? r.SubjectDomainName : r.TargetDomainName };
      });
    return summarize(rows, ['EventID', 'Computer', 'LogonAccount', 'LogonDomain', 'LogonType', 'IpAddress', 'WorkstationName']).sort(byTime('FirstSeen', 1)).slice(0, 100);
  },
  'process-creation': (q, t) => {
    const p = q.params;
    const scope = securityEventScope(q, 'SubjectUserName');
    const filterProcess = p.commandLines.length > 0 || p.processFiles.length > 0;
    return inWindow(t.SecurityEvent, q)
      .filter((r) => Number(r.EventID) === 4688 && scope(r))
      .filter((r) => !filterProcess || p.commandLines.includes(s(r.CommandLine)) || inList(s(r.NewProcessName).split('\\').pop(), p.processFiles))
      .sort(byTime('TimeGenerated', 1))
      .slice(0, 50);
  },
  'powershell-script-blocks': (q, t) =>
    inWindow(t.Event, q)
      .filter((r) => Number(r.EventID) === 4104 && r.Source === 'Microsoft-Windows-PowerShell' && onHost(r, 'Computer', q.params.host))
      .map((r) => ({ ...r, ScriptBlock: s(r.RenderedDescription).slice(0, 2000) }))
      .sort(byTime('TimeGenerated', 1))
      .slice(0, 20),
  'network-connections': (q, t) => {
    const p = q.params;
    const rows = inWindow(t.VMConnection, q).filter((r) => (p.host ? onHost(r, 'Computer', p.host) : p.ips.includes(s(r.RemoteIp)) || p.ips.includes(s(r.SourceIp))));
    return summarize(rows, ['Computer', 'ProcessName', 'Direction', 'RemoteIp', 'DestinationPort', 'Protocol'], { Connections: 'LinksEstablished' })
      .sort(byTime('FirstSeen', 1))
      .slice(0, 100);
  },
  'entra-signins': (q, t) => {
    const p = q.params;
    return inWindow(t.SigninLogs, q)
      .filter((r) => (p.upns.length ? inList(r.UserPrincipalName, p.upns) : p.ips.includes(s(r.IPAddress))))
      .sort(byTime('TimeGenerated', -1))
      .slice(0, 50);
  },
  heartbeat: (q, t) => {
    const p = q.params;
    const rows = inWindow(t.Heartbeat, q).filter((r) => (!!p.resourceId && lower(r._ResourceId) === lower(p.resourceId)) || onHost(r, 'Computer', p.host));
    return summarize(rows, ['Computer', '_ResourceId', 'OSType', 'OSName', 'ComputerIP'])
      .map((g) => ({ ...g, LastHeartbeat: g.LastSeen }))
      .sort(byTime('LastHeartbeat', -1))
      .slice(0, 10);
  },
  'resource-activity': (q, t) => {
    const id = lower(q.params.resourceId);
    const rows = inWindow(t.AzureActivity, q).filter((r) => (lower(r._ResourceId) === id || lower(r._ResourceId).startsWith(`${id}/`)) && r.CategoryValue === 'Administrative');
    return summarize(rows, ['Caller', 'CallerIpAddress', 'OperationNameValue', 'ActivityStatusValue'])
      .map((g) => ({ ...g, Operations: g.Count }))
      .sort(byTime('LastSeen', -1))
      .slice(0, 50);
  },
  'sentinel-alerts': (q, t) =>
    latestBy(inWindow(t.SecurityAlert, q), 'SystemAlertId')
      .filter((r) => s(r.SystemAlertId) !== q.params.alertId && entitiesMatch(q, r))
      .sort(byTime('StartTime', 1))
      .slice(0, 50),
  'sentinel-incidents': (q, t) => {
    const related = new Set(
      inWindow(t.SecurityAlert, q)
        .filter((r) => s(r.SystemAlertId) === q.params.alertId || entitiesMatch(q, r))
        .map((r) => s(r.SystemAlertId)),
    );
    return latestBy(inWindow(t.SecurityIncident, q), 'IncidentNumber')
      .map((r) => ({ ...r, RelatedAlerts: ((r.AlertIds as string[]) ?? []).filter((id) => related.has(id)).length }))
      .filter((r) => r.RelatedAlerts > 0)
      .sort(byTime('CreatedTime', -1))
      .slice(0, 20);
  },
  'threat-intel': (q, t) => {
    const i = q.params.iocs!;
    const all = [...i.ips, ...i.urls, ...i.domains, ...i.hashes];
    return latestBy(inWindow(t.ThreatIntelIndicators, q).filter((r) => inList(r.ObservableValue, all)), 'Id')
      .sort((a, b) => Number(b.Confidence) - Number(a.Confidence))
      .slice(0, 100);
  },
  'target-lookup': (q, t) => {
    const target = q.params.host;
    const last = (rows: DemoRow[]) => rows.reduce<unknown>((m, r) => (m === undefined || time(r.TimeGenerated) > time(m) ? r.TimeGenerated : m), undefined);
    const out: DemoRow[] = [];
    for (const table of [t.Heartbeat, t.SecurityEvent]) {
      const rows = inWindow(table, q).filter((r) => onHost(r, 'Computer', target));
      if (rows.length) out.push({ Kind: 'host', Name: rows[0]!.Computer, Domain: '', LastSeen: last(rows) });
    }
    const byDomain = new Map<string, DemoRow[]>();
    for (const r of inWindow(t.SecurityEvent, q)) {
      const domain = lower(r.TargetUserName) === lower(target) ? r.TargetDomainName : lower(r.SubjectUserName) === lower(target) ? r.SubjectDomainName : undefined;
      if (domain !== undefined) byDomain.set(s(domain), [...(byDomain.get(s(domain)) ?? []), r]);
    }
    for (const [domain, rows] of byDomain) out.push({ Kind: 'account', Name: target, Domain: domain, LastSeen: last(rows) });
    const signins = inWindow(t.SigninLogs, q).filter((r) => lower(r.UserPrincipalName) === lower(target));
    if (signins.length) out.push({ Kind: 'entra-account', Name: signins[0]!.UserPrincipalName, Domain: '', LastSeen: last(signins) });
    return out.sort(byTime('LastSeen', -1)).slice(0, 20);
  },
  'threat-intel-legacy': (q, t) => {
    const i = q.params.iocs!;
    const hit = (r: DemoRow) =>
      [r.NetworkIP, r.NetworkSourceIP, r.NetworkDestinationIP].some((v) => i.ips.includes(s(v))) ||
      inList(r.Url, i.urls) ||
      inList(r.DomainName, i.domains) ||
      inList(r.FileHashValue, i.hashes);
    return latestBy(inWindow(t.ThreatIntelligenceIndicator, q).filter(hit), 'IndicatorId')
      .sort((a, b) => Number(b.ConfidenceScore) - Number(a.ConfidenceScore))
      .slice(0, 100);
  },
};
