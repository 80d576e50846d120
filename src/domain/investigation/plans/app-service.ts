/**
 * App Service (Defender for App Service): who requested what, from where — AppServiceHTTPLogs (CIp,
 * CsMethod, CsUriStem, ScStatus, UserAgent, CsUsername) — who logged in to publish (FTP / Web Deploy:
 * AppServiceAuditLogs User, UserAddress, Protocol), and what the app printed (AppServiceConsoleLogs).
 */
import { resourceActivity } from '../identity-queries';
import type { CatalogueQuery } from '../query-types';
import { anyOf, inList, scopeOf, textOf, type Row } from '../source-query';
import { groupsOf, rootOf, spanOf, specQuery, type Plan } from './plan';

const SITE = /microsoft\.web\/sites/;

export const appServicePlan: Plan = {
  queries(subject, cloud, p) {
    const site = rootOf(subject.resourceId, SITE);
    if (!site) return [];
    const out: CatalogueQuery[] = [
      specQuery('app-http-logs', 'HTTP requests to the app (AppServiceHTTPLogs)', {
        window: p.window,
        match: [scopeOf(site), anyOf(inList('CIp', 'ips', subject.ips, false), inList('CsUriStem', 'paths', cloud.paths))],
        project: ['TimeGenerated', 'CIp', 'CsMethod', 'CsHost', 'CsUriStem', 'ScStatus', 'UserAgent', 'CsUsername'],
        order: ['TimeGenerated', 'asc'],
        limit: 100,
      }, p),
      specQuery('app-audit-logs', 'Publishing logins: FTP and Web Deploy (AppServiceAuditLogs)', {
        window: p.window,
        match: [scopeOf(site)],
        project: ['TimeGenerated', 'User', 'UserDisplayName', 'UserAddress', 'Protocol', 'OperationName'],
        order: ['TimeGenerated', 'asc'],
        limit: 50,
      }, p),
      specQuery('app-console-logs', "The app's console output (AppServiceConsoleLogs)", {
        window: p.window,
        derive: [{ name: 'Text', kql: 'substring(ResultDescription, 0, 500)', value: (r) => textOf(r.ResultDescription).slice(0, 500) }],
        match: [scopeOf(site)],
        project: ['TimeGenerated', 'Level', 'Host', 'Text'],
        order: ['TimeGenerated', 'asc'],
        limit: 50,
      }, p),
    ];
    const activity = resourceActivity({ ...p, resourceId: site });
    return activity ? [...out, activity] : out;
  },
  answer(rows) {
    return [...httpSentences(rows('app-http-logs')), ...publishingSentences(rows('app-audit-logs'))];
  },
};

/** "203.0.113.14 requested /wp-content/uploads/2026/11/x.php 6 times (POST 200, 02:10–02:31), user agent curl/8.5.0." */
function httpSentences(rows: Row[]): string[] {
  return groupsOf(rows, (r) => `${textOf(r.CIp)}|${textOf(r.CsUriStem)}`).slice(0, 2).map((group) => {
    const r = group[0]!;
    const methods = [...new Set(group.map((g) => `${textOf(g.CsMethod)} ${textOf(g.ScStatus)}`.trim()))].slice(0, 3).join(', ');
    const agent = textOf(r.UserAgent);
    return `${textOf(r.CIp) || 'An unknown client'} requested ${textOf(r.CsUriStem)} ${group.length} time${group.length === 1 ? '' : 's'} (${methods}, ${spanOf(group)})${agent ? `, user agent ${agent}` : ''}.`;
  });
}

function publishingSentences(rows: Row[]): string[] {
  const r = rows[0];
  if (!r) return [];
  return [`Publishing login: ${textOf(r.User) || textOf(r.UserDisplayName)} from ${textOf(r.UserAddress) || 'an unknown address'} over ${textOf(r.Protocol) || 'an unknown protocol'} at ${spanOf([r])}.`];
}
