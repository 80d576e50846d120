/**
 * Who? — the machine's own logs around the alert: logons, the process that ran the command, its
 * PowerShell script blocks, its network connections, Entra sign-ins for Entra accounts, the
 * Heartbeat that maps the Azure resource to its computer, and who touched the resource in Azure.
 */
import { compose, hostMatch, list, str, timeFilter, type Binding } from './kql-compose';
import { QUERY_TABLE, type CatalogueQuery, type QueryName, type QueryParams } from './query-types';
import type { InvestigationSubject } from './subject';
import { lookbackWindow, RESOURCE_ACTIVITY_DAYS, type TimeWindow } from './window';

export function paramsOf(subject: InvestigationSubject, window: TimeWindow): QueryParams {
  return {
    host: subject.host,
    resourceId: subject.resourceId,
    accountNames: unique(subject.accounts.map((a) => a.name).filter(Boolean)),
    upns: unique(subject.accounts.filter((a) => a.isEntra && a.upn).map((a) => a.upn!)),
    ips: subject.ips,
    processFiles: subject.processFiles,
    commandLines: subject.commandLines,
    alertId: subject.alertId,
    window,
  };
}

export function identityQueries(subject: InvestigationSubject, window: TimeWindow): CatalogueQuery[] {
  const p = paramsOf(subject, window);
  const built: (CatalogueQuery | undefined)[] = [
    logons(p),
    processCreation(p),
    scriptBlocks(p),
    networkConnections(p),
    entraSignins(p),
    heartbeat(p),
    resourceActivity(p),
  ];
  return built.filter((q): q is CatalogueQuery => q !== undefined);
}

/** Which machine, account or address the SecurityEvent rows must belong to (the first one known). */
function securityEventScope(p: QueryParams, accountColumn: string): { bindings: Binding[]; filter: string } | undefined {
  if (p.host) return { bindings: [str('host', p.host)], filter: `where ${hostMatch('Computer')}` };
  if (p.accountNames.length) return { bindings: [list('accounts', p.accountNames)], filter: `where ${accountColumn} in~ (accounts)` };
  if (p.ips.length) return { bindings: [list('ips', p.ips)], filter: 'where IpAddress in (ips)' };
  return undefined;
}

export function logons(p: QueryParams): CatalogueQuery | undefined {
  const scope = securityEventScope(p, 'TargetUserName');
  if (!scope) return undefined;
  const query = compose('logons', scope.bindings, 'SecurityEvent', [
    timeFilter(p.window),
    'where EventID in (4624, 4625, 4648, 4672)',
    scope.filter,
    'extend LogonAccount = iff(EventID == 4672, SubjectUserName, TargetUserName), LogonDomain = iff(EventID == 4672, SubjectDomainName, TargetDomainName)',
    'summarize Count = count(), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated) by EventID, Computer, LogonAccount, LogonDomain, LogonType, IpAddress, WorkstationName',
    'top 100 by FirstSeen asc',
  ]);
  return make('logons', 'Logons on the host (4624/4625/4648/4672)', query, p);
}

export function processCreation(p: QueryParams): CatalogueQuery | undefined {
  const scope = securityEventScope(p, 'SubjectUserName');
  if (!scope || (!p.host && !p.accountNames.length)) return undefined;
  const bindings = [...scope.bindings];
  const pipeline = [timeFilter(p.window), 'where EventID == 4688', scope.filter];
  if (p.commandLines.length || p.processFiles.length) {
    bindings.push(list('commandLines', p.commandLines), list('processFiles', p.processFiles));
    pipeline.push(`where CommandLine in (commandLines) or tostring(split(NewProcessName, '\\\\')[-1]) in~ (processFiles)`);
  }
  pipeline.push(
    'project TimeGenerated, Computer, Account, SubjectUserName, SubjectDomainName, NewProcessName, CommandLine, ParentProcessName',
    'top 50 by TimeGenerated asc',
  );
  return make('process-creation', 'Process creation (4688): who ran it', compose('process-creation', bindings, 'SecurityEvent', pipeline), p);
}

