/**
 * Tally and decision, replayed from the vote history so every replica computes the same answer.
 *
 * Rules: each person has one live vote (their latest). A lead's vote decides alone. Otherwise the
 * first verdict with `quorum` agreeing live votes decides. Once decided, only a lead's vote changes
 * the decision (it decides anew with the lead's verdict); an analyst's vote after the decision is
 * kept in the history as late and counts nowhere. A reopening ends the decision and starts the
 * voting again: the votes before it no longer count.
 */
import { SEVERITIES, type Severity } from '../alert';
import { VERDICTS, type Verdict } from '../intent';
import { voterKey, type Voter, type VoteRecord } from './vote';

export interface Decision {
  verdict: Verdict;
  severity: Severity;
  decidedBy: Voter[];
  /** 'lead' when a lead decided alone, 'quorum' when agreeing votes did. */
  how: 'lead' | 'quorum';
  at: string;
  /** seq of the vote that made this decision. */
  seq: number;
}

export interface Tally {
  counts: Record<Verdict, number>;
  /** Live votes, in the order they were cast. */
  live: VoteRecord[];
}

export interface Reopening {
  by: Voter;
  at: string;
  seq: number;
}

export interface TriageState {
  tally: Tally;
  decision?: Decision;
  firstVoteAt?: string;
  /** Analysts' votes cast after the decision (kept in the history, counted nowhere). */
  late: VoteRecord[];
  /** The last reopening, when the decision was reopened. */
  reopened?: Reopening;
}

export function replayVotes(history: readonly VoteRecord[], quorum: number): TriageState {
  const ordered = [...history].sort((a, b) => a.seq - b.seq);
  const live = new Map<string, VoteRecord>();
  let decision: Decision | undefined;
  let late: VoteRecord[] = [];
  let reopened: Reopening | undefined;
  for (const vote of ordered) {
    if (vote.kind === 'reopen') {
      if (!decision) continue; // nothing to reopen: the event changes nothing
      [decision, late, reopened] = [undefined, [], { by: vote.voter, at: vote.at, seq: vote.seq }];
      live.clear();
      continue;
    }
    if (decision && vote.role !== 'lead') {
      late.push(vote);
      continue;
    }
    const key = voterKey(vote.voter);
    live.delete(key); // re-insert so the map keeps the order of the latest votes
    live.set(key, vote);
    if (vote.role === 'lead') decision = leadDecision(vote);
    else if (!decision) decision = quorumDecision([...live.values()], quorum, vote);
  }
  const liveVotes = [...live.values()];
  const firstVoteAt = ordered.find((v) => v.kind !== 'reopen')?.at;
  return { tally: { counts: countVerdicts(liveVotes), live: liveVotes }, decision, firstVoteAt, late, reopened };
}

export function countVerdicts(votes: readonly VoteRecord[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const v of votes) counts[v.verdict]++;
  return counts;
}

/** Did the decision change between two states (new, different verdict/severity, or other deciders)? */
export function decisionChanged(before: Decision | undefined, after: Decision | undefined): boolean {
  if (!after) return false;
  return !before || before.seq !== after.seq;
}

function leadDecision(vote: VoteRecord): Decision {
  return { verdict: vote.verdict, severity: vote.severity, decidedBy: [vote.voter], how: 'lead', at: vote.at, seq: vote.seq };
}

function quorumDecision(live: VoteRecord[], quorum: number, last: VoteRecord): Decision | undefined {
  const agreeing = live.filter((v) => v.verdict === last.verdict);
  if (agreeing.length < Math.max(1, quorum)) return undefined;
  return {
    verdict: last.verdict,
    severity: consensusSeverity(agreeing),
    decidedBy: agreeing.map((v) => v.voter),
    how: 'quorum',
    at: last.at,
    seq: last.seq,
  };
}

/** The severity most deciders chose; a tie goes to the more severe one (err on the side of caution). */
export function consensusSeverity(votes: readonly VoteRecord[]): Severity {
  let best: Severity = votes[0]?.severity ?? 'Informational';
  let bestCount = 0;
  for (const severity of SEVERITIES) {
    const n = votes.filter((v) => v.severity === severity).length;
    if (n > bestCount) [best, bestCount] = [severity, n];
  }
  return best;
}
