/**
 * The alert card's who / where / what facts in the plan's own vocabulary: "Host" only for machines
 * ("Storage account", "Key vault", "Cluster / namespace / pod", "SQL server / database", "App",
 * "Subscription" for the others), each account with what it is (Entra ID user, service principal,
 * local account, SQL login, Kubernetes service account…), credential-only access (SAS, key,
 * anonymous), Kubernetes objects as pod/container/image, paths with their own separator, the threat
 * intelligence Defender put on the IPs, and the plan's key extended properties as labelled facts.
 */
import type { AccessKind, AccountEntity, AccountKind, Alert, KubernetesEntity, WhatEntity } from '../../domain/alert';
import { primaryHostName } from '../../domain/alert';
import { alertIntel, malwareNames } from '../../domain/alert-intel';
import { resourceKindOf } from '../../domain/alert-kind';
import { extendedKey } from '../../domain/extended-properties';
import { joinPath } from '../../domain/normalize/entities';
import { isMachineKind, WHERE_LABEL, type ResourceKind } from '../../domain/resource-kind';
import type { Budget } from './budget';
import { capList } from './budget';
import { fact, listFact, type Fact } from './facts';
import { nameWarnings, shownName } from './shown-name';
import { oneLine, toText } from './text';

const ACCOUNT_LABEL: Record<AccountKind, string> = {
  'entra-user': 'Entra ID user',
  'entra-service-principal': 'Entra ID service principal',
  'managed-identity': 'managed identity',
  'machine-local': 'local account',
  domain: 'domain account',
  'sql-login': 'SQL login',
  'kubernetes-user': 'Kubernetes user',
  'kubernetes-service-account': 'Kubernetes service account',
  unknown: 'account',
};

const ACCESS_LABEL: Record<AccessKind, string> = {
  sas: 'SAS token — no identity named in the alert',
  'account-key': 'account key — no identity named in the alert',
  anonymous: 'anonymous — no authentication',
};

/** Extended properties worth a fact, per plan (normalized key names, see extended-properties.ts). */
const DETAIL_KEYS: Partial<Record<ResourceKind, string[]>> = {
  'linux-machine': ['numberoffailedauthenticationattempts', 'accountsusedonfailedsignintohostattempts', 'attackers'],
  'storage-account': ['authenticationtype', 'operationstypes', 'servicetype', 'useragent'],
  'key-vault': ['operations', 'userprincipalname', 'principaltype'],
  'azure-sql': ['clientprincipalname', 'clientapplication', 'vulnerablestatement', 'suspiciousstatement', 'failedlogins'],
  'sql-on-machine': ['clientprincipalname', 'clientapplication', 'failedlogins', 'suspiciousstatement'],
  'open-source-database': ['clientprincipalname', 'failedlogins'],
  kubernetes: ['kubernetesuser', 'imagename'],
  'app-service': ['requestedurl', 'httpmethod', 'useragent'],
  'resource-manager': ['operations'],
  dns: ['domainname'],
  'cosmos-db': ['keytype', 'operations'],
  'api-management': ['apioperation'],
  'ai-service': ['modeldeployment'],
};

function accountText(a: AccountEntity): string {
  const kind = a.accountKind;
  const qualified = kind === undefined || kind === 'machine-local' || kind === 'domain';
  const name = a.domain && qualified ? `${shownName(a.domain)}\\${shownName(a.name)}` : shownName(a.name);
  // Alerts stored before account kinds: Entra or local as before, and no "domain" claim without evidence.
  const label = kind ? ACCOUNT_LABEL[kind] : a.isEntra ? 'Entra ID account' : a.isLocal ? 'local account' : 'account';
  const ids = [a.upn && `UPN ${shownName(a.upn)}`, a.aadUserId && `Entra ID object ${toText(a.aadUserId)}`, a.appId && `app id ${toText(a.appId)}`, a.sid && `SID ${toText(a.sid)}`];
  return [name, label, ...ids].filter(Boolean).join(' · ');
}

