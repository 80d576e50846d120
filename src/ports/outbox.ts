/**
 * The durable outbox: every message the bot owes a channel (an alert's card, a storm member's thread
 * reply, a group card's counter update) is a row here before anything is sent, so a crash at any
 * point loses nothing. Rows are claimed under a lease, so several replicas can drain one outbox.
 */
import type { Platform } from '../domain/intent';

export type OutboxKind = 'post' | 'reply' | 'update';
export type OutboxState = 'pending' | 'done' | 'dead';

export interface OutboxEntry {
  alertId: string;
  platform: Platform;
  channelId: string;
  kind: OutboxKind;
  /** reply / update: the alert whose card is the storm group card. */
  anchorAlertId?: string;
}

export interface OutboxRow extends OutboxEntry {
  id: number;
  state: OutboxState;
  attempts: number;
  /** epoch ms */
  nextAttemptAt: number;
  leaseOwner?: string;
  leaseUntil?: number;
  lastError?: string;
  /** epoch ms the row was queued: nothing it owes can have been sent before. */
  createdAt?: number;
}

export interface OutboxCounts {
  pending: number;
  done: number;
  dead: number;
}

export interface OutboxRepository {
  /**
   * Idempotent: one row per (alert, platform, channel, kind). A 'post' or 'reply' enqueued twice
   * stays one row (whatever its state); an 'update' enqueued again is made pending again, so
   * counter updates coalesce.
   */
  enqueue(entries: OutboxEntry[], nowMs: number): Promise<void>;
  /** Due rows not leased by anyone else, leased to `owner` until nowMs + leaseMs (oldest first). */
  claim(owner: string, limit: number, nowMs: number, leaseMs: number): Promise<OutboxRow[]>;
  /** Only while `owner` still holds the row's lease; false when it was lost. */
  complete(id: number, owner: string, nowMs: number): Promise<boolean>;
  /** Releases the lease and schedules another attempt (or gives up: state 'dead'). */
  retry(id: number, owner: string, error: string, nextAttemptAt: number, dead: boolean): Promise<boolean>;
  /** A restarted replica takes back the rows it had leased before it stopped (same owner name). */
  releaseOwner(owner: string): Promise<number>;
  forAlert(alertId: string): Promise<OutboxRow[]>;
  counts(): Promise<OutboxCounts>;
}
