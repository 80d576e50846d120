/**
 * The real @azure/monitor-query-logs client against a local server speaking the Log Analytics
 * query API: timespan and server timeout on the wire, partial results as data, 429 with
 * Retry-After retried, client-side timeout, at most 5 in flight, endpoint must end in /v1.
 */
import { AzureLogsQuery } from '../../../src/adapters/azure/logs-query-client';
import { ConfigError } from '../../../src/domain/errors';
import { FakeLogAnalytics } from '../../fakes/log-analytics-server';
import { sampleKql } from './sample-kql';
import { stubCredential } from './stub-credential';

const WORKSPACE = '8c1d2e3f-4a5b-4c6d-9e7f-0a1b2c3d4e5f';
const q = sampleKql;

describe('AzureLogsQuery (monitor-query-logs SDK over HTTP)', () => {
  let la: FakeLogAnalytics;
  let workspaceCounter = 0;
  beforeEach(async () => {
    la = await new FakeLogAnalytics().start();
  });
  afterEach(() => la.stop());
  // A fresh workspace id per client keeps the process-wide concurrency limits apart between tests.
  const client = (extra: Partial<ConstructorParameters<typeof AzureLogsQuery>[0]> = {}) =>
    new AzureLogsQuery({ credential: stubCredential, workspaceId: `${WORKSPACE}-${++workspaceCounter}`, endpoint: la.url, retryDelayMs: 50, ...extra });

  test('sends the query with its timespan and Prefer: wait, and returns rows with datetimes as ISO text', async () => {
    la.setTable('logons', [['TimeGenerated', 'datetime'], ['Account', 'string'], ['Count', 'long']], [['2026-11-26T02:13:05Z', 'svc-backup', 1]]);
    const result = await client({ serverTimeoutSeconds: 90 }).query(q('logons'));
    expect(result).toEqual({
      status: 'success',
      tables: [
        {
          name: 'PrimaryResult',
          columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Account', type: 'string' }, { name: 'Count', type: 'long' }],
          rows: [['2026-11-26T02:13:05.000Z', 'svc-backup', 1]],
        },
      ],
    });
    expect(la.requests[0]).toMatchObject({ name: 'logons', timespan: '2026-11-26T01:16:04.000Z/2026-11-26T02:46:04.000Z', prefer: 'wait=90' });
    expect(la.requests[0]!.workspaceId).toMatch(/^8c1d2e3f-/);
  });

  test('a partial result keeps its rows and says why', async () => {
    la.setTable('logons', [['Account', 'string']], [['svc-backup']]);
    la.partial.set('logons', 'Query result set has exceeded the internal data size limit');
    const result = await client().query(q('logons'));
    expect(result.status).toBe('partial');
    if (result.status !== 'partial') throw new Error('unreachable');
    expect(result.tables[0]!.rows).toEqual([['svc-backup']]);
    expect(result.reason).toContain('There were some errors when processing your query.');
  });

  test('a 429 with Retry-After is retried after waiting, then succeeds', async () => {
    la.setTable('logons', [['Account', 'string']], [['svc-backup']]);
    la.faults.push({ status: 429, retryAfterSeconds: 1 });
    const result = await client().query(q('logons'));
    expect(result.status).toBe('success');
    expect(la.requests).toHaveLength(2);
    expect(la.requests[1]!.at - la.requests[0]!.at).toBeGreaterThanOrEqual(900);
  });

  test('429 on every try is a failure value naming the throttling, after the retries', async () => {
    la.faults.push({ status: 429, retryAfterSeconds: 0, times: 10 });
    const result = await client({ maxRetries: 2 }).query(q('logons'));
    expect(result).toEqual({ status: 'failure', reason: expect.stringContaining('HTTP 429') });
    expect(la.requests).toHaveLength(3);
  });

  test('a query that outlasts the client timeout is a failure value, not a hang', async () => {
    la.faults.push({ delayMs: 5000 });
    const started = Date.now();
    const result = await client({ clientTimeoutMs: 300 }).query(q('logons'));
    expect(result).toEqual({ status: 'failure', reason: 'timed out after 0.3 s' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('a 403 and a 400 are failure values that say what to fix', async () => {
    la.faults.push({ status: 403, body: { error: { code: 'InsufficientAccessError', message: 'The provided credentials have insufficient access' } } });
    expect(await client().query(q('a'))).toEqual({ status: 'failure', reason: expect.stringMatching(/HTTP 403.*Log Analytics Reader.*insufficient access/) });
    la.faults.push({ status: 400, body: { error: { code: 'BadArgumentError', message: 'The request had some invalid properties', innererror: { code: 'SyntaxError', message: "Query could not be parsed at 'x'" } } } });
    expect(await client().query(q('b'))).toEqual({ status: 'failure', reason: expect.stringContaining("Query could not be parsed at 'x'") });
  });

  test('at most 5 queries are in flight per workspace', async () => {
    la.delayMs = 150;
    const c = client();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => c.query(q(`q${i}`))));
    expect(results.every((r) => r.status === 'success')).toBe(true);
    expect(la.maxInFlight).toBe(5);
  });

  test('the endpoint must end in /v1', () => {
    expect(() => new AzureLogsQuery({ credential: stubCredential, workspaceId: WORKSPACE, endpoint: 'https://api.loganalytics.io' })).toThrow(ConfigError);
  });

  test('portal link opens the query in the workspace when its resource id is known', () => {
    const id = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/soc';
    const link = client({ workspaceResourceId: id }).portalLink(q('logons'))!;
    expect(link).toContain(encodeURIComponent(id));
    expect(decodeURIComponent(link)).toContain('// logons');
    expect(client().portalLink(q('logons'))).toBeUndefined();
  });
});
