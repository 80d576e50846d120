import { consensusSeverity, decisionChanged, replayVotes } from '../../../src/domain/votes/decision';
import { checkVoter, NOT_ON_ROSTER } from '../../../src/domain/votes/roster';
import type { VoteRecord, VoterRole } from '../../../src/domain/votes/vote';
import type { Severity } from '../../../src/domain/alert';
import type { Verdict } from '../../../src/domain/intent';

let seq = 0;
function vote(user: string, verdict: Verdict, severity: Severity = 'Medium', role: VoterRole = 'analyst'): VoteRecord {
  seq++;
  return {
    seq,
    alertId: 'a1',
    voter: { platform: 'slack', userId: user, displayName: user },
    role,
    verdict,
    severity,
    at: new Date(Date.UTC(2026, 10, 27, 2, seq)).toISOString(),
  };
}

describe('replayVotes', () => {
  it('keeps one live vote per person: a changed vote replaces the earlier one in the tally', () => {
    const state = replayVotes([vote('ana', 'true-positive'), vote('bo', 'false-positive'), vote('ana', 'false-positive', 'Low')], 3);
    expect(state.tally.counts).toEqual({ 'true-positive': 0, 'benign-positive': 0, 'false-positive': 2 });
    expect(state.tally.live.map((v) => [v.voter.userId, v.verdict, v.severity])).toEqual([
      ['bo', 'false-positive', 'Medium'],
      ['ana', 'false-positive', 'Low'],
    ]);
    expect(state.decision).toBeUndefined();
  });

  it('decides when the quorum agrees, naming the agreeing voters and the vote that decided', () => {
    const history = [vote('ana', 'true-positive', 'High'), vote('bo', 'false-positive'), vote('cy', 'true-positive', 'Medium')];
    const state = replayVotes(history, 2);
    expect(state.decision).toMatchObject({ verdict: 'true-positive', how: 'quorum', seq: history[2]!.seq, at: history[2]!.at });
    expect(state.decision?.decidedBy.map((v) => v.userId)).toEqual(['ana', 'cy']);
    expect(state.firstVoteAt).toBe(history[0]!.at);
  });

  it('a lead decides alone; later analyst votes change nothing and count nowhere (kept as late)', () => {
    const history = [vote('lee', 'benign-positive', 'Low', 'lead'), vote('ana', 'true-positive'), vote('bo', 'true-positive')];
    const state = replayVotes(history, 2);
    expect(state.decision).toMatchObject({ verdict: 'benign-positive', severity: 'Low', how: 'lead' });
    expect(state.tally.counts).toEqual({ 'true-positive': 0, 'benign-positive': 1, 'false-positive': 0 });
    expect(state.late.map((v) => v.voter.userId)).toEqual(['ana', 'bo']);
  });

  it('a late false positive after a quorum decision is not in the tally', () => {
    const state = replayVotes([vote('ana', 'true-positive'), vote('bo', 'true-positive'), vote('cy', 'false-positive')], 2);
    expect(state.decision?.verdict).toBe('true-positive');
    expect(state.tally.counts['false-positive']).toBe(0);
    expect(state.late).toHaveLength(1);
  });

  it('a reopening ends the decision and the votes before it; voting starts again', () => {
    const reopen = (user: string): VoteRecord => ({ ...vote(user, 'true-positive', 'Medium', 'lead'), kind: 'reopen' });
    const history = [vote('ana', 'true-positive'), vote('bo', 'true-positive'), vote('cy', 'false-positive'), reopen('lee')];
    const state = replayVotes(history, 2);
    expect(state.decision).toBeUndefined();
    expect(state.tally.live).toEqual([]);
    expect(state.late).toEqual([]);
    expect(state.reopened?.by.userId).toBe('lee');
    const again = replayVotes([...history, vote('ana', 'false-positive'), vote('bo', 'false-positive')], 2);
    expect(again.decision).toMatchObject({ verdict: 'false-positive', how: 'quorum' });
    expect(again.firstVoteAt).toBe(history[0]!.at);
    // A reopening with no decision to end changes nothing.
    expect(replayVotes([vote('ana', 'true-positive'), reopen('lee')], 2).tally.live).toHaveLength(1);
  });

  it('only a lead reopens a quorum decision', () => {
    const decided = [vote('ana', 'false-positive'), vote('bo', 'false-positive')];
    const lead = vote('lee', 'true-positive', 'High', 'lead');
    expect(replayVotes([...decided, vote('cy', 'true-positive'), vote('dee', 'true-positive')], 2).decision?.verdict).toBe('false-positive');
    const reopened = replayVotes([...decided, lead], 2);
    expect(reopened.decision).toMatchObject({ verdict: 'true-positive', severity: 'High', how: 'lead' });
    expect(decisionChanged(replayVotes(decided, 2).decision, reopened.decision)).toBe(true);
    expect(decisionChanged(reopened.decision, reopened.decision)).toBe(false);
  });

  it('does not depend on the order the history is handed in (seq orders it)', () => {
    const history = [vote('ana', 'true-positive'), vote('bo', 'false-positive'), vote('bo', 'true-positive')];
    expect(replayVotes([...history].reverse(), 2)).toEqual(replayVotes(history, 2));
  });
});

describe('consensusSeverity', () => {
  it('takes the most chosen severity; a tie goes to the more severe', () => {
    expect(consensusSeverity([vote('a', 'true-positive', 'Low'), vote('b', 'true-positive', 'Low'), vote('c', 'true-positive', 'High')])).toBe('Low');
    expect(consensusSeverity([vote('a', 'true-positive', 'Low'), vote('b', 'true-positive', 'High')])).toBe('High');
  });
});

describe('checkVoter', () => {
  const roster = { analysts: ['U1', 'teams:aad-2'], leads: ['U9'] };
  it('knows analysts and leads by id, optionally platform-qualified', () => {
    expect(checkVoter(roster, { platform: 'slack', userId: 'U1' })).toEqual({ allowed: true, role: 'analyst' });
    expect(checkVoter(roster, { platform: 'teams', userId: 'AAD-2' })).toEqual({ allowed: true, role: 'analyst' });
    expect(checkVoter(roster, { platform: 'slack', userId: 'aad-2' })).toEqual({ allowed: false, reason: NOT_ON_ROSTER });
    expect(checkVoter(roster, { platform: 'slack', userId: 'U9' })).toEqual({ allowed: true, role: 'lead' });
    expect(checkVoter(roster, { platform: 'slack', userId: 'U5' })).toEqual({ allowed: false, reason: NOT_ON_ROSTER });
  });
  it('lets everyone vote as an analyst when no roster is configured', () => {
    expect(checkVoter({ analysts: [], leads: [] }, { platform: 'web', userId: 'anyone' })).toEqual({ allowed: true, role: 'analyst' });
  });
  it('with only leads configured, others are refused', () => {
    expect(checkVoter({ analysts: [], leads: ['U9'] }, { platform: 'slack', userId: 'U1' }).allowed).toBe(false);
  });
});
