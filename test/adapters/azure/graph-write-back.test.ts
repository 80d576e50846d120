/**
 * Decisions written to the Defender XDR alert through the real Graph client against the fake Graph
 * server: PATCH status / classification / determination and a comment with the tally and deciders;
 * alerts without a Graph id still go to ARM; a 403 names SecurityAlert.ReadWrite.All in the thread and
 * the durable queue gets it through once the permission is granted; the audit says where it went.
 */
import { ArmDefenderWriteBack } from '../../../src/adapters/azure/defender-write-back';
import { GraphSecurityClient } from '../../../src/adapters/azure/graph-security-client';
import { GraphDefenderWriteBack, RoutedWriteBack } from '../../../src/adapters/azure/graph-write-back';
import type { SqlStore } from '../../../src/adapters/store/open-store';
import { castVote } from '../../../src/app/cast-vote';
import type { AppDeps } from '../../../src/app/deps';
import { retryDueWriteBacks } from '../../../src/app/write-back-decision';
import type { Alert } from '../../../src/domain/alert';
import type { Verdict } from '../../../src/domain/intent';
import { normalizeAlert } from '../../../src/domain/normalize';
import { ArmWriteBackServer } from '../../fakes/arm-write-back-server';
import { FakeGraph, READ_ROLE, WRITE_ROLE } from '../../fakes/graph-server';
import { flagshipAlert } from '../../helpers/alerts';
import { graphAlert, graphIdOf } from '../../helpers/graph-alerts';
import type { RecordingSurface } from '../../helpers/recording-surface';
import { givenPostedAlert, triageDeps, type TestClock } from '../../app/triage-test-deps';
import { openTestStore } from '../store/test-databases';

const token = (t: string) => ({ getToken: async () => ({ token: t, expiresOnTimestamp: Date.now() + 3_600_000 }) });

