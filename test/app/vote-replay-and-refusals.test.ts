/**
 * On real stores (SQLite and PostgreSQL), through the one dispatcher (handleIntent: authorization,
 * then the use case): a replayed vote click is not a new vote — one history entry, one audit
 * entry, even when the replays arrive at once — and every refusal is one audit entry.
 */
import type { SqlStore } from '../../src/adapters/store/open-store';
import type { AppDeps } from '../../src/app/deps';
import { handleIntent } from '../../src/app/handle-intent';
import type { Actor, Intent, IntentRequest } from '../../src/domain/intent';
import { makeAlert } from '../helpers/alerts';
import { openTestStore, type StoreKind } from '../adapters/store/test-databases';
import { givenPostedAlert, triageDeps } from './triage-test-deps';

const ALERT = makeAlert({ systemAlertId: 'alert-1', severity: 'High', generatedTime: '2026-11-27T02:00:00.000Z' });
const ANA: Actor = { platform: 'slack', userId: 'U1', displayName: 'Ana' };
const EVE: Actor = { platform: 'slack', userId: 'U666', displayName: 'Eve' };

function request(intent: Intent, actor: Actor, channelId = 'soc'): IntentRequest {
  return { intent, actor, origin: { platform: 'web', channelId, threadId: 'm1', messageId: 'm1' } };
}

const vote = (severity = 'Medium', comment?: string): Intent => ({ kind: 'vote', alertId: ALERT.systemAlertId, verdict: 'true-positive', severity, comment });

describe.each<StoreKind>(['sqlite', 'postgres'])('on %s', (kind) => {
  let store: SqlStore;
  let dispose: () => Promise<void>;
  let deps: AppDeps;
  beforeEach(async () => {
    ({ store, dispose } = await openTestStore(kind));
    const t = triageDeps(store, { analysts: ['U1'], access: { emptyRoster: 'nobody', channels: [{ platform: 'web', channelId: 'soc' }] } });
    deps = t.deps;
    await givenPostedAlert(deps, t.web, ALERT);
  });
  afterEach(async () => dispose());

  const audit = async (action: string) => (await store.audit.since('1970-01-01')).filter((e) => e.action === action);
  const run = async (r: IntentRequest) => {
    const result = await handleIntent(r, deps);
    await result.followUp;
    return result;
  };

  it('a vote clicked three times in a row is one vote and one audit entry; a changed vote is a new one', async () => {
    for (let i = 0; i < 3; i++) await run(request(vote(), ANA));
    expect(await store.votes.history(ALERT.systemAlertId)).toHaveLength(1);
    expect(await audit('vote')).toHaveLength(1);
    await run(request(vote('Low'), ANA));
    await run(request(vote('Low', 'staging box'), ANA));
    expect((await store.votes.history(ALERT.systemAlertId)).map((v) => [v.severity, v.comment ?? null])).toEqual([
      ['Medium', null],
      ['Low', null],
      ['Low', 'staging box'],
    ]);
    expect(await audit('vote')).toHaveLength(3);
  });

  it('three identical replays arriving at once are still one vote and one audit entry', async () => {
    await Promise.all([0, 1, 2].map(() => run(request(vote(), ANA))));
    expect(await store.votes.history(ALERT.systemAlertId)).toHaveLength(1);
    expect(await audit('vote')).toHaveLength(1);
  });

  it('every refusal is an audit entry naming who, what, where and why', async () => {
    await run(request(vote(), EVE));
    await run(request({ kind: 'investigate', alertId: ALERT.systemAlertId, investigation: 'identity' }, EVE, 'general'));
    const refused = await audit('refused');
    expect(refused.map((e) => [e.actor, e.alertId, e.after])).toEqual([
      ['slack:U666 (Eve)', 'alert-1', expect.objectContaining({ intent: 'vote', reason: 'not-on-roster', channel: 'web:soc' })],
      ['slack:U666 (Eve)', 'alert-1', expect.objectContaining({ intent: 'investigate', reason: 'outside-triage-channels', channel: 'web:general' })],
    ]);
    expect(await store.votes.history(ALERT.systemAlertId)).toEqual([]);
  });

  it('reopen is the leads’ (connected setup): an analyst is refused and audited; with no TRIAGE_LEADS the roster reopens; an empty roster, nobody', async () => {
    deps.settings = { ...deps.settings, leads: ['L1'], voteQuorum: 1 };
    const LEA: Actor = { platform: 'slack', userId: 'L1', displayName: 'Lea' };
    const reopen: Intent = { kind: 'reopen', alertId: ALERT.systemAlertId };
    const reopenings = async () => (await store.votes.history(ALERT.systemAlertId)).filter((v) => v.kind === 'reopen');
    await run(request(vote(), ANA)); // a quorum of one decides

    const refused = await run(request(reopen, ANA));
    expect(refused).toMatchObject({ private: true, reply: { title: 'Not allowed', text: 'Only a triage lead (TRIAGE_LEADS) may reopen a decision; nothing was done. Ask a lead to do it.' } });
    expect(await reopenings()).toEqual([]);
    expect(await audit('reopen')).toEqual([]);
    expect((await run(request(reopen, LEA))).reply).toMatchObject({ tone: 'good', text: expect.stringMatching(/^Reopened \(was true positive/) });

    deps.settings = { ...deps.settings, leads: [] };
    await run(request(vote('Low'), ANA));
    expect((await run(request(reopen, EVE))).reply).toMatchObject({ text: expect.stringMatching(/^Only analysts on the triage roster may reopen a decision/) });
    expect((await run(request(reopen, ANA))).reply).toMatchObject({ tone: 'good', text: expect.stringMatching(/^Reopened/) });

    deps.settings = { ...deps.settings, analysts: [] };
    expect((await run(request(reopen, ANA))).reply).toMatchObject({ text: expect.stringMatching(/the roster is empty/) });
    expect((await reopenings()).map((v) => v.voter.userId)).toEqual(['L1', 'U1']);
    expect((await audit('refused')).map((e) => e.after)).toEqual([
      expect.objectContaining({ intent: 'reopen', reason: 'not-a-lead', channel: 'web:soc' }),
      expect.objectContaining({ intent: 'reopen', reason: 'not-on-roster' }),
      expect.objectContaining({ intent: 'reopen', reason: 'roster-empty' }),
    ]);
  });
});
