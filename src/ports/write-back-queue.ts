/**
 * The write-backs decisions cause: a decision's new Defender status, queued durably until sent or given up.
 */
import type { AlertStatus } from '../domain/alert';

export type WriteBackState = 'pending' | 'done' | 'failed' | 'superseded';

export interface WriteBackRecord {
  id: number;
  alertId: string;
  targetStatus: AlertStatus;
  /** Who decided (for the audit log). */
  requestedBy: string;
  state: WriteBackState;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  lastHttpStatus?: number;
  createdAt: string;
  updatedAt: string;
}

/** A small durable queue: a decision's write-back survives restarts until it is done or given up. */
export interface WriteBackQueue {
  /** Queues a write-back; earlier pending ones for the same alert are superseded. */
  enqueue(alertId: string, targetStatus: AlertStatus, requestedBy: string, now: string): Promise<WriteBackRecord>;
  /** Pending write-backs due at `now`, claimed (their next attempt pushed to `leaseUntil`) so one replica works each. */
  claimDue(now: string, leaseUntil: string, limit?: number): Promise<WriteBackRecord[]>;
  /** Records an attempt's outcome. */
  update(
    id: number,
    change: Pick<WriteBackRecord, 'state' | 'attempts' | 'nextAttemptAt' | 'updatedAt'> & { lastError?: string; lastHttpStatus?: number },
  ): Promise<void>;
  latestFor(alertId: string): Promise<WriteBackRecord | undefined>;
}