export function whoFacts(alert: Alert, budget: Budget): Fact[] {
  const { shown, more } = capList(alert.who, budget.items);
  const facts = shown.flatMap((a) => [
    ...fact('Account', accountText(a), budget),
    ...listFact('Look-alike', nameWarnings('account', [a.domain, a.name, a.upn].filter(Boolean)), budget),
  ]);
  if (more > 0) facts.push(...fact('More', `${more} more accounts`, budget));
  if (alert.accessKind) facts.push(...fact('Access', ACCESS_LABEL[alert.accessKind], budget));
  return facts;
}

export function whereFacts(alert: Alert, budget: Budget, resourcePortalUrl: (id: unknown) => string | undefined): Fact[] {
  const kind = resourceKindOf(alert);
  const ws = alert.workspace;
  const machine = isMachineKind(kind) || kind === 'sql-on-machine';
  return [
    ...(machine ? hostFacts(alert, budget) : []),
    ...(machine ? fact('Resource', alert.resourceName, budget) : listFact(WHERE_LABEL[kind], placesOf(alert, kind), budget)),
    ...(kind === 'sql-on-machine' ? listFact(WHERE_LABEL[kind], sqlPlaces(alert), budget) : []),
    // The full id only when it makes no portal link (the link button carries it otherwise).
    ...fact('Resource id', resourcePortalUrl(alert.resourceId) ? '' : alert.resourceId, budget),
    ...(kind === 'resource-manager' ? [] : fact('Subscription', alert.subscriptionId, budget)),
    ...fact('Resource group', alert.resourceGroup, budget),
    ...fact('Workspace', ws ? [ws.workspaceId, ws.resourceGroup && `rg ${toText(ws.resourceGroup)}`].filter(Boolean).join(' · ') : '', budget),
  ];
}

function hostFacts(alert: Alert, budget: Budget): Fact[] {
  const hostEntities = alert.where.flatMap((e) => (e.kind === 'host' ? [e] : []));
  const hosts = hostEntities.map((e) => hostText(e.hostName, e.osVersion ?? e.osFamily));
  const names = hostEntities.length ? hostEntities.map((e) => e.hostName) : [primaryHostName(alert)];
  return [
    ...listFact('Host', hosts.length ? hosts : [shownName(primaryHostName(alert))], budget),
    ...listFact('Look-alike', nameWarnings('host', names.filter(Boolean)), budget),
  ];
}

function hostText(name: unknown, os: unknown): string {
  const osText = oneLine(os);
  return osText ? `${shownName(name)} (${osText})` : shownName(name);
}

/** What the plan's "where" names: the storage account, vault, cluster / namespace / pod, server / database, subscription… */
function placesOf(alert: Alert, kind: ResourceKind): string[] {
  switch (kind) {
    case 'kubernetes': {
      const chains = kubernetesOf(alert).filter((k) => k.level !== 'image').map((k) => [k.cluster, k.namespace, k.pod].filter(Boolean).join(' / '));
      return unique(chains.length ? chains : [alert.resourceName ?? '']);
    }
    case 'azure-sql':
    case 'open-source-database':
      return sqlPlaces(alert);
    case 'resource-manager':
      return [alert.subscriptionId ?? alert.resourceName ?? ''];
    case 'dns': {
      const hosts = alert.where.flatMap((e) => (e.kind === 'host' ? [e.hostName] : []));
      return hosts.length ? hosts : [alert.resourceName ?? alert.compromisedEntity ?? ''];
    }
    default:
      return [alert.resourceName ?? alert.compromisedEntity ?? ''];
  }
}