describe('write-back to the Defender XDR alert (Graph)', () => {
  let graph: FakeGraph;
  let arm: ArmWriteBackServer;
  let store: SqlStore;
  let dispose: () => Promise<void>;
  let deps: AppDeps;
  let web: RecordingSurface;
  let clock: TestClock;

  beforeEach(async () => {
    graph = await new FakeGraph().start();
    graph.grant('writer', READ_ROLE, WRITE_ROLE).grant('reader-only', READ_ROLE);
    arm = new ArmWriteBackServer();
    const armEndpoint = await arm.start();
    ({ store, dispose } = await openTestStore('sqlite'));
    const writeBack = new RoutedWriteBack({
      graph: new GraphDefenderWriteBack(new GraphSecurityClient({ credential: token('writer'), endpoint: graph.url, attempts: 1 })),
      arm: new ArmDefenderWriteBack({ credential: token('arm'), endpoint: armEndpoint, allowInsecureConnection: true }),
    });
    ({ deps, web, clock } = triageDeps(store, { writeBack: true, voteQuorum: 2, analysts: ['U1', 'U2'] }, writeBack));
  });
  afterEach(async () => {
    await dispose();
    await arm.stop();
    await graph.stop();
  });

  const vote = async (alert: Alert, userId: string, displayName: string, verdict: Verdict) => {
    const result = await castVote(
      { intent: { kind: 'vote', alertId: alert.systemAlertId, verdict, severity: 'Medium' }, actor: { platform: 'slack', userId, displayName }, origin: { platform: 'web', channelId: 'soc' } },
      deps,
    );
    await result.followUp;
  };
  const inGraph = (i: number) => {
    const raw = graphAlert(i);
    graph.put(raw);
    return normalizeAlert(raw);
  };
  const writes = () => graph.requests.filter((r) => r.method !== 'GET');

  it.each<[Verdict, string, string, string, string]>([
    ['true-positive', 'inProgress', 'truePositive', 'other', 'InProgress'],
    ['benign-positive', 'resolved', 'informationalExpectedActivity', 'confirmedUserActivity', 'Resolved'],
    ['false-positive', 'resolved', 'falsePositive', 'clean', 'Dismissed'],
  ])('a %s quorum PATCHes the XDR alert (%s, %s, %s) and comments with the tally and deciders', async (verdict, status, classification, determination, stored) => {
    const alert = inGraph(1);
    await givenPostedAlert(deps, web, alert);
    await vote(alert, 'U1', 'alice', verdict);
    expect(writes()).toEqual([]); // no decision yet
    await vote(alert, 'U2', 'bob', verdict);

    expect(writes().map((r) => [r.method, r.path])).toEqual([
      ['PATCH', `/v1.0/security/alerts_v2/${graphIdOf(1)}`],
      ['POST', `/v1.0/security/alerts_v2/${graphIdOf(1)}/comments`],
    ]);
    expect(writes()[0]!.body).toEqual({ status, classification, determination });
    expect(graph.alert(graphIdOf(1))).toMatchObject({ status, classification, determination });
    const comment = (graph.commentsOf(graphIdOf(1))[0] as { comment: string }).comment;
    expect(comment).toMatch(/^Defender Triage Bot: .+ \(Medium\), decided by quorum: alice, bob\. Tally: /);
    expect(comment).toContain(`2 ${verdict.replace('-', ' ')}`);
    expect(arm.requests).toEqual([]);
    expect((await store.alerts.get(alert.systemAlertId))?.status).toBe(stored);
    expect(web.texts().join('\n')).toContain(`Defender XDR alert set to ${status}, classified ${classification}`);
    expect((await store.audit.since('1970-01-01')).find((e) => e.action === 'write-back')).toMatchObject({ after: { status: stored, target: 'graph' } });
  });

  it('an alert that is not in the Defender portal (no Graph id) still goes to ARM', async () => {
    const alert = flagshipAlert();
    await givenPostedAlert(deps, web, alert);
    await vote(alert, 'U1', 'alice', 'false-positive');
    await vote(alert, 'U2', 'bob', 'false-positive');
    expect(arm.requests.map((r) => r.path)).toEqual([`${alert.armId}/dismiss`]);
    expect(graph.requests).toEqual([]);
    expect((await store.audit.since('1970-01-01')).find((e) => e.action === 'write-back')).toMatchObject({ after: { target: 'arm' } });
  });

  it('a 403 names SecurityAlert.ReadWrite.All in the thread and on the card; granted, the retry gets through', async () => {
    graph.tokens.set('writer', [READ_ROLE]); // the app has only read consent
    const alert = inGraph(2);
    const root = await givenPostedAlert(deps, web, alert);
    await vote(alert, 'U1', 'alice', 'true-positive');
    await vote(alert, 'U2', 'bob', 'true-positive');

    const failure = web.replies(root).find((c) => c.kind === 'notice' && c.title === 'Write-back to Defender failed');
    expect(failure?.kind === 'notice' && failure.text).toMatch(/HTTP 403\).*Microsoft Graph application permission SecurityAlert\.ReadWrite\.All, with admin consent.*Retrying with backoff/);
    const card = web.updates().at(-1);
    expect(card?.kind === 'alert' && card.state.notice).toContain('SecurityAlert.ReadWrite.All');
    expect(await store.writeBacks.latestFor(alert.systemAlertId)).toMatchObject({ state: 'pending', attempts: 1, lastHttpStatus: 403 });

    graph.tokens.set('writer', [READ_ROLE, WRITE_ROLE]); // admin consent granted
    clock.advance(31_000);
    expect(await retryDueWriteBacks(deps)).toBe(1);
    expect(graph.alert(graphIdOf(2))).toMatchObject({ status: 'inProgress', classification: 'truePositive' });
    expect(graph.commentsOf(graphIdOf(2))).toHaveLength(1);
    const audit = await store.audit.since('1970-01-01');
    expect(audit.map((e) => e.action)).toEqual(['vote', 'vote', 'decision', 'write-back-failed', 'write-back']);
    expect(audit.find((e) => e.action === 'write-back-failed')).toMatchObject({ after: { httpStatus: 403, target: 'graph', willRetry: true } });
  });

  it('gives up on an alert Graph does not know (404), saying so', async () => {
    const alert = { ...inGraph(3), graphAlertId: 'dc-gone' };
    await givenPostedAlert(deps, web, alert);
    await vote(alert, 'U1', 'alice', 'benign-positive');
    await vote(alert, 'U2', 'bob', 'benign-positive');
    expect(await store.writeBacks.latestFor(alert.systemAlertId)).toMatchObject({ state: 'failed', lastHttpStatus: 404 });
    expect(web.texts().join('\n')).toMatch(/Defender XDR does not know this alert.*Gave up/);
  });
});
