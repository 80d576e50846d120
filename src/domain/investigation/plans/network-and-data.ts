/**
 * The plans whose logs are request logs keyed by client address:
 *   DNS: DNSQueryLogs (DNS security policy) and AZFWDnsQuery (Azure Firewall's DNS proxy) — who asked
 *     for the alert's domain;
 *   Cosmos DB: CDBDataPlaneRequests (ClientIpAddress, AadPrincipalId, AuthTokenType, KeyType) and
 *     CDBControlPlaneRequests;
 *   API Management: ApiManagementGatewayLogs (CallerIpAddress, ApiId, ApimSubscriptionId, UserId);
 *   AI services: AzureDiagnostics of the Cognitive Services account (Audit, RequestResponse).
 */
import { resourceActivity } from '../identity-queries';
import type { CatalogueQuery } from '../query-types';
import { anyOf, inList, scopeOf, textOf, type Row } from '../source-query';
import type { InvestigationSubject } from '../subject';
import { displayName, groupsOf, operationCounts, rootOf, spanOf, specQuery, totalCount, type Plan } from './plan';

export const dnsPlan: Plan = {
  queries(subject, cloud, p) {
    // Query names end in a dot in DNS logs; the alert's usually do not.
    const names = cloud.domains.flatMap((d) => [d, `${d}.`]);
    if (!names.length && !subject.ips.length) return [];
    const spec = (ipColumn: string) => ({
      window: p.window,
      match: [anyOf(inList('QueryName', 'domains', names), inList(ipColumn, 'ips', subject.ips, false))],
      summarize: { by: [ipColumn, 'QueryName', 'QueryType', 'ResponseCode'] },
      order: ['FirstSeen', 'asc'] as [string, 'asc'],
      limit: 50,
    });
    return [
      specQuery('dns-queries', 'DNS queries for the domain (DNSQueryLogs)', spec('SourceIpAddress'), p),
      specQuery('firewall-dns', "DNS queries through Azure Firewall's DNS proxy (AZFWDnsQuery)", spec('SourceIp'), p),
    ];
  },
  answer(rows) {
    return [...rows('dns-queries'), ...rows('firewall-dns')].slice(0, 2).map((r) => {
      const client = textOf(r.SourceIpAddress) || textOf(r.SourceIp) || 'An unknown client';
      return `${client} asked for ${textOf(r.QueryName)} (${textOf(r.QueryType) || 'query'}) ${totalCount([r])} time${totalCount([r]) === 1 ? '' : 's'}, ${spanOf([r])}; response ${textOf(r.ResponseCode) || 'unknown'}.`;
    });
  },
};

const COSMOS = /microsoft\.documentdb\/databaseaccounts/;

export const cosmosPlan: Plan = {
  queries(subject, cloud, p) {
    const account = rootOf(subject.resourceId, COSMOS);
    if (!account) return [];
    const out: CatalogueQuery[] = [
      specQuery('cosmos-data-plane', 'Data requests to the account (CDBDataPlaneRequests)', {
        window: p.window,
        match: [scopeOf(account), anyOf(inList('ClientIpAddress', 'ips', subject.ips, false), inList('AadPrincipalId', 'principalIds', cloud.principalIds))],
        summarize: { by: ['ClientIpAddress', 'AadPrincipalId', 'AuthTokenType', 'KeyType', 'OperationName', 'DatabaseName', 'CollectionName', 'StatusCode', 'UserAgent'] },
        order: ['FirstSeen', 'asc'],
        limit: 50,
      }, p),
      specQuery('cosmos-control-plane', 'Control-plane operations on the account (CDBControlPlaneRequests)', {
        window: p.window,
        match: [scopeOf(account)],
        project: ['TimeGenerated', 'OperationName', 'OperationType', 'HttpMethod', 'HttpStatusCode', 'Result'],
        order: ['TimeGenerated', 'asc'],
        limit: 50,
      }, p),
    ];
    const activity = resourceActivity({ ...p, resourceId: account });
    return activity ? [...out, activity] : out;
  },
  answer(rows, subject) {
    return byClient(rows('cosmos-data-plane'), 'ClientIpAddress', subject, (group) => {
      const r = group[0]!;
      const principal = textOf(r.AadPrincipalId);
      const credential = principal ? `Entra principal ${displayName(subject, principal)}` : textOf(r.KeyType) ? `the ${textOf(r.KeyType)} key` : textOf(r.AuthTokenType) || 'an unknown credential';
      return `with ${credential} on ${[textOf(r.DatabaseName), textOf(r.CollectionName)].filter(Boolean).join('/') || 'the account'}`;
    });
  },
};

