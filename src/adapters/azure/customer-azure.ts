/**
 * The Azure side of many customers (CUSTOMERS), for the composition root: Defender polling of every
 * customer's subscriptions with its tenant's identity (tenant-pollers.ts), and write-back with the
 * same identity (tenant-write-back.ts). Without CUSTOMERS the composition root builds the one
 * poller and the one write-back as before.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { Customer } from '../../domain/customers';
import type { DefenderWriteBack } from '../../ports/defender-client';
import { DefenderAlertLister } from './defender-alert-lister';
import { subscriptionsByTenant, tenantCredentials, type CredentialFor, type TenantCredentialSettings } from './tenant-credentials';
import { TenantPollers, type TenantPollerOptions } from './tenant-pollers';
import { TenantWriteBack } from './tenant-write-back';

export interface CustomerAzureSettings extends TenantCredentialSettings {
  AZURE_SUBSCRIPTION_IDS: string[];
  ARM_ENDPOINT?: string;
}

export interface CustomerAzure {
  credentialFor: CredentialFor;
  poller(options: TenantPollerOptions): TenantPollers;
  writeBack(): DefenderWriteBack;
}

/** `make`: a credential per tenant given by the caller (tests against local fakes; their tokens are sent over plain http). */
export function customerAzure(s: CustomerAzureSettings, customers: readonly Customer[], own: () => TokenCredential, make?: (tenantId: string) => TokenCredential): CustomerAzure {
  const credentialFor = tenantCredentials(s, own, make);
  const endpoint = s.ARM_ENDPOINT;
  const plain = { endpoint, allowInsecureConnection: endpoint?.startsWith('http://') ?? false, tokenOverHttp: make !== undefined };
  return {
    credentialFor,
    poller: (options) => new TenantPollers(subscriptionsByTenant(s.AZURE_SUBSCRIPTION_IDS, customers), (tenantId) => new DefenderAlertLister({ ...plain, credential: credentialFor(tenantId) }), options),
    writeBack: () => new TenantWriteBack(customers, credentialFor, plain),
  };
}