/** "sql-prod-orders / orders" from …/servers/sql-prod-orders/databases/orders (or Defender's "Server name" / "Database name"). */
function sqlPlaces(alert: Alert): string[] {
  const id = alert.resourceId ?? '';
  const server = /\/(servers|flexibleservers|managedinstances|workspaces)\/([^/]+)/i.exec(id)?.[2] ?? ext(alert, 'servername');
  const database = /\/databases\/([^/]+)/i.exec(id)?.[1] ?? ext(alert, 'databasename');
  const place = [server, database].filter(Boolean).join(' / ');
  return place ? [place] : [];
}

function ext(alert: Alert, key: string): string | undefined {
  const k = extendedKey(alert.extendedProperties ?? {}, key);
  return k === undefined ? undefined : alert.extendedProperties[k];
}

function kubernetesOf(alert: Alert): KubernetesEntity[] {
  return alert.where.filter((w): w is KubernetesEntity => w.kind === 'kubernetes');
}

export function whatFacts(alert: Alert, budget: Budget): Fact[] {
  const of = <K extends WhatEntity['kind']>(kind: K) => alert.what.filter((e): e is Extract<WhatEntity, { kind: K }> => e.kind === kind);
  const intel = new Map(alertIntel(alert).map((i) => [i.ioc, i.verdict]));
  const kind = resourceKindOf(alert);
  return [
    ...listFact('MITRE tactics', alert.tactics, budget),
    ...listFact('Techniques', [...alert.techniques, ...alert.subTechniques], budget),
    ...listFact('Processes', of('process').map((p) => p.imageFile ?? p.processId), budget),
    ...listFact('Files', of('file').map((f) => (f.directory ? joinPath(toText(f.directory), toText(f.name)) : f.name)), budget),
    ...listFact('Containers', containerTexts(alert), budget),
    ...listFact('Blobs', of('storage-object').map((o) => [o.container, o.blob].filter(Boolean).join('/')), budget),
    ...listFact('Applications', of('cloud-application').map((a) => [a.name, a.appId && `app id ${toText(a.appId)}`].filter(Boolean).join(' · ')), budget),
    ...listFact('Malware', malwareNames(alert), budget),
    ...listFact('IPs', of('ip').map((i) => (intel.has(i.address) ? `${toText(i.address)} (Defender: ${intel.get(i.address)})` : i.address)), budget),
    ...listFact('URLs', of('url').map((u) => u.url), budget),
    ...listFact('Domains', of('domain').map((d) => d.domain), budget),
    ...listFact('Other', of('other').map((o) => `${toText(o.type)}: ${toText(o.summary)}`), budget),
    ...detailFacts(alert, kind, budget),
    ...listFact('Alert type', [alert.alertType], budget),
    ...unusableFacts(alert, budget),
  ];
}

/** What the alert carried but the bot could not read: shown, so a defaulted value is not taken for Defender's. */
function unusableFacts(alert: Alert, budget: Budget): Fact[] {
  const items = Array.isArray(alert.unusable) ? alert.unusable : [];
  return listFact('Unreadable in the alert', items.map((u) => `${toText(u.field)} "${toText(u.value)}" (${toText(u.instead)})`), budget);
}

/** "debug (privileged) · image docker.io/library/alpine:3.19" */
function containerTexts(alert: Alert): string[] {
  return kubernetesOf(alert)
    .filter((k) => k.container || k.level === 'image')
    .map((k) => [k.container ? `${toText(k.container)}${k.privileged ? ' (privileged)' : ''}` : '', k.image ? `image ${toText(k.image)}` : ''].filter(Boolean).join(' · '));
}

function detailFacts(alert: Alert, kind: ResourceKind, budget: Budget): Fact[] {
  const extended = alert.extendedProperties ?? {};
  const keys = unique((DETAIL_KEYS[kind] ?? []).flatMap((k) => {
    const key = extendedKey(extended, k);
    return key === undefined ? [] : [key];
  }));
  return keys.slice(0, budget.items).flatMap((key) => fact(key, extended[key], budget));
}

function unique(items: string[]): string[] {
  return [...new Set(items.filter((i) => i !== ''))];
}
