/**
 * Which identity reaches which customer's subscriptions (CUSTOMERS):
 *   lighthouse  (default) the bot's one credential (AZURE_CREDENTIAL): Azure Lighthouse delegates
 *               every customer's subscriptions to it, so one token serves them all;
 *   per-tenant  one credential per customer tenant, made by the same factory (credentials.ts) with
 *               the customer's tenant id: a multitenant app registration (client secret or
 *               certificate) consented in each customer's tenant. A managed identity cannot sign
 *               in to another tenant, so per-tenant needs client-secret or client-certificate.
 * Subscriptions outside CUSTOMERS (AZURE_SUBSCRIPTION_IDS alone) use the bot's own credential.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { Customer } from '../../domain/customers';
import { createAzureCredential, type CredentialSettings } from './credentials';

export type TenantCredentialMode = 'lighthouse' | 'per-tenant';

export interface TenantCredentialSettings extends CredentialSettings {
  AZURE_TENANT_CREDENTIALS?: TenantCredentialMode;
}

/** The credential for a tenant (undefined: the bot's own), each made once. */
export type CredentialFor = (tenantId: string | undefined) => TokenCredential;

export function tenantCredentials(s: TenantCredentialSettings, own: () => TokenCredential, make?: (tenantId: string) => TokenCredential): CredentialFor {
  if ((s.AZURE_TENANT_CREDENTIALS ?? 'lighthouse') === 'lighthouse' && !make) return () => own();
  const made = new Map<string, TokenCredential>();
  const factory = make ?? ((tenantId: string) => createAzureCredential({ ...s, AZURE_TENANT_ID: tenantId }).credential);
  return (tenantId) => {
    if (!tenantId) return own();
    let credential = made.get(tenantId);
    if (!credential) made.set(tenantId, (credential = factory(tenantId)));
    return credential;
  };
}

export interface TenantSubscriptions {
  /** undefined: the bot's own subscriptions (AZURE_SUBSCRIPTION_IDS outside CUSTOMERS). */
  tenantId?: string;
  subscriptionIds: string[];
}

/** Every subscription to poll, grouped by tenant: each customer's, then the rest of AZURE_SUBSCRIPTION_IDS. */
export function subscriptionsByTenant(own: readonly string[], customers: readonly Customer[]): TenantSubscriptions[] {
  const byTenant = new Map<string, Set<string>>();
  const claimed = new Set<string>();
  for (const c of customers) {
    const set = byTenant.get(c.tenantId) ?? new Set<string>();
    for (const sub of c.subscriptions) {
      set.add(sub);
      claimed.add(sub);
    }
    byTenant.set(c.tenantId, set);
  }
  const groups: TenantSubscriptions[] = [...byTenant].map(([tenantId, subs]) => ({ tenantId, subscriptionIds: [...subs] }));
  const rest = own.map((s) => s.toLowerCase()).filter((s) => !claimed.has(s));
  if (rest.length) groups.push({ subscriptionIds: [...new Set(rest)] });
  return groups;
}
