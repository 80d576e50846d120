/**
 * Storage accounts (Defender for Storage): who read or wrote, from where and with which credential —
 * StorageBlobLogs / StorageFileLogs / StorageQueueLogs / StorageTableLogs (CallerIpAddress with its
 * port, AuthenticationType SAS / AccountKey / OAuth / Anonymous, AuthenticationHash naming the key
 * that signed a SAS, RequesterUpn/ObjectId/AppId for Entra callers, UserAgentHeader, ObjectKey).
 * An alert on blobs searches the blob logs, one on files the file logs, any other all four.
 */
import { resourceActivity } from '../identity-queries';
import type { CatalogueQuery, QueryName, QueryParams } from '../query-types';
import { CLIENT_IP_KQL, clientIp, scopeOf, textOf, type Row } from '../source-query';
import type { CloudSubject, InvestigationSubject } from '../subject';
import { callerConditions, displayName, groupsOf, operationCounts, rootOf, spanOf, specQuery, totalCount, type Plan } from './plan';

const SERVICES: { name: QueryName; service: 'blob' | 'file' | 'queue' | 'table'; title: string }[] = [
  { name: 'storage-blob', service: 'blob', title: 'Blob requests to the storage account (StorageBlobLogs)' },
  { name: 'storage-file', service: 'file', title: 'File share requests to the storage account (StorageFileLogs)' },
  { name: 'storage-queue', service: 'queue', title: 'Queue requests to the storage account (StorageQueueLogs)' },
  { name: 'storage-table', service: 'table', title: 'Table requests to the storage account (StorageTableLogs)' },
];

const ACCOUNT = /microsoft\.storage\/storageaccounts/;

export const storagePlan: Plan = {
  queries(subject, cloud, p) {
    const account = rootOf(subject.resourceId, ACCOUNT);
    const services = SERVICES.filter((s) => !cloud.storageService || s.service === cloud.storageService);
    const out: CatalogueQuery[] = account ? services.map((s) => storageQuery(s.name, s.title, account, subject, cloud, p)) : [];
    const activity = resourceActivity({ ...p, resourceId: account });
    return activity ? [...out, activity] : out;
  },
  answer(rows, subject, cloud) {
    const all = SERVICES.flatMap((s) => rows(s.name));
    return storageSentences(all, subject, cloud);
  },
};

function storageQuery(name: QueryName, title: string, account: string, subject: InvestigationSubject, cloud: CloudSubject, p: QueryParams): CatalogueQuery {
  return specQuery(name, title, {
    window: p.window,
    derive: [{ name: 'ClientIp', kql: CLIENT_IP_KQL('CallerIpAddress'), value: (r) => clientIp(r.CallerIpAddress) }],
    match: [
      scopeOf(account),
      callerConditions(subject, cloud, { ip: 'ClientIp', objectId: 'RequesterObjectId', upn: 'RequesterUpn', appId: 'RequesterAppId' }),
    ],
    summarize: {
      by: ['ClientIp', 'AuthenticationType', 'AuthenticationHash', 'RequesterUpn', 'RequesterObjectId', 'RequesterAppId', 'OperationName', 'StatusCode', 'UserAgentHeader'],
      sets: [{ name: 'Objects', column: 'ObjectKey' }],
    },
    order: ['FirstSeen', 'asc'],
    limit: 50,
  }, p);
}

/** "198.51.100.77 sent 4 requests (ListBlobs ×1, GetBlob ×3) with a SAS token signed by key1, 03:11–03:14, reading …; user agent AzCopy/10.27.1." */
function storageSentences(rows: Row[], subject: InvestigationSubject, cloud: CloudSubject): string[] {
  if (!rows.length) return [];
  return groupsOf(rows, (r) => callerOf(r, subject), (r) => textOf(r.ClientIp), subject.ips).slice(0, 2).map((group) => {
    const caller = callerOf(group[0]!, subject);
    const objects = [...new Set(group.flatMap((r) => (Array.isArray(r.Objects) ? r.Objects.map(textOf) : [])))];
    const agents = [...new Set(group.map((r) => textOf(r.UserAgentHeader)).filter(Boolean))];
    const total = totalCount(group);
    const reading = objects.length ? `, on ${objects.slice(0, 2).map(shortObject).join(', ')}${objects.length > 2 ? ` and ${objects.length - 2} more` : ''}` : '';
    const agent = agents.length ? `; user agent ${agents[0]}` : '';
    void cloud;
    return `${caller} sent ${total} request${total === 1 ? '' : 's'} (${operationCounts(group)}) with ${authOf(group)}, ${spanOf(group)}${reading}${agent}.`;
  });
}

function callerOf(r: Row, subject: InvestigationSubject): string {
  const principal = textOf(r.RequesterUpn) || textOf(r.RequesterObjectId) || textOf(r.RequesterAppId);
  const ip = textOf(r.ClientIp);
  if (principal) return `${displayName(subject, principal)}${ip ? ` from ${ip}` : ''}`;
  return ip || 'an unknown caller';
}

function authOf(rows: Row[]): string {
  const types = [...new Set(rows.map((r) => textOf(r.AuthenticationType)))];
  const hash = rows.map((r) => textOf(r.AuthenticationHash)).find(Boolean) ?? '';
  const key = /^(key\d)\(/i.exec(hash)?.[1];
  return types
    .map((t) => {
      if (/sas/i.test(t)) return `a SAS token${key ? ` signed by ${key}` : ''}`;
      if (/accountkey|sharedkey/i.test(t)) return `the account key${key ? ` (${key})` : ''}`;
      if (/anonymous/i.test(t)) return 'no authentication (anonymous)';
      if (/oauth|bearer/i.test(t)) return 'an Entra ID token';
      return t || 'an unknown credential';
    })
    .join(' and ');
}

/** "/stprodinvoices01/invoices/2026/11/a.pdf" → "invoices/2026/11/a.pdf" */
function shortObject(key: string): string {
  return key.split('/').filter(Boolean).slice(1).join('/') || key;
}
