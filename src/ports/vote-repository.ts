/**
 * Votes and the write-backs their decisions cause. Every vote stays in the history; the live vote
 * per person is the latest. `record` is atomic per alert: concurrent votes on one alert (several
 * replicas, twenty analysts at once) are serialized, so each sees the exact history before it.
 */
import type { AlertStatus } from '../domain/alert';
import type { AlertScope } from './alert-scope';
import type { Vote, VoteRecord } from '../domain/votes/vote';

export interface RecordedVote {
  /** The history before this vote and after it (including it), as seen inside the same lock. */
  before: VoteRecord[];
  after: VoteRecord[];
  vote: VoteRecord;
  /**
   * The voter's live vote already said exactly this (verdict, severity, comment, role): nothing was
   * written, `vote` is that live vote and `after` equals `before`. A replayed click is not a new vote.
   */
  unchanged?: boolean;
}

export interface VoteRepository {
  record(vote: Vote): Promise<RecordedVote>;
  /** The whole history of an alert, in the order the votes were cast. */
  history(alertId: string): Promise<VoteRecord[]>;
  /** Alerts with a vote or reopening cast in [from, to) (ISO times). */
  alertsWithEventsBetween(from: string, to: string, scope?: AlertScope): Promise<string[]>;
  /** Histories of several alerts at once (alerts without votes are absent). */
  histories(alertIds: readonly string[]): Promise<Map<string, VoteRecord[]>>;
}

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
