/**
 * The Defender poller over the real SecurityCenter pipeline against a local ARM server: all pages,
 * api-version 2022-01-01 (techniques kept), 429/500 retried, only new alerts and status changes
 * delivered, one poller per subscription through the lease.
 */
import { DefenderAlertLister } from '../../../src/adapters/azure/defender-alert-lister';
import { DefenderPoller, pollLeaseName } from '../../../src/adapters/azure/defender-poller';
import type { SqlStore } from '../../../src/adapters/store/open-store';
import { defaultSettings, silentLogger, type AppDeps } from '../../../src/app/deps';
import { ingestRaw } from '../../../src/app/ingest-alert';
import { normalizeAlert } from '../../../src/domain/normalize';
import { openTestStore } from '../store/test-databases';
import { FakeArmAlerts } from './fake-arm-alerts';
import { alertIdOf, armAlert } from './raw-alerts';

const SUB = '20ff7fc3-e762-44dd-bd96-b71116dcdc23';
const stubCredential = { getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3600_000 }) };
const quiet = { info() {}, warn() {}, error() {} };

describe('Defender poller', () => {
  let arm: FakeArmAlerts;
  let store: SqlStore;
  let dispose: () => Promise<void>;
  const clock = { t: Date.parse('2026-11-27T03:00:00Z'), now: () => new Date(clock.t) };

  beforeEach(async () => {
    arm = await new FakeArmAlerts().start();
    ({ store, dispose } = await openTestStore('sqlite'));
  });
  afterEach(async () => {
    await arm.stop();
    await dispose();
  });

  const poller = (owner = 'replica-a') =>
    new DefenderPoller({
      lister: new DefenderAlertLister({ credential: stubCredential, endpoint: arm.url, allowInsecureConnection: true, retry: { retryDelayInMs: 10, maxRetryDelayInMs: 50 } }),
      subscriptionIds: [SUB],
      pollState: store.pollState,
      leases: store.leases,
      owner,
      intervalMs: 1000,
      leaseMs: 10_000,
      clock,
      logger: quiet,
    });

  const collect = () => {
    const got: unknown[] = [];
    return { got, deliver: async (raw: unknown) => void got.push(raw) };
  };
  const ids = (raws: unknown[]) => raws.map((r) => normalizeAlert(r).systemAlertId);

  it('reads every page with api-version 2022-01-01 and keeps techniques', async () => {
    const alerts = Array.from({ length: 120 }, (_, i) => armAlert(i));
    (alerts[7].properties as Record<string, unknown>).techniques = ['T1059'];
    arm.set(SUB, alerts);
    const { got, deliver } = collect();
    await poller().pollAll(deliver);
    expect(ids(got)).toEqual(alerts.map((_, i) => alertIdOf(i)));
    expect(arm.listRequests().map((r) => r.apiVersion)).toEqual(['2022-01-01', '2022-01-01', '2022-01-01']);
    expect(normalizeAlert(got[7]).techniques).toEqual(['T1059']);
  });

  it('delivers only new alerts and status changes on later polls', async () => {
    arm.set(SUB, [armAlert(1), armAlert(2)]);
    const p = poller();
    const first = collect();
    await p.pollAll(first.deliver);
    arm.set(SUB, [armAlert(1, { status: 'Resolved' }), armAlert(2), armAlert(3)]);
    const second = collect();
    await p.pollAll(second.deliver);
    expect(ids(second.got)).toEqual([alertIdOf(1), alertIdOf(3)]);
    expect(normalizeAlert(second.got[0]).status).toBe('Resolved');
    const third = collect();
    await p.pollAll(third.deliver);
    expect(third.got).toEqual([]);
  });

  it('retries 429 (after Retry-After) and 500 without losing the poll', async () => {
    arm.set(SUB, [armAlert(1)]);
    arm.faults.push({ status: 429, retryAfterSeconds: 1 }, { status: 500 });
    const { got, deliver } = collect();
    const started = Date.now();
    await poller().pollAll(deliver);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(ids(got)).toEqual([alertIdOf(1)]);
    expect(arm.listRequests().map((r) => r.status)).toEqual([429, 500, 200]);
  });

  it('does not mark an alert seen when delivering it failed, so the next poll brings it again', async () => {
    arm.set(SUB, [armAlert(1), armAlert(2)]);
    const p = poller();
    await p.pollAll(async (raw) => {
      if (normalizeAlert(raw).systemAlertId === alertIdOf(1)) throw new Error('store down');
    });
    const { got, deliver } = collect();
    await p.pollAll(deliver);
    expect(ids(got)).toEqual([alertIdOf(1)]);
  });

  it('polls a subscription from one replica at a time; another takes over when the lease lapses', async () => {
    arm.set(SUB, [armAlert(1)]);
    const a = poller('replica-a');
    const b = poller('replica-b');
    const gotA = collect();
    const gotB = collect();
    await a.pollAll(gotA.deliver);
    arm.set(SUB, [armAlert(1), armAlert(2)]);
    await b.pollAll(gotB.deliver);
    expect(gotB.got).toEqual([]);
    expect((await store.leases.get(pollLeaseName(SUB)))?.holder).toBe('replica-a');
    clock.t += 10_001; // replica-a stopped renewing
    await b.pollAll(gotB.deliver);
    expect(ids(gotB.got)).toEqual([alertIdOf(2)]);
    expect((await store.leases.get(pollLeaseName(SUB)))?.holder).toBe('replica-b');
  });

  it('renews its lease during a long poll, and stops when another replica took the subscription over', async () => {
    arm.set(SUB, Array.from({ length: 450 }, (_, i) => armAlert(i)));
    const a = poller('replica-a');
    let n = 0;
    await a.pollAll(async () => {
      clock.t += 50; // 450 alerts take 22.5 s: twice the 10 s lease
      if (++n === 350) {
        clock.t += 10_001; // replica-a stalls past its lease; replica-b takes over
        expect(await store.leases.acquire(pollLeaseName(SUB), 'replica-b', 10_000, clock.t)).toBe(true);
      }
    });
    // Renewed at 100, 200 and 300 (else replica-b would have won earlier); at 400 it finds the lease gone and stops.
    expect(n).toBe(400);
    expect((await store.leases.get(pollLeaseName(SUB)))?.holder).toBe('replica-b');
    const rest = collect();
    await poller('replica-b').pollAll(rest.deliver);
    expect(ids(rest.got)).toEqual(Array.from({ length: 50 }, (_, k) => alertIdOf(400 + k)));
  });

  it('a poll page that was read before a newer update arrived never turns the alert back (Resolved stays Resolved)', async () => {
    const deps: AppDeps = { store, surfaces: {}, clock, logger: silentLogger, settings: defaultSettings, routes: () => [{ platform: 'slack', channelId: 'C1' }] };
    arm.set(SUB, [armAlert(1)]); // Defender still says Active when the poll reads the page…
    let release!: () => void;
    arm.hold = new Promise((resolve) => (release = resolve));
    const polling = poller().pollAll((raw, _source, meta) => ingestRaw(raw, deps, meta).then(() => undefined));
    while (!arm.listRequests().length) await new Promise((resolve) => setTimeout(resolve, 5));
    // …and while the page is on its way, the alert is resolved and that update arrives (webhook, Event Hubs).
    clock.t += 30_000;
    await ingestRaw(armAlert(1, { status: 'Resolved' }), deps, { observedAt: new Date(clock.t).toISOString() });
    clock.t += 30_000;
    release();
    await polling;
    expect((await store.alerts.get(alertIdOf(1)))?.status).toBe('Resolved');
    // The next poll, after the change, says Resolved: nothing to undo.
    arm.hold = undefined;
    arm.set(SUB, [armAlert(1, { status: 'Resolved' })]);
    await poller().pollAll((raw, _source, meta) => ingestRaw(raw, deps, meta).then(() => undefined));
    expect((await store.alerts.get(alertIdOf(1)))?.status).toBe('Resolved');
  });
});
