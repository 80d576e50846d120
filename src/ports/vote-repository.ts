/**
 * Votes. Every vote stays in the history; the live vote
 * per person is the latest. `record` is atomic per alert: concurrent votes on one alert (several
 * replicas, twenty analysts at once) are serialized, so each sees the exact history before it.
 */
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
