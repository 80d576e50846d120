/**
 * Key vaults (Defender for Key Vault): who listed and read which secrets, keys or certificates, from
 * where — AZKVAuditLogs (Identity claims, CallerIpAddress, RequestUri), or the AzureDiagnostics
 * AuditEvent rows of a vault in Azure diagnostics mode, whose flattened identity columns exist only
 * when some row had them (column_ifexists).
 */
import { resourceActivity } from '../identity-queries';
import type { CatalogueQuery, QueryName, QueryParams } from '../query-types';
import { dyn, scopeOf, textOf, type Derived, type Row } from '../source-query';
import type { CloudSubject, InvestigationSubject } from '../subject';
import { callerConditions, displayName, groupsOf, operationCounts, rootOf, spanOf, specQuery, type Plan } from './plan';

const VAULT = /microsoft\.keyvault\/(vaults|managedhsms)/;
const OBJECT_NAME_RE = /\/(secrets|keys|certificates)\/([^/?]+)/i;
const OBJECT_NAME_KQL = (column: string) => `extract(@'/(secrets|keys|certificates)/([^/?]+)', 2, ${column})`;
const OBJECT_ID_CLAIM = 'http://schemas.microsoft.com/identity/claims/objectidentifier';
const UPN_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';

const AUDIT_DERIVED: Derived[] = [
  { name: 'ClientIp', kql: 'CallerIpAddress', value: (r) => r.CallerIpAddress },
  { name: 'CallerObjectId', kql: `tostring(coalesce(Identity.claim.oid, Identity.claim['${OBJECT_ID_CLAIM}']))`, value: (r) => textOf(dyn(r, 'Identity', 'claim', 'oid') ?? dyn(r, 'Identity', 'claim', OBJECT_ID_CLAIM)) },
  { name: 'CallerAppId', kql: 'tostring(Identity.claim.appid)', value: (r) => textOf(dyn(r, 'Identity', 'claim', 'appid')) },
  { name: 'CallerUpn', kql: `tostring(coalesce(Identity.claim.upn, Identity.claim['${UPN_CLAIM}']))`, value: (r) => textOf(dyn(r, 'Identity', 'claim', 'upn') ?? dyn(r, 'Identity', 'claim', UPN_CLAIM)) },
  { name: 'ObjectName', kql: OBJECT_NAME_KQL('RequestUri'), value: (r) => OBJECT_NAME_RE.exec(textOf(r.RequestUri))?.[2] ?? '' },
];

const LEGACY_DERIVED: Derived[] = [
  { name: 'ClientIp', kql: 'CallerIPAddress', value: (r) => r.CallerIPAddress },
  { name: 'CallerObjectId', kql: "tostring(column_ifexists('identity_claim_oid_g', ''))", value: (r) => textOf(r.identity_claim_oid_g) },
  { name: 'CallerAppId', kql: "tostring(column_ifexists('identity_claim_appid_g', ''))", value: (r) => textOf(r.identity_claim_appid_g) },
  { name: 'CallerUpn', kql: "tostring(column_ifexists('identity_claim_upn_s', ''))", value: (r) => textOf(r.identity_claim_upn_s) },
  { name: 'ObjectName', kql: OBJECT_NAME_KQL("tostring(column_ifexists('requestUri_s', ''))"), value: (r) => OBJECT_NAME_RE.exec(textOf(r.requestUri_s))?.[2] ?? '' },
];

export const keyVaultPlan: Plan = {
  queries(subject, cloud, p) {
    const vault = rootOf(subject.resourceId, VAULT);
    if (!vault) return [];
    const out: CatalogueQuery[] = [
      auditQuery('key-vault-audit', 'Key vault operations (AZKVAuditLogs)', vault, AUDIT_DERIVED, [], subject, cloud, p),
      auditQuery('key-vault-audit-legacy', 'Key vault operations (AzureDiagnostics AuditEvent)', vault, LEGACY_DERIVED, [
        { kql: "ResourceType == 'VAULTS'", test: (r) => textOf(r.ResourceType).toUpperCase() === 'VAULTS' },
        { kql: "Category == 'AuditEvent'", test: (r) => r.Category === 'AuditEvent' },
      ], subject, cloud, p),
    ];
    const activity = resourceActivity({ ...p, resourceId: vault });
    return activity ? [...out, activity] : out;
  },
  answer(rows, subject) {
    const all = [...rows('key-vault-audit'), ...rows('key-vault-audit-legacy')];
    return vaultSentences(all, subject);
  },
};

function auditQuery(name: QueryName, title: string, vault: string, derive: Derived[], fixed: { kql: string; test: (r: Row) => boolean }[], subject: InvestigationSubject, cloud: CloudSubject, p: QueryParams): CatalogueQuery {
  return specQuery(name, title, {
    window: p.window,
    fixed,
    derive,
    match: [
      scopeOf(vault),
      callerConditions(subject, cloud, { ip: 'ClientIp', objectId: 'CallerObjectId', upn: 'CallerUpn', appId: 'CallerAppId' }),
    ],
    summarize: { by: ['ClientIp', 'CallerObjectId', 'CallerAppId', 'CallerUpn', 'OperationName', 'ResultSignature'], sets: [{ name: 'Objects', column: 'ObjectName' }] },
    order: ['FirstSeen', 'asc'],
    limit: 50,
  }, p);
}

/** "sp-billing-sync (service principal) ran SecretList ×1, SecretGet ×1 from 198.51.100.77 (03:04–03:05), on invoices-storage-key." */
function vaultSentences(rows: Row[], subject: InvestigationSubject): string[] {
  const key = (r: Row) => `${textOf(r.CallerObjectId) || textOf(r.CallerUpn) || textOf(r.CallerAppId)}|${textOf(r.ClientIp)}`;
  return groupsOf(rows, key, (r) => textOf(r.ClientIp), subject.ips).slice(0, 2).map((group) => {
    const r = group[0]!;
    const id = textOf(r.CallerObjectId) || textOf(r.CallerUpn) || textOf(r.CallerAppId);
    const who = id ? `${displayName(subject, id)}${kindNote(subject, id)}` : 'An unidentified caller';
    const objects = [...new Set(group.flatMap((g) => (Array.isArray(g.Objects) ? g.Objects.map(textOf) : [])).filter(Boolean))];
    const ip = textOf(r.ClientIp);
    const on = objects.length ? `, on ${objects.slice(0, 3).join(', ')}` : '';
    return `${who} ran ${operationCounts(group)}${ip ? ` from ${ip}` : ''} (${spanOf(group)})${on}.`;
  });
}

function kindNote(subject: InvestigationSubject, id: string): string {
  const account = subject.accounts.find((a) => [a.aadUserId, a.upn, a.appId, a.name].some((v) => v?.toLowerCase() === id.toLowerCase()));
  if (account?.accountKind === 'entra-service-principal') return ' (service principal)';
  if (account?.accountKind === 'managed-identity') return ' (managed identity)';
  return '';
}
