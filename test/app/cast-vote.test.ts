/**
 * Votes end to end through the use case, on real stores (SQLite and PostgreSQL): tally, history,
 * quorum and lead decisions, the roster, the audit log, and twenty analysts voting at once.
 */
import type { SqlStore } from '../../src/adapters/store/open-store';
import { castVote } from '../../src/app/cast-vote';
import type { AppDeps, UseCaseResult } from '../../src/app/deps';
import type { Actor, Verdict } from '../../src/domain/intent';
import { replayVotes } from '../../src/domain/votes/decision';
import { makeAlert } from '../helpers/alerts';
import type { RecordingSurface } from '../helpers/recording-surface';
import { openTestStore, type StoreKind } from '../adapters/store/test-databases';
import { givenPostedAlert, triageDeps, type TestClock } from './triage-test-deps';

const ALERT = makeAlert({ systemAlertId: 'alert-1', severity: 'High', generatedTime: '2026-11-27T02:00:00.000Z' });
const person = (userId: string, platform: Actor['platform'] = 'slack'): Actor => ({ platform, userId, displayName: `name-${userId}` });

async function vote(deps: AppDeps, actor: Actor, verdict: Verdict, severity?: string, comment?: string): Promise<UseCaseResult> {
  const result = await castVote(
    { intent: { kind: 'vote', alertId: ALERT.systemAlertId, verdict, severity, comment }, actor, origin: { platform: 'web', channelId: 'soc', threadId: 'm1', messageId: 'm1' } },
    deps,
  );
  await result.followUp;
  return result;
}

