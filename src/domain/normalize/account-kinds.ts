/**
 * What each account is, once the alert's resource kind is known. The same bare name means different
 * things per plan: `azureuser` on a Linux VM is the machine's own account, `app_user` on Azure SQL a
 * SQL login, `system:serviceaccount:payments:deployer` a Kubernetes service account. Rules, in order:
 *   1. A Kubernetes service-account entity, or a `system:serviceaccount:` name → Kubernetes service account.
 *   2. Entra identifiers (UPN, AAD object id): a user, unless the alert says it is an application —
 *      a principal/identity type in the extended properties, or a cloud-application entity → service
 *      principal / managed identity.
 *   3. An AD objectGUID or IsDomainJoined: true → domain account.
 *   4. By the resource kind: SQL kinds → SQL login; Kubernetes → Kubernetes user; Linux machine →
 *      machine-local; Windows machine → machine-local when the locality judge says so, domain when an
 *      NT domain other than the machine's is named, else unknown (never "domain" on no evidence).
 *   5. Anything else → unknown.
 * `isLocal` is true only for machine-local accounts, so the card's local-account warning is raised on
 * machines and nowhere else, and an account is never called both local and domain.
 */
import type { AccessKind, AccountEntity, AccountKind, CloudApplicationEntity } from '../alert';
import { extendedValue } from '../extended-properties';
import { isSqlKind, type ResourceKind } from '../resource-kind';
import type { AccountHints } from './entities';

export interface AccountContext {
  resourceKind: ResourceKind;
  cloudApps: CloudApplicationEntity[];
  extended: Record<string, string>;
}

const ENTRA_KINDS: ReadonlySet<AccountKind> = new Set(['entra-user', 'entra-service-principal', 'managed-identity']);

export function isEntraKind(kind: AccountKind | undefined): boolean {
  return kind !== undefined && ENTRA_KINDS.has(kind);
}

export function classifyAccounts(who: AccountEntity[], hints: WeakMap<AccountEntity, AccountHints>, ctx: AccountContext): AccountEntity[] {
  const principalType = extendedValue(ctx.extended, 'principaltype', 'identitytype', 'callertype', 'usertype', 'actortype') ?? '';
  const appId = extendedValue(ctx.extended, 'applicationid', 'appid', 'clientapplicationid', 'clientappid') ?? (ctx.cloudApps.length === 1 ? ctx.cloudApps[0]!.appId : undefined);
  return who.map((account) => {
    const accountKind = kindOf(account, hints.get(account), ctx, principalType);
    const withApp = accountKind === 'entra-service-principal' || accountKind === 'managed-identity' ? { appId: account.appId ?? appId } : {};
    const out: AccountEntity = { ...account, ...withApp, accountKind, isLocal: accountKind === 'machine-local', isEntra: isEntraKind(accountKind) };
    if (out.appId === undefined) delete out.appId;
    return out;
  });
}

function kindOf(a: AccountEntity, hints: AccountHints | undefined, ctx: AccountContext, principalType: string): AccountKind {
  if (hints?.kubernetesServiceAccount || /^system:serviceaccount:/i.test(a.name)) return 'kubernetes-service-account';
  if (a.upn || a.aadUserId) return entraKind(a, ctx, principalType);
  if (hints?.directory) return 'domain';
  const kind = ctx.resourceKind;
  if (isSqlKind(kind)) return 'sql-login';
  if (kind === 'kubernetes') return 'kubernetes-user';
  if (kind === 'linux-machine') return 'machine-local';
  if (kind === 'windows-machine') {
    if (a.isLocal) return 'machine-local';
    if (a.domain) return 'domain';
    return hints?.notDomainJoined ? 'machine-local' : 'unknown';
  }
  return 'unknown';
}

function entraKind(a: AccountEntity, ctx: AccountContext, principalType: string): AccountKind {
  if (/managed ?identity|\bmsi\b/i.test(principalType)) return 'managed-identity';
  if (/service ?principal|application|\bapp\b/i.test(principalType)) return 'entra-service-principal';
  if (/user/i.test(principalType)) return 'entra-user';
  if (a.upn) return 'entra-user';
  const named = ctx.cloudApps.some((app) => (app.name && app.name.toLowerCase() === a.name.toLowerCase()) || (app.appId && app.appId === a.appId));
  return named ? 'entra-service-principal' : 'entra-user';
}

/** Defender for Storage's authentication type (and the alert types that imply one) → credential-only access. */
export function accessKindOf(alertType: string, extended: Record<string, string>): AccessKind | undefined {
  const auth = (extendedValue(extended, 'authenticationtype', 'authtype', 'authorizationtype') ?? '').toLowerCase();
  if (/anonymous/.test(auth) || /AnonymousAccess/i.test(alertType)) return 'anonymous';
  if (/sas/.test(auth) || /_AccountSas\b|\.Sas/i.test(alertType)) return 'sas';
  if (/accountkey|sharedkey|^key$/.test(auth.replace(/\s+/g, ''))) return 'account-key';
  return undefined;
}
