/**
 * The Graph alert poller, with the real client (core-rest-pipeline, token policy) against the fake
 * Graph server (test/fakes/graph-server.ts) and a real SQLite store: the Defender for Cloud filter
 * and the Prefer header its enum needs, paging by @odata.nextLink, a lastUpdateDateTime cursor so a
 * pass costs what changed, every alert delivered once across restarts, 429 + Retry-After waited
 * out, a 403 that names the permission, and one poller per tenant through the lease.
 */
import { GraphAlertPoller, graphLeaseName } from '../../../src/adapters/azure/graph-alert-poller';
import { GraphSecurityClient } from '../../../src/adapters/azure/graph-security-client';
import type { SqlStore } from '../../../src/adapters/store/open-store';
import { normalizeAlert } from '../../../src/domain/normalize';
import { FakeGraph, INCIDENT_READ_ROLE, READ_ROLE } from '../../fakes/graph-server';
import { graphAlert, graphIdOf, TENANT } from '../../helpers/graph-alerts';
import { alertIdOf } from '../ingest/raw-alerts';
import { openTestStore } from '../store/test-databases';

const tokenFor = (token: string) => ({ getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) });

describe('Graph alert poller', () => {
  let graph: FakeGraph;
  let store: SqlStore;
  let dispose: () => Promise<void>;
  const errors: string[] = [];
  const logger = { info() {}, warn() {}, error: (o: object, msg?: string) => void errors.push(`${msg} ${String((o as { err?: Error }).err?.message)}`) };
  const clock = { t: Date.parse('2026-11-27T03:00:00Z'), now: () => new Date(clock.t) };

  beforeEach(async () => {
    errors.length = 0;
    graph = await new FakeGraph().start();
    graph.grant('reader', READ_ROLE, INCIDENT_READ_ROLE).grant('nobody');
    graph.pageSize = 3;
    ({ store, dispose } = await openTestStore('sqlite'));
  });
  afterEach(async () => {
    await graph.stop();
    await dispose();
  });

  const poller = (owner = 'replica-a', token = 'reader') =>
    new GraphAlertPoller({
      client: new GraphSecurityClient({ credential: tokenFor(token), endpoint: graph.url }),
      tenantId: TENANT,
      pollState: store.pollState,
      leases: store.leases,
      owner,
      intervalMs: 1000,
      leaseMs: 10_000,
      clock,
      logger,
    });
  const collect = () => {
    const got: unknown[] = [];
    return { got, deliver: async (raw: unknown) => void got.push(raw) };
  };
  const ids = (raws: unknown[]) => raws.map((r) => normalizeAlert(r).systemAlertId).sort();
  const listRequests = () => graph.requests.filter((r) => r.path === '/v1.0/security/alerts_v2');

  it('asks for Defender for Cloud alerts updated since the lookback, with the Prefer header, and follows every page', async () => {
    graph.put(...[0, 1, 2, 3, 4, 5, 6].map((i) => graphAlert(i)), { ...graphAlert(7), serviceSource: 'microsoftDefenderForEndpoint' });
    const { got, deliver } = collect();
    const result = await poller().poll(deliver);
    expect(ids(got)).toEqual([0, 1, 2, 3, 4, 5, 6].map(alertIdOf).sort());
    expect(result).toEqual({ listed: 7, delivered: 7, failed: 0 });
    const list = listRequests();
    expect(list.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(list[0]!.query.$filter).toBe("serviceSource eq 'microsoftDefenderForCloud' and lastUpdateDateTime ge 2026-11-26T03:00:00.000Z");
    expect(list.slice(1).every((r) => r.query.$skiptoken)).toBe(true);
    expect(graph.requests.every((r) => r.prefer === 'include-unknown-enum-members' && r.token === 'reader')).toBe(true);
    // The incident's title is read once per incident and travels with the alert.
    expect(graph.requests.filter((r) => r.path.startsWith('/v1.0/security/incidents/'))).toHaveLength(7);
  });

  it('without the Prefer header Graph refuses that filter (so the header is what makes the poll work)', async () => {
    const res = await fetch(`${graph.url}/v1.0/security/alerts_v2?$filter=${encodeURIComponent("serviceSource eq 'microsoftDefenderForCloud'")}`, { headers: { authorization: 'Bearer reader' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/not a valid enumerated type constant/);
  });

  it('delivers every alert once across restarts; the next pass reads only what changed since the cursor', async () => {
    graph.put(...[0, 1, 2, 3].map((i) => graphAlert(i)));
    const first = collect();
    await poller().poll(first.deliver);
    expect(first.got).toHaveLength(4);

    // A restart (a new poller, the same store): nothing is news.
    graph.clearRequests();
    const second = collect();
    await poller().poll(second.deliver);
    expect(second.got).toEqual([]);
    // The cursor is the newest lastUpdateDateTime seen (alert 3: 02:00:03), re-read from a minute before.
    expect(listRequests()[0]!.query.$filter).toMatch(/lastUpdateDateTime ge 2026-11-27T01:59:03\.000Z$/);

    // One alert resolved, one only commented (lastUpdate moves, nothing the channel cares about).
    graph.change(graphIdOf(1), { status: 'resolved', lastUpdateDateTime: '2026-11-27T02:30:00.000Z' });
    graph.change(graphIdOf(2), { lastUpdateDateTime: '2026-11-27T02:31:00.000Z' });
    const third = collect();
    await poller().poll(third.deliver);
    expect(third.got.map((r) => normalizeAlert(r)).map((a) => [a.systemAlertId, a.status])).toEqual([[alertIdOf(1), 'Resolved']]);

    graph.clearRequests();
    await poller().poll(collect().deliver);
    expect(listRequests()[0]!.query.$filter).toMatch(/ge 2026-11-27T02:30:00\.000Z$/);
  });

  it('an alert that could not be delivered holds the cursor back and is delivered at the next pass', async () => {
    graph.put(graphAlert(0), graphAlert(1, { lastUpdate: '2026-11-27T02:10:00.000Z' }));
    let fail = true;
    const got: string[] = [];
    const deliver = async (raw: unknown) => {
      const id = normalizeAlert(raw).systemAlertId;
      if (id === alertIdOf(0) && fail) throw new Error('store down');
      got.push(id);
    };
    expect(await poller().poll(deliver)).toMatchObject({ delivered: 1, failed: 1 });
    fail = false;
    await poller().poll(deliver);
    expect(got).toEqual([alertIdOf(1), alertIdOf(0)]);
    expect(errors.join()).toMatch(/could not be ingested/);
  });

  it('waits out a 429 Retry-After, then goes on', async () => {
    graph.put(graphAlert(0));
    graph.faults.push({ status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    const { got, deliver } = collect();
    await poller().poll(deliver);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(got).toHaveLength(1);
    expect(listRequests().map((r) => r.status)).toEqual([429, 200]);
  });

  it('a 403 is logged naming the permission to grant; nothing is delivered and the cursor stays', async () => {
    graph.put(graphAlert(0));
    const { got, deliver } = collect();
    await poller('replica-a', 'nobody').pollIfLeader(deliver);
    expect(got).toEqual([]);
    expect(errors.join()).toMatch(/HTTP 403\): the bot's app registration needs the Microsoft Graph application permission SecurityAlert\.Read\.All, with admin consent \[Forbidden: Missing role permissions/);
    expect(await store.pollState.highWater(`graph-cursor:${TENANT}`)).toBeUndefined();
  });

  it('one poller per tenant: the second replica does not poll while the first holds the lease, and takes over when it stops', async () => {
    graph.put(graphAlert(0));
    const a = poller('replica-a');
    const b = poller('replica-b');
    const got = collect();
    await a.pollIfLeader(got.deliver);
    graph.clearRequests();
    await b.pollIfLeader(got.deliver);
    expect(graph.requests).toEqual([]);
    expect((await store.leases.get(graphLeaseName(TENANT)))?.holder).toBe('replica-a');
    await a.stop();
    await b.pollIfLeader(got.deliver);
    expect((await store.leases.get(graphLeaseName(TENANT)))?.holder).toBe('replica-b');
    expect(got.got).toHaveLength(1); // b saw alert 0 as already delivered
  });
});
