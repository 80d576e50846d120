/**
 * Entra ID sign-ins of the alert's principals, whatever the plan: users in SigninLogs and
 * AADNonInteractiveUserSignInLogs, service principals in AADServicePrincipalSignInLogs, managed
 * identities in AADManagedIdentitySignInLogs. Only the tables its accounts need are searched.
 */
import type { CatalogueQuery, QueryParams } from '../query-types';
import { anyOf, inList, textOf, type Row } from '../source-query';
import type { CloudSubject, InvestigationSubject } from '../subject';
import { displayName, spanOf, specQuery, type RowsOf } from './plan';

export function entraQueries(subject: InvestigationSubject, cloud: CloudSubject, p: QueryParams, withSigninLogs: boolean): CatalogueQuery[] {
  const kinds = new Set(subject.accounts.map((a) => a.accountKind ?? (a.isEntra ? 'entra-user' : 'unknown')));
  const upns = cloud.upns;
  const out: CatalogueQuery[] = [];
  if (withSigninLogs && upns.length) {
    out.push(specQuery('entra-signins', 'Entra ID sign-ins', userSpec(upns, p), p));
  }
  if (upns.length && kinds.has('entra-user')) {
    out.push(specQuery('entra-noninteractive-signins', 'Entra ID non-interactive sign-ins (AADNonInteractiveUserSignInLogs)', userSpec(upns, p), p));
  }
  const appPrincipal = (kind: 'entra-service-principal' | 'managed-identity') => {
    const accounts = subject.accounts.filter((a) => a.accountKind === kind);
    return {
      ids: accounts.flatMap((a) => (a.aadUserId ? [a.aadUserId] : [])),
      appIds: accounts.flatMap((a) => (a.appId ? [a.appId] : [])),
    };
  };
  const sp = appPrincipal('entra-service-principal');
  if (sp.ids.length || sp.appIds.length) out.push(specQuery('entra-sp-signins', 'Service principal sign-ins (AADServicePrincipalSignInLogs)', appSpec(sp, p), p));
  const mi = appPrincipal('managed-identity');
  if (mi.ids.length || mi.appIds.length) out.push(specQuery('entra-mi-signins', 'Managed identity sign-ins (AADManagedIdentitySignInLogs)', appSpec(mi, p), p));
  return out;
}

function userSpec(upns: string[], p: QueryParams) {
  return {
    window: p.window,
    match: [anyOf(inList('UserPrincipalName', 'upns', upns))],
    project: ['TimeGenerated', 'UserPrincipalName', 'IPAddress', 'AppDisplayName', 'ResultType', 'ResultDescription', 'Location', 'ClientAppUsed'],
    order: ['TimeGenerated', 'desc'] as [string, 'desc'],
    limit: 50,
  };
}

function appSpec(principal: { ids: string[]; appIds: string[] }, p: QueryParams) {
  return {
    window: p.window,
    match: [anyOf(inList('ServicePrincipalId', 'principalIds', principal.ids), inList('AppId', 'appIds', principal.appIds))],
    project: ['TimeGenerated', 'ServicePrincipalName', 'AppId', 'ServicePrincipalId', 'IPAddress', 'ResourceDisplayName', 'ResultType', 'Location'],
    order: ['TimeGenerated', 'desc'] as [string, 'desc'],
    limit: 50,
  };
}

/** "sp-billing-sync signed in to Entra ID from 198.51.100.77 at 03:04 (for Azure Key Vault)." */
export function entraSentences(rows: RowsOf, subject: InvestigationSubject, withSigninLogs = true): string[] {
  const out: string[] = [];
  const anchor = Date.parse(subject.start);
  const user = closestBefore([...(withSigninLogs ? rows('entra-signins') : []), ...rows('entra-noninteractive-signins')], anchor, subject.ips);
  if (user) out.push(`${textOf(user.UserPrincipalName)} signed in to Entra ID from ${textOf(user.IPAddress)} at ${spanOf([user])}${resultNote(user)}${textOf(user.AppDisplayName) ? ` (${textOf(user.AppDisplayName)})` : ''}.`);
  const fromAlertIp = closestBefore([...rows('entra-sp-signins'), ...rows('entra-mi-signins')], anchor, subject.ips);
  if (fromAlertIp) {
    const name = textOf(fromAlertIp.ServicePrincipalName) || displayName(subject, textOf(fromAlertIp.ServicePrincipalId));
    const resource = textOf(fromAlertIp.ResourceDisplayName);
    out.push(`${name} signed in to Entra ID from ${textOf(fromAlertIp.IPAddress)} at ${spanOf([fromAlertIp])}${resultNote(fromAlertIp)}${resource ? ` (for ${resource})` : ''}.`);
  }
  return out;
}

/** The sign-in that led to the alert: the last one at or before its start (from the alert's IPs when any is), else the first after. */
function closestBefore(rows: Row[], anchor: number, ips: string[]): Row | undefined {
  const fromIps = rows.filter((r) => ips.includes(textOf(r.IPAddress)));
  const pool = fromIps.length ? fromIps : rows;
  const at = (r: Row) => Date.parse(textOf(r.TimeGenerated));
  const before = pool.filter((r) => at(r) <= anchor).sort((a, b) => at(b) - at(a));
  return before[0] ?? [...pool].sort((a, b) => at(a) - at(b))[0];
}

function resultNote(r: Row): string {
  const code = textOf(r.ResultType);
  return code && code !== '0' ? `, failing (${code})` : '';
}
