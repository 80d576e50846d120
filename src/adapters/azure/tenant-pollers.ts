/**
 * Defender polling across tenants (CUSTOMERS): one DefenderPoller per tenant, each listing with
 * its tenant's credential (tenant-credentials.ts) and leasing each subscription under
 * `poll:<tenant>/<subscription>`, so across replicas one replica polls each tenant's subscription
 * while the others serve clicks. The tenants' pollers run side by side: a slow or throttled
 * tenant does not hold the others' cycle. The bot's own subscriptions keep `poll:<subscription>`.
 */
import type { AlertSource, DeliverAlerts } from '../../ports/alert-source';
import { DefenderPoller, pollLeaseName, tenantPollLeaseName, type AlertLister, type DefenderPollerOptions } from './defender-poller';
import type { TenantSubscriptions } from './tenant-credentials';

export type TenantPollerOptions = Omit<DefenderPollerOptions, 'lister' | 'subscriptionIds' | 'leaseName'>;

export class TenantPollers implements AlertSource {
  readonly name = 'defender-poller';
  readonly pollers: DefenderPoller[];

  constructor(groups: readonly TenantSubscriptions[], listerFor: (tenantId: string | undefined) => AlertLister, options: TenantPollerOptions) {
    this.pollers = groups.map(
      ({ tenantId, subscriptionIds }) =>
        new DefenderPoller({
          ...options,
          lister: listerFor(tenantId),
          subscriptionIds,
          leaseName: tenantId ? (sub) => tenantPollLeaseName(tenantId, sub) : pollLeaseName,
        }),
    );
  }

  async start(deliver: DeliverAlerts): Promise<void> {
    for (const poller of this.pollers) await poller.start(deliver);
  }

  async stop(): Promise<void> {
    await Promise.all(this.pollers.map((p) => p.stop()));
  }

  /** One cycle of every tenant at once (the benchmark's poll cycle). */
  async pollAll(deliver: DeliverAlerts): Promise<void> {
    await Promise.all(this.pollers.map((p) => p.pollAll(deliver)));
  }
}
