import type { SqlStore } from '../../src/adapters/store/open-store';
import { castVote } from '../../src/app/cast-vote';
import { triageList } from '../../src/app/triage-list';
import { makeAlert } from '../helpers/alerts';
import { openTestStore } from '../adapters/store/test-databases';
import { triageDeps } from './triage-test-deps';

describe('triage list', () => {
  let store: SqlStore;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ store, dispose } = await openTestStore('sqlite')));
  afterEach(async () => dispose());

  it('lists open alerts without a decision, oldest first, with age and votes', async () => {
    const { deps } = triageDeps(store, { leads: ['L1'], analysts: ['U1'] });
    const received = '2026-11-27T02:00:00.000Z';
    await store.alerts.save(makeAlert({ systemAlertId: 'newer', displayName: 'Newer', generatedTime: '2026-11-27T02:00:00.000Z', resourceName: 'web-vm-01' }), { receivedAt: received });
    await store.alerts.save(makeAlert({ systemAlertId: 'older', displayName: 'Older', severity: 'High', generatedTime: '2026-11-27T00:20:00.000Z', resourceName: 'db-01' }), { receivedAt: received });
    await store.alerts.save(makeAlert({ systemAlertId: 'decided', generatedTime: '2026-11-26T00:00:00.000Z' }), { receivedAt: received });
    await store.alerts.save(makeAlert({ systemAlertId: 'closed', status: 'Dismissed', generatedTime: '2026-11-26T00:00:00.000Z' }), { receivedAt: received });
    // Received after the moment triage is asked: not there yet.
    await store.alerts.save(makeAlert({ systemAlertId: 'future', generatedTime: '2026-11-26T00:00:00.000Z' }), { receivedAt: '2026-11-28T00:00:00.000Z' });
    const origin = { platform: 'web' as const, channelId: 'soc' };
    await castVote({ intent: { kind: 'vote', alertId: 'decided', verdict: 'false-positive' }, actor: { platform: 'slack', userId: 'L1', displayName: 'lee' }, origin }, deps);
    await castVote({ intent: { kind: 'vote', alertId: 'newer', verdict: 'true-positive' }, actor: { platform: 'slack', userId: 'U1', displayName: 'ana' }, origin }, deps);

    const { reply } = await triageList({ intent: { kind: 'triage-list' }, actor: { platform: 'web', userId: 'x', displayName: 'x' }, origin }, deps);
    if (reply?.kind !== 'custom') throw new Error('expected a list card');
    expect(reply.data.title).toBe('To triage: 2 open alert(s) without a decision, oldest first');
    expect(reply.data.items).toEqual([
      { text: 'High: Older — db-01, age 2 h 00 min, 0 vote(s)' },
      { text: 'Medium: Newer — web-vm-01, age 20 min, 1 vote(s)' },
    ]);
  });

  it('says when an age is counted from the receipt, for an alert with no time of its own', async () => {
    const { deps } = triageDeps(store);
    const received = '2026-11-27T01:20:00.000Z';
    await store.alerts.save(makeAlert({ systemAlertId: 'no-time', displayName: 'No time', resourceName: 'vm', startTime: received, endTime: received, generatedTime: received, timeUnknown: true, receivedTime: received }), { receivedAt: received });
    const { reply } = await triageList({ intent: { kind: 'triage-list' }, actor: { platform: 'web', userId: 'x', displayName: 'x' }, origin: { platform: 'web', channelId: 'soc' } }, deps);
    if (reply?.kind !== 'custom') throw new Error('expected a list card');
    expect(reply.data.items).toEqual([{ text: 'Medium: No time — vm, received 1 h 00 min ago (time unknown), 0 vote(s)' }]);
  });

  it('says so when nothing is left', async () => {
    const { deps } = triageDeps(store);
    const { reply } = await triageList({ intent: { kind: 'triage-list' }, actor: { platform: 'web', userId: 'x', displayName: 'x' }, origin: { platform: 'web', channelId: 'soc' } }, deps);
    expect(reply).toMatchObject({ kind: 'notice', text: expect.stringContaining('Nothing to triage') });
  });
});
