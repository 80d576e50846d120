/**
 * Two replicas (separate processes) on one PostgreSQL, both configured to poll Microsoft Graph for
 * the same tenant (the fake Graph server tells them apart by their tokens): only the holder of the
 * tenant's lease polls; when it is killed with SIGKILL the other takes the lease over, and every
 * alert is posted to the (fake) Slack exactly once.
 */
import { graphLeaseName } from '../../../src/adapters/azure/graph-alert-poller';
import { openStore, type SqlStore } from '../../../src/adapters/store/open-store';
import { ReplicaHandle } from '../../chaos/replica-handle';
import { FakeGraph, INCIDENT_READ_ROLE, READ_ROLE } from '../../fakes/graph-server';
import { startFakeSlack, type FakeSlackApi } from '../../fakes/slack-api-server';
import { graphAlert, TENANT } from '../../helpers/graph-alerts';
import { sleep, waitFor } from '../../helpers/wait-for';
import { createPostgresDatabase, type TestDatabase } from '../store/test-databases';
import { alertIdOf } from './raw-alerts';

jest.setTimeout(240_000);

// Long enough that a replica slowed by a busy machine (posting, rendering) still renews in time.
const POLL_LEASE_MS = 10_000;
const POLL_INTERVAL_MS = 300;
const TOTAL = 200;

describe('two replicas polling Graph for one tenant, on PostgreSQL', () => {
  let slack: FakeSlackApi;
  let graph: FakeGraph;
  let db: TestDatabase;
  let store: SqlStore;
  const replicas: Record<string, ReplicaHandle> = {};

  beforeAll(async () => {
    slack = await startFakeSlack({ token: 'xoxb-graph-replicas' });
    graph = await new FakeGraph().start();
    graph.grant('replica-a', READ_ROLE, INCIDENT_READ_ROLE).grant('replica-b', READ_ROLE, INCIDENT_READ_ROLE);
    graph.putIncident({ id: '9000', displayName: 'Incident of the replica test' });
    db = await createPostgresDatabase();
    store = await openStore(db.url);
    for (const name of ['replica-a', 'replica-b']) {
      replicas[name] = new ReplicaHandle({
        DATABASE_URL: db.url,
        WEBHOOK_SECRET: 'graph-replicas-secret',
        SLACK_API_URL: slack.apiUrl,
        SLACK_BOT_TOKEN: 'xoxb-graph-replicas',
        REPLICA_ID: name,
        GRAPH_ENDPOINT: graph.url,
        GRAPH_TENANT_ID: TENANT,
        POLL_INTERVAL_MS: String(POLL_INTERVAL_MS),
        POLL_LEASE_MS: String(POLL_LEASE_MS),
        OUTBOX_LEASE_MS: '3000',
      });
    }
    await Promise.all(Object.values(replicas).map((r) => r.start()));
  });

  afterAll(async () => {
    await Promise.all(Object.values(replicas).map((r) => r.kill()));
    await store?.close();
    await graph?.stop();
    await slack?.close();
    await db?.drop();
  });

  const appear = (from: number, to: number) => {
    const now = new Date().toISOString();
    for (let i = from; i < to; i++) graph.put(graphAlert(i, { incidentId: '9000', lastUpdate: now }));
  };
  const postedIds = () => slack.messages.filter((m) => !m.thread_ts).map((m) => String(m.metadata?.event_payload.system_alert_id));
  const pollers = (since: number) => new Set(graph.requests.filter((r) => r.path === '/v1.0/security/alerts_v2' && r.at >= since).map((r) => r.token));

  it('one poller at a time; after the holder is killed the other takes over; every alert posted once', async () => {
    for (let step = 1; step <= 5; step++) {
      appear((step - 1) * 20, step * 20);
      await sleep(400);
    }
    await waitFor(() => new Set(postedIds()).size >= TOTAL / 2, 90_000);
    const holder = (await store.leases.get(graphLeaseName(TENANT)))!.holder;
    expect(pollers(0)).toEqual(new Set([holder])); // the other replica never asked Graph

    const [victim, survivor] = holder === 'replica-a' ? [replicas['replica-a']!, replicas['replica-b']!] : [replicas['replica-b']!, replicas['replica-a']!];
    await victim.kill();
    const killedAt = Date.now();
    await waitFor(async () => (await store.leases.get(graphLeaseName(TENANT)))?.holder !== holder, POLL_LEASE_MS + 10_000);
    for (let step = 6; step <= 10; step++) {
      appear((step - 1) * 20, step * 20);
      await sleep(400);
    }
    await waitFor(() => new Set(postedIds()).size >= TOTAL, 120_000);
    await sleep(1500); // a late duplicate would show up here

    const posted = postedIds();
    const missing = Array.from({ length: TOTAL }, (_, i) => alertIdOf(i)).filter((id) => !posted.includes(id));
    expect({ posts: posted.length, distinct: new Set(posted).size, missing }).toEqual({ posts: TOTAL, distinct: TOTAL, missing: [] });
    expect(pollers(killedAt + 100)).toEqual(new Set([survivor === replicas['replica-a'] ? 'replica-a' : 'replica-b']));
    expect(survivor.events.some((e) => e.msg === 'this replica now polls Microsoft Graph for the tenant')).toBe(true);
    // The incident's title was read once per replica at most, not once per alert.
    expect(graph.requests.filter((r) => r.path === '/v1.0/security/incidents/9000').length).toBeLessThanOrEqual(2);
  });
});
