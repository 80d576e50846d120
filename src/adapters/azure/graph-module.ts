/**
 * Microsoft Graph (the Defender portal) from configuration, with the process's one Azure
 * credential: the alerts_v2 poller for the tenant, write-back to the XDR alert, the XDR incident
 * for Correlate, and a readiness check. Everything shares one client, so Graph's 150 requests a
 * minute are counted in one place.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { Clock } from '../../ports/clock';
import type { DefenderWriteBack } from '../../ports/defender-client';
import type { LeaseRepository } from '../../ports/lease';
import type { PollStateRepository } from '../../ports/poll-state';
import type { XdrIncidents } from '../../ports/xdr-incidents';
import type { PollerLogger } from './defender-poller';
import { GraphAlertPoller } from './graph-alert-poller';
import { GraphXdrIncidents } from './graph-incidents';
import { GraphSecurityClient } from './graph-security-client';
import { GraphDefenderWriteBack } from './graph-write-back';

export interface GraphModuleSettings {
  GRAPH_ENDPOINT?: string;
  GRAPH_LOOKBACK_HOURS: number;
  POLL_INTERVAL_SECONDS: number;
  POLL_LEASE_SECONDS?: number;
  AZURE_TENANT_ID?: string;
}

export interface GraphModule {
  client: GraphSecurityClient;
  poller: GraphAlertPoller;
  writeBack: DefenderWriteBack;
  incidents: XdrIncidents;
  /** Resolves to a problem description, or nothing when Graph answers. */
  check(): Promise<string | void>;
}

export function graphModule(
  s: GraphModuleSettings,
  deps: { credential: TokenCredential; pollState: PollStateRepository; leases: LeaseRepository; owner: string; clock: Clock; logger: PollerLogger },
): GraphModule {
  const client = new GraphSecurityClient({ credential: deps.credential, endpoint: s.GRAPH_ENDPOINT });
  const poller = new GraphAlertPoller({
    client,
    // A managed identity does not name its tenant: one deployment, one tenant.
    tenantId: s.AZURE_TENANT_ID ?? 'default',
    pollState: deps.pollState,
    leases: deps.leases,
    owner: deps.owner,
    intervalMs: s.POLL_INTERVAL_SECONDS * 1000,
    leaseMs: s.POLL_LEASE_SECONDS ? s.POLL_LEASE_SECONDS * 1000 : undefined,
    lookbackMs: s.GRAPH_LOOKBACK_HOURS * 3_600_000,
    clock: deps.clock,
    logger: deps.logger,
  });
  return {
    client,
    poller,
    writeBack: new GraphDefenderWriteBack(client),
    incidents: new GraphXdrIncidents(client),
    check: async () => {
      await client.probe();
    },
  };
}