export function scriptBlocks(p: QueryParams): CatalogueQuery | undefined {
  if (!p.host) return undefined;
  const query = compose('powershell-script-blocks', [str('host', p.host)], 'Event', [
    timeFilter(p.window),
    'where EventID == 4104',
    `where Source == 'Microsoft-Windows-PowerShell'`,
    `where ${hostMatch('Computer')}`,
    'project TimeGenerated, Computer, UserName, ScriptBlock = substring(RenderedDescription, 0, 2000)',
    'top 20 by TimeGenerated asc',
  ]);
  return make('powershell-script-blocks', 'PowerShell script blocks (4104)', query, p);
}

export function networkConnections(p: QueryParams): CatalogueQuery | undefined {
  let bindings: Binding[];
  let filter: string;
  if (p.host) [bindings, filter] = [[str('host', p.host)], `where ${hostMatch('Computer')}`];
  else if (p.ips.length) [bindings, filter] = [[list('ips', p.ips)], 'where RemoteIp in (ips) or SourceIp in (ips)'];
  else return undefined;
  const query = compose('network-connections', bindings, 'VMConnection', [
    timeFilter(p.window),
    filter,
    'summarize Connections = sum(LinksEstablished), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated) by Computer, ProcessName, Direction, RemoteIp, DestinationPort, Protocol',
    'top 100 by FirstSeen asc',
  ]);
  return make('network-connections', 'Network connections (VMConnection)', query, p);
}

export function entraSignins(p: QueryParams): CatalogueQuery | undefined {
  let bindings: Binding[];
  let filter: string;
  if (p.upns.length) [bindings, filter] = [[list('upns', p.upns)], 'where UserPrincipalName in~ (upns)'];
  else if (!p.host && p.ips.length) [bindings, filter] = [[list('ips', p.ips)], 'where IPAddress in (ips)'];
  else return undefined;
  const query = compose('entra-signins', bindings, 'SigninLogs', [
    timeFilter(p.window),
    filter,
    'project TimeGenerated, UserPrincipalName, IPAddress, AppDisplayName, ResultType, ResultDescription, Location, ClientAppUsed',
    'top 50 by TimeGenerated desc',
  ]);
  return make('entra-signins', 'Entra ID sign-ins', query, p);
}

export function heartbeat(p: QueryParams): CatalogueQuery | undefined {
  const bindings: Binding[] = [];
  const match: string[] = [];
  if (p.resourceId) {
    bindings.push(str('resourceId', p.resourceId));
    match.push('_ResourceId =~ resourceId');
  }
  if (p.host) {
    bindings.push(str('host', p.host));
    match.push(hostMatch('Computer'));
  }
  if (!match.length) return undefined;
  const query = compose('heartbeat', bindings, 'Heartbeat', [
    timeFilter(p.window),
    `where ${match.join(' or ')}`,
    'summarize LastHeartbeat = max(TimeGenerated) by Computer, _ResourceId, OSType, OSName, ComputerIP',
    'top 10 by LastHeartbeat desc',
  ]);
  return make('heartbeat', 'Azure resource ↔ computer (Heartbeat)', query, p);
}

export function resourceActivity(p: QueryParams): CatalogueQuery | undefined {
  if (!p.resourceId) return undefined;
  const window = lookbackWindow(p.window.end, RESOURCE_ACTIVITY_DAYS);
  const query = compose('resource-activity', [str('resourceId', p.resourceId)], 'AzureActivity', [
    timeFilter(window),
    `where _ResourceId =~ resourceId or _ResourceId startswith strcat(resourceId, '/')`,
    `where CategoryValue == 'Administrative'`,
    'summarize Operations = count(), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated) by Caller, CallerIpAddress, OperationNameValue, ActivityStatusValue',
    'top 50 by LastSeen desc',
  ]);
  return { ...make('resource-activity', `Who touched the resource in Azure (last ${RESOURCE_ACTIVITY_DAYS} days)`, query, p), timespan: window };
}

export function make(name: QueryName, title: string, query: string, params: QueryParams): CatalogueQuery {
  const family = name.startsWith('sentinel') ? 'correlation' : name.startsWith('threat-intel') ? 'ioc' : 'identity';
  return { name, family, title, query, timespan: params.window, params, table: QUERY_TABLE[name] };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
