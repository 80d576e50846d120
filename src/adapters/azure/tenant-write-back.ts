/**
 * Write-back with the identity of the alert's tenant (CUSTOMERS, AZURE_TENANT_CREDENTIALS=per-tenant):
 * the alert's customer's tenant credential, else the bot's own; one ARM write-back client per tenant.
 * With Lighthouse every tenant's credential is the bot's own, and this is one client.
 */
import { customerOfAlert } from '../../domain/customer-access';
import type { Customer } from '../../domain/customers';
import type { Alert, AlertStatus } from '../../domain/alert';
import type { DefenderWriteBack, WriteBackResult } from '../../ports/defender-client';
import { ArmDefenderWriteBack, type DefenderWriteBackOptions } from './defender-write-back';
import type { CredentialFor } from './tenant-credentials';

export class TenantWriteBack implements DefenderWriteBack {
  private readonly clients = new Map<string, ArmDefenderWriteBack>();

  constructor(
    private readonly customers: readonly Customer[],
    private readonly credentialFor: CredentialFor,
    private readonly options: Omit<DefenderWriteBackOptions, 'credential'>,
  ) {}

  setStatus(alert: Alert, status: AlertStatus): Promise<WriteBackResult> {
    return this.client(customerOfAlert(alert, this.customers)?.tenantId).setStatus(alert, status);
  }

  private client(tenantId: string | undefined): ArmDefenderWriteBack {
    const key = tenantId ?? '';
    let client = this.clients.get(key);
    if (!client) this.clients.set(key, (client = new ArmDefenderWriteBack({ ...this.options, credential: this.credentialFor(tenantId) })));
    return client;
  }
}
