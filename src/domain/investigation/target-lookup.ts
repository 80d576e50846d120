/**
 * What the workspace knows about a bare /investigate target, and when it last saw it: is "svc-backup"
 * a computer (Heartbeat, SecurityEvent), a Windows account (SecurityEvent, by its domain) or an Entra
 * user (SigninLogs)? One query over the last TARGET_LOOKUP_DAYS; its LastSeen also tells an empty
 * window how far back the nearest data is.
 */
import { make } from './identity-queries';
import { compose, hostMatch, str, timeFilter } from './kql-compose';
import type { CatalogueQuery } from './query-types';
import { lookbackWindow } from './window';

export const TARGET_LOOKUP_DAYS = 30;

export type LookupKind = 'host' | 'account' | 'entra-account';

export function targetLookupQuery(target: string, end: string): CatalogueQuery {
  const window = lookbackWindow(end, TARGET_LOOKUP_DAYS);
  const t = timeFilter(window);
  const union = [
    `union isfuzzy=true`,
    `(Heartbeat | ${t} | where ${hostMatch('Computer')} | summarize LastSeen = max(TimeGenerated) by Name = Computer | extend Kind = 'host', Domain = ''),`,
    `(SecurityEvent | ${t} | where ${hostMatch('Computer')} | summarize LastSeen = max(TimeGenerated) by Name = Computer | extend Kind = 'host', Domain = ''),`,
    `(SecurityEvent | ${t} | where TargetUserName =~ account or SubjectUserName =~ account | extend Domain = iff(TargetUserName =~ account, TargetDomainName, SubjectDomainName) | summarize LastSeen = max(TimeGenerated) by Name = account, Domain | extend Kind = 'account'),`,
    `(SigninLogs | ${t} | where UserPrincipalName =~ account | summarize LastSeen = max(TimeGenerated) by Name = UserPrincipalName | extend Kind = 'entra-account', Domain = '')`,
  ].join('\n  ');
  const query = compose('target-lookup', [str('host', target), str('account', target)], union, ['project Kind, Name, Domain, LastSeen', 'top 20 by LastSeen desc']);
  const params = { host: target, accountNames: [target], upns: target.includes('@') ? [target] : [], ips: [], processFiles: [], commandLines: [], window };
  return { ...make('target-lookup', `What the workspace knows about the target (last ${TARGET_LOOKUP_DAYS} days)`, query, params), timespan: window };
}
