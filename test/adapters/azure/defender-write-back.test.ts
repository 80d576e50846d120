/**
 * Decisions written back to Defender through the real SecurityCenter client pipeline, against a
 * local server speaking ARM: the right state call per verdict with api-version 2022-01-01, a 403
 * shown in the thread naming Security Admin, and the durable retry that gets it through later.
 */
import { alertArmPath, ArmDefenderWriteBack } from '../../../src/adapters/azure/defender-write-back';
import type { SqlStore } from '../../../src/adapters/store/open-store';
import { castVote } from '../../../src/app/cast-vote';
import type { AppDeps } from '../../../src/app/deps';
import { ingestAlert } from '../../../src/app/ingest-alert';
import { OutboxWorker } from '../../../src/app/outbox-worker';
import { retryDueWriteBacks } from '../../../src/app/write-back-decision';
import type { Alert } from '../../../src/domain/alert';
import type { Verdict } from '../../../src/domain/intent';
import { ArmWriteBackServer } from '../../fakes/arm-write-back-server';
import { flagshipAlert, FLAGSHIP } from '../../helpers/alerts';
import type { RecordingSurface } from '../../helpers/recording-surface';
import { givenPostedAlert, triageDeps, type TestClock } from '../../app/triage-test-deps';
import { openTestStore } from '../store/test-databases';

const credential = { getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

describe('ArmDefenderWriteBack', () => {
  let arm: ArmWriteBackServer;
  let store: SqlStore;
  let dispose: () => Promise<void>;
  let deps: AppDeps;
  let web: RecordingSurface;
  let clock: TestClock;

  beforeEach(async () => {
    arm = new ArmWriteBackServer();
    const endpoint = await arm.start();
    ({ store, dispose } = await openTestStore('sqlite'));
    const writeBack = new ArmDefenderWriteBack({ credential, endpoint, allowInsecureConnection: true });
    ({ deps, web, clock } = triageDeps(store, { writeBack: true, leads: ['L1'], analysts: ['U1'] }, writeBack));
  });
  afterEach(async () => {
    await dispose();
    await arm.stop();
  });

  async function leadVotes(alert: Alert, verdict: Verdict): Promise<void> {
    const result = await castVote(
      { intent: { kind: 'vote', alertId: alert.systemAlertId, verdict }, actor: { platform: 'slack', userId: 'L1', displayName: 'lee' }, origin: { platform: 'web', channelId: 'soc' } },
      deps,
    );
    await result.followUp;
  }

  it.each<[Verdict, string, string]>([
    ['true-positive', 'inProgress', 'InProgress'],
    ['benign-positive', 'resolve', 'Resolved'],
    ['false-positive', 'dismiss', 'Dismissed'],
  ])('a %s decision POSTs {alert}/%s with api-version 2022-01-01 and the card shows %s', async (verdict, action, status) => {
    const alert = flagshipAlert();
    await givenPostedAlert(deps, web, alert);
    await leadVotes(alert, verdict);

    expect(arm.requests).toEqual([{ method: 'POST', path: `${alert.armId}/${action}`, apiVersion: '2022-01-01', authorization: undefined }]);
    expect((await store.alerts.get(alert.systemAlertId))?.status).toBe(status);
    expect(web.texts()).toContain(`Defender alert state set to ${status}.`);
    const last = web.updates().at(-1);
    expect(last?.kind === 'alert' && last.state.status).toBe(status);
    const audit = (await store.audit.since('1970-01-01')).find((e) => e.action === 'write-back');
    expect(audit).toMatchObject({ before: { status: 'Active' }, after: { status }, actor: 'slack:L1 (lee)' });
  });

  it('addresses a subscription-level alert by subscription, location and name', async () => {
    const alert = flagshipAlert({ armId: undefined, systemAlertId: '2517_sub-level' });
    expect(alertArmPath(alert)).toBe(`/subscriptions/${FLAGSHIP.subscriptionId}/providers/Microsoft.Security/locations/westeurope/alerts/2517_sub-level`);
    await givenPostedAlert(deps, web, alert);
    await leadVotes(alert, 'false-positive');
    expect(arm.requests.map((r) => r.path)).toEqual([`${alertArmPath(alert)}/dismiss`]);
  });

  it('a 403 appears in the thread naming Security Admin, shows on the card, and is retried until it succeeds', async () => {
    const alert = flagshipAlert();
    const root = await givenPostedAlert(deps, web, alert);
    arm.answerNext({
      status: 403,
      body: { error: { code: 'AuthorizationFailed', message: "The client 'bot' does not have authorization to perform action 'Microsoft.Security/locations/alerts/inProgress/action'." } },
    });
    await leadVotes(alert, 'true-positive');

    const failure = web.replies(root).find((c) => c.kind === 'notice' && c.title === 'Write-back to Defender failed');
    expect(failure?.kind === 'notice' && failure.text).toMatch(new RegExp(`HTTP 403.*Security Admin role on subscription ${alert.subscriptionId}`));
    expect(failure?.kind === 'notice' && failure.text).toContain('Retrying with backoff');
    const card = web.updates().at(-1);
    expect(card?.kind === 'alert' && card.state.notice).toContain('Security Admin');
    expect((await store.alerts.get(alert.systemAlertId))?.status).toBe('Active');
    expect(await store.writeBacks.latestFor(alert.systemAlertId)).toMatchObject({ state: 'pending', attempts: 1, lastHttpStatus: 403 });

    // Not due yet: nothing is sent. After the backoff, the retry goes through.
    expect(await retryDueWriteBacks(deps)).toBe(0);
    clock.advance(31_000);
    expect(await retryDueWriteBacks(deps)).toBe(1);
    expect(arm.requests).toHaveLength(2);
    expect(await store.writeBacks.latestFor(alert.systemAlertId)).toMatchObject({ state: 'done', attempts: 2 });
    expect((await store.alerts.get(alert.systemAlertId))?.status).toBe('InProgress');
    const actions = (await store.audit.since('1970-01-01')).map((e) => e.action);
    expect(actions).toEqual(['vote', 'decision', 'write-back-failed', 'write-back']);
  });

  it('gives up on a 404 at once and says so in the thread', async () => {
    const alert = flagshipAlert();
    await givenPostedAlert(deps, web, alert);
    arm.answerNext({ status: 404, body: { error: { code: 'AlertNotFound', message: 'gone' } } });
    await leadVotes(alert, 'benign-positive');
    expect(await store.writeBacks.latestFor(alert.systemAlertId)).toMatchObject({ state: 'failed', attempts: 1 });
    expect(web.texts().join('\n')).toMatch(/HTTP 404.*Gave up/);
  });
  it('a state change made in Defender afterwards (alert ingested again) updates the card and says so', async () => {
    const alert = flagshipAlert();
    await givenPostedAlert(deps, web, alert);
    await leadVotes(alert, 'true-positive');
    expect((await store.alerts.get(alert.systemAlertId))?.status).toBe('InProgress');
    web.calls.length = 0;

    await ingestAlert({ ...alert, status: 'Resolved' }, deps); // resolved in the portal, seen by the next poll
    // Ingest queues the card update in the durable outbox; the worker (started in every mode) sends it.
    expect(web.updates()).toHaveLength(0);
    await new OutboxWorker(deps, { owner: 'write-back-test' }).drainAll();
    const card = web.updates().at(-1);
    if (card?.kind !== 'alert') throw new Error('expected the alert card to be updated');
    expect(card.state.status).toBe('Resolved');
    expect(card.state.decision).toMatchObject({ verdict: 'true-positive' });
    expect(card.state.notice).toContain('Defender now says Resolved');
  });
});