const APIM = /microsoft\.apimanagement\/service/;

export const apiManagementPlan: Plan = {
  queries(subject, _cloud, p) {
    const service = rootOf(subject.resourceId, APIM);
    if (!service) return [];
    return [
      specQuery('apim-gateway', 'API calls through the gateway (ApiManagementGatewayLogs)', {
        window: p.window,
        match: [scopeOf(service), anyOf(inList('CallerIpAddress', 'ips', subject.ips, false))],
        summarize: { by: ['CallerIpAddress', 'ApiId', 'OperationId', 'Method', 'ResponseCode', 'UserId', 'ApimSubscriptionId'] },
        order: ['FirstSeen', 'asc'],
        limit: 50,
      }, p),
    ];
  },
  answer(rows, subject) {
    return byClient(rows('apim-gateway'), 'CallerIpAddress', subject, (group) => {
      const r = group[0]!;
      const who = textOf(r.UserId) || textOf(r.ApimSubscriptionId);
      return `to API ${textOf(r.ApiId) || 'unknown'}${who ? ` as ${who}` : ''} (responses ${[...new Set(group.map((g) => textOf(g.ResponseCode)))].join(', ')})`;
    }, 'OperationId');
  },
};

const AI = /microsoft\.(cognitiveservices\/accounts|machinelearningservices\/workspaces)/;

export const aiPlan: Plan = {
  queries(subject, _cloud, p) {
    const account = rootOf(subject.resourceId, AI);
    if (!account) return [];
    const out: CatalogueQuery[] = [
      specQuery('ai-diagnostics', 'Requests to the AI resource (AzureDiagnostics Audit, RequestResponse)', {
        window: p.window,
        fixed: [{ kql: "ResourceProvider in ('MICROSOFT.COGNITIVESERVICES', 'MICROSOFT.MACHINELEARNINGSERVICES')", test: (r) => /^MICROSOFT\.(COGNITIVESERVICES|MACHINELEARNINGSERVICES)$/i.test(textOf(r.ResourceProvider)) }],
        match: [scopeOf(account), anyOf(inList('CallerIPAddress', 'ips', subject.ips, false))],
        summarize: { by: ['CallerIPAddress', 'Category', 'OperationName', 'ResultSignature'] },
        order: ['FirstSeen', 'asc'],
        limit: 50,
      }, p),
    ];
    const activity = resourceActivity({ ...p, resourceId: account });
    return activity ? [...out, activity] : out;
  },
  answer(rows, subject) {
    return byClient(rows('ai-diagnostics'), 'CallerIPAddress', subject, (group) => `(${[...new Set(group.map((g) => textOf(g.Category)))].join(', ')})`);
  },
};

/** One sentence per client address (the alert's own first): "<ip> sent N requests (<ops>) <detail>, <span>." */
function byClient(rows: Row[], ipColumn: string, subject: InvestigationSubject, detail: (group: Row[]) => string, opColumn = 'OperationName'): string[] {
  return groupsOf(rows, (r) => textOf(r[ipColumn]), (r) => textOf(r[ipColumn]), subject.ips)
    .slice(0, 2)
    .map((group) => [textOf(group[0]![ipColumn]), group] as const)
    .map(([ip, group]) => `${ip || 'An unknown client'} sent ${totalCount(group)} request${totalCount(group) === 1 ? '' : 's'} (${operationCounts(group, opColumn, 3)}) ${detail(group)}, ${spanOf(group)}.`);
}
