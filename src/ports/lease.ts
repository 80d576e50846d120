/**
 * Named leases shared by replicas (e.g. "poll:<subscription>"): one holder at a time, until it
 * stops renewing and the lease expires; then any replica may take it over.
 */
export interface LeaseInfo {
  name: string;
  holder: string;
  /** epoch ms */
  expiresAt: number;
}

export interface LeaseRepository {
  /** Takes the lease if free or expired, or renews it if `holder` has it. true = held now. */
  acquire(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean>;
  /** Gives the lease up at once (graceful stop), only if `holder` has it. */
  release(name: string, holder: string): Promise<void>;
  get(name: string): Promise<LeaseInfo | undefined>;
}