describe.each<StoreKind>(['sqlite', 'postgres'])('cast vote on %s', (kind) => {
  let store: SqlStore;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ store, dispose } = await openTestStore(kind)));
  afterEach(async () => dispose());

  async function setup(settings: Parameters<typeof triageDeps>[1] = {}): Promise<{ deps: AppDeps; web: RecordingSurface; clock: TestClock }> {
    const t = triageDeps(store, settings);
    await givenPostedAlert(t.deps, t.web, ALERT);
    return t;
  }

  it('two analysts vote differently and one changes their vote: tally, history and audit are right', async () => {
    const { deps, web, clock } = await setup({ voteQuorum: 3 });
    await vote(deps, person('U1'), 'true-positive', 'Medium', 'looks like staging');
    clock.advance(60_000);
    await vote(deps, person('U2'), 'false-positive');
    clock.advance(60_000);
    const last = await vote(deps, person('U1'), 'false-positive', 'low');

    const history = await store.votes.history(ALERT.systemAlertId);
    expect(history.map((v) => [v.voter.userId, v.verdict, v.severity, v.at])).toEqual([
      ['U1', 'true-positive', 'Medium', '2026-11-27T02:20:00.000Z'],
      ['U2', 'false-positive', 'High', '2026-11-27T02:21:00.000Z'], // no severity chosen: the alert's
      ['U1', 'false-positive', 'Low', '2026-11-27T02:22:00.000Z'],
    ]);
    expect(history[0]).toMatchObject({ voter: { platform: 'slack', userId: 'U1', displayName: 'name-U1' }, comment: 'looks like staging' });

    const card = last.alertCard;
    if (card?.kind !== 'alert') throw new Error('expected the refreshed alert card');
    expect(card.state.tally?.counts).toEqual({ 'true-positive': 0, 'benign-positive': 0, 'false-positive': 2 });
    expect(card.state.tally?.votes.map((v) => [v.voter, v.verdict])).toEqual([
      ['name-U2', 'false-positive'],
      ['name-U1', 'false-positive'],
    ]);
    expect(card.state.decision).toBeUndefined();

    const audit = await store.audit.since('2026-01-01T00:00:00Z');
    expect(audit.map((e) => [e.action, e.actor, (e.before as { verdict?: string } | null)?.verdict ?? null, (e.after as { verdict: string }).verdict])).toEqual([
      ['vote', 'slack:U1 (name-U1)', null, 'true-positive'],
      ['vote', 'slack:U2 (name-U2)', null, 'false-positive'],
      ['vote', 'slack:U1 (name-U1)', 'true-positive', 'false-positive'],
    ]);
    expect(web.texts()).toContain('@name-U1 voted false positive / Low');
  });

  it('a quorum of agreeing analysts decides, and the thread announces it once', async () => {
    const { deps, web } = await setup({ voteQuorum: 2 });
    await vote(deps, person('U1'), 'true-positive', 'Medium');
    const second = await vote(deps, person('U2'), 'true-positive', 'Medium');
    await vote(deps, person('U3'), 'false-positive');

    const card = second.alertCard;
    if (card?.kind !== 'alert') throw new Error('expected the refreshed alert card');
    expect(card.state.decision).toMatchObject({ verdict: 'true-positive', severity: 'Medium', decidedBy: ['name-U1', 'name-U2'] });
    const decisions = web.texts().filter((t) => t.startsWith('Decided'));
    expect(decisions).toEqual(['Decided: true positive / Medium, by @name-U1, @name-U2 (quorum).']);
    const audit = (await store.audit.since('2026-01-01')).filter((e) => e.action === 'decision');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ alertId: 'alert-1', before: null, after: { verdict: 'true-positive', how: 'quorum' } });
  });

  it('a lead decides alone; a later analyst vote does not reopen it, a later lead vote does', async () => {
    const { deps, web } = await setup({ analysts: ['U1'], leads: ['L1'], voteQuorum: 2 });
    const lead = await vote(deps, person('L1'), 'benign-positive', 'Low');
    expect(lead.alertCard?.kind === 'alert' && lead.alertCard.state.decision).toMatchObject({ verdict: 'benign-positive', decidedBy: ['name-L1'] });
    await vote(deps, person('U1'), 'true-positive');
    const still = await store.votes.history('alert-1');
    expect(still).toHaveLength(2);
    expect(web.texts().filter((t) => t.startsWith('Decided'))).toEqual(['Decided: benign positive / Low, by lead @name-L1.']);
    await vote(deps, person('L1'), 'true-positive', 'High');
    expect(web.texts().filter((t) => t.startsWith('Decided'))).toHaveLength(2);
  });

  it('a vote after the decision is counted nowhere, announced nowhere, and the voter is told plainly who can reopen', async () => {
    const { deps, web } = await setup({ voteQuorum: 2, leads: ['L1'], analysts: ['U1', 'U2', 'U3'] });
    await vote(deps, person('U1'), 'true-positive', 'Medium');
    await vote(deps, person('U2'), 'true-positive', 'Medium');
    web.calls.length = 0;
    const late = await vote(deps, person('U3'), 'false-positive');
    expect(late.reply).toEqual({
      kind: 'notice',
      tone: 'info',
      text: 'Your vote was not counted: this alert was already decided (true positive / Medium, by name-U1, name-U2 at 02:20 UTC). To change it, a lead can reopen it.',
    });
    const card = late.alertCard;
    if (card?.kind !== 'alert') throw new Error('expected the alert card');
    expect(card.state.tally?.counts).toEqual({ 'true-positive': 2, 'benign-positive': 0, 'false-positive': 0 });
    expect(card.state.decision).toMatchObject({ verdict: 'true-positive', reopeners: 'a lead can reopen it' });
    expect(web.calls).toEqual([]); // no "voted" announcement in the thread, no card update
    expect((await store.audit.since('1970-01-01')).filter((e) => e.action === 'late-vote')).toHaveLength(1);
    // The late click replayed: still not counted, told so again, nothing more recorded.
    expect((await vote(deps, person('U3'), 'false-positive')).reply).toEqual(late.reply);
    expect((await store.audit.since('1970-01-01')).filter((e) => e.action === 'late-vote')).toHaveLength(1);

    // Only a lead reopens (the access policy's rule, checked by the one dispatcher); then the vote starts again.
    const { handleIntent } = await import('../../src/app/handle-intent');
    const origin = { platform: 'web' as const, channelId: 'soc', threadId: 'm1', messageId: 'm1' };
    const refused = await handleIntent({ intent: { kind: 'reopen', alertId: ALERT.systemAlertId }, actor: person('U1'), origin }, deps);
    expect(refused.reply).toMatchObject({ tone: 'warning', text: 'Only a triage lead (TRIAGE_LEADS) may reopen a decision; nothing was done. Ask a lead to do it.' });
    expect(await store.votes.history(ALERT.systemAlertId)).toHaveLength(3); // nothing recorded
    const reopened = await handleIntent({ intent: { kind: 'reopen', alertId: ALERT.systemAlertId }, actor: person('L1'), origin }, deps);
    await reopened.followUp;
    expect(reopened.alertCard?.kind === 'alert' && reopened.alertCard.state.decision).toBeUndefined();
    expect((await vote(deps, person('U3'), 'false-positive')).reply).toMatchObject({ tone: 'good', text: 'Your vote: false positive / High' });
  });

  it('refuses an off-roster user and records nothing', async () => {
    const { deps, web } = await setup({ analysts: ['U1'], leads: ['L1'] });
    const result = await vote(deps, person('U666'), 'false-positive');
    expect(result.reply).toMatchObject({ kind: 'notice', text: expect.stringContaining('you are not on the triage roster') });
    expect(result.alertCard).toBeUndefined();
    expect(await store.votes.history('alert-1')).toEqual([]);
    expect(await store.audit.since('1970-01-01')).toEqual([]);
    expect(web.calls).toEqual([]);
  });

  it('refuses an unknown severity and records nothing', async () => {
    const { deps } = await setup();
    const result = await vote(deps, person('U1'), 'true-positive', 'Catastrophic');
    expect(result.reply).toMatchObject({ text: expect.stringContaining('severity must be one of High, Medium, Low, Informational') });
    expect(await store.votes.history('alert-1')).toEqual([]);
  });

  it('twenty analysts voting at once on one alert lose no vote, and the decision happens exactly once', async () => {
    const { deps } = await setup({ voteQuorum: 5 });
    const voters = Array.from({ length: 20 }, (_, i) => person(`U${i + 1}`, i % 2 ? 'teams' : 'slack'));
    await Promise.all(voters.map((v, i) => vote(deps, v, i % 4 === 0 ? 'false-positive' : 'true-positive')));

    const history = await store.votes.history('alert-1');
    expect(history).toHaveLength(20);
    expect(new Set(history.map((v) => `${v.voter.platform}:${v.voter.userId}`)).size).toBe(20);
    const live = await store.db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM live_votes WHERE alert_id = $1', ['alert-1']);
    expect(Number(live?.n)).toBe(20);
    // Votes after the decision are kept in the history but counted nowhere: the tally is the votes up to it.
    const state = replayVotes(history, 5);
    expect(state.late.length + state.tally.live.length).toBe(20);
    expect(state.tally.counts['true-positive']).toBe(5);
    const card = await import('../../src/app/alert-card').then((m) => m.alertCard('alert-1', deps));
    expect(card?.kind === 'alert' && card.state.tally?.counts).toEqual(state.tally.counts);
    const late = (await store.audit.since('1970-01-01')).filter((e) => e.action === 'late-vote');
    expect(late).toHaveLength(state.late.length);
    const decisions = (await store.audit.since('1970-01-01')).filter((e) => e.action === 'decision');
    expect(decisions).toHaveLength(1);
    expect((decisions[0]?.after as { decidedBy: string[] }).decidedBy).toHaveLength(5);
  });
});
