/**
 * A triage vote as recorded: who (platform identity), what (verdict, severity, comment), when, and
 * the voter's role at the time, so a later roster change does not rewrite history.
 */
import type { Severity } from '../alert';
import type { Platform, Verdict } from '../intent';

export type VoterRole = 'analyst' | 'lead';

/**
 * What an entry of an alert's triage history is: a vote, or a reopening of the decision (by a lead;
 * its verdict and severity are those of the decision it reopened).
 */
export type TriageEventKind = 'vote' | 'reopen';

export interface Voter {
  platform: Platform;
  userId: string;
  displayName: string;
}

export interface Vote {
  alertId: string;
  voter: Voter;
  role: VoterRole;
  verdict: Verdict;
  severity: Severity;
  comment?: string;
  /** ISO 8601 UTC */
  at: string;
  /** Absent: a vote. */
  kind?: TriageEventKind;
}

/** A vote as stored: `seq` orders the history (ties in `at` are common under load). */
export interface VoteRecord extends Vote {
  seq: number;
}

/** One live vote per person per alert: the key that identifies "the same person". */
export function voterKey(voter: Pick<Voter, 'platform' | 'userId'>): string {
  return `${voter.platform}:${voter.userId}`;
}

export const VERDICT_LABELS: Record<Verdict, string> = {
  'true-positive': 'true positive',
  'benign-positive': 'benign positive',
  'false-positive': 'false positive',
};
