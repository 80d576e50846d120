/**
 * The identity's Log Analytics wire budget, on the real @azure/monitor-query-logs client against
 * the fake Log Analytics server, which answers 429 past the limits like the service: a burst past
 * the requests allowed per window meets no 429; a 429 pauses every request until its Retry-After;
 * two clients of one identity share one budget. The service's window is 30 s; these tests shorten
 * it (on both sides) so that waiting out a full window takes a second, not thirty.
 */
import { LogAnalyticsBudget } from '../../../src/adapters/azure/log-analytics-budget';
import { AzureLogsQuery } from '../../../src/adapters/azure/logs-query-client';
import { FakeLogAnalytics } from '../../fakes/log-analytics-server';
import { sampleKql } from './sample-kql';
import { stubCredential } from './stub-credential';

const q = sampleKql;

describe('LogAnalyticsBudget (monitor-query-logs SDK over HTTP)', () => {
  let la: FakeLogAnalytics;
  beforeEach(async () => {
    la = await new FakeLogAnalytics().start();
  });
  afterEach(() => la.stop());

  const client = (budget: LogAnalyticsBudget, workspaceId = 'ws-budget') =>
    new AzureLogsQuery({ credential: stubCredential, workspaceId, endpoint: la.url, retryDelayMs: 50, budget });

  test('a burst past the requests allowed per window meets no 429: the rest wait for the window', async () => {
    la.limits = { maxInFlight: 5, maxPerWindow: 20, windowMs: 1000 };
    const budget = new LogAnalyticsBudget({ maxConcurrent: 5, maxRequestsPerWindow: 20, windowMs: 1000 });
    const c = client(budget);
    const results = await Promise.all(Array.from({ length: 45 }, (_, i) => c.query(q(`q${i}`))));
    expect(results.filter((r) => r.status !== 'success')).toEqual([]);
    expect(la.throttled).toHaveLength(0);
    expect(la.requests).toHaveLength(45);
    const arrivals = la.requests.map((r) => r.at);
    const busiestWindow = Math.max(...arrivals.map((t) => arrivals.filter((u) => u >= t && u < t + 1000).length));
    expect(busiestWindow).toBeLessThanOrEqual(20);
    expect(la.maxInFlight).toBeLessThanOrEqual(5);
  }, 20_000);

  test('a 429 is waited out by every request, not only the one it answered', async () => {
    la.delayMs = 100;
    la.faults.push({ status: 429, retryAfterSeconds: 1 }); // the first request
    const budget = new LogAnalyticsBudget({ maxConcurrent: 5, maxRequestsPerWindow: 200 });
    const c = client(budget);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => c.query(q(`q${i}`))));
    expect(results.every((r) => r.status === 'success')).toBe(true);
    const throttledAt = la.requests[0]!.at + la.delayMs; // when the 429 was answered
    const later = la.requests.filter((r) => r.at > throttledAt);
    expect(later.length).toBeGreaterThanOrEqual(4); // the 429'd one again, and the three that waited for a slot
    for (const r of later) expect(r.at - throttledAt).toBeGreaterThanOrEqual(900);
    expect(budget.throttled).toBe(1);
  }, 20_000);

  test('two clients of one identity share its budget: at most 5 in flight across workspaces', async () => {
    la.delayMs = 150;
    const budget = new LogAnalyticsBudget({ maxConcurrent: 5, maxRequestsPerWindow: 200 });
    const [a, b] = [client(budget, 'ws-a'), client(budget, 'ws-b')];
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).query(q(`q${i}`))));
    expect(results.every((r) => r.status === 'success')).toBe(true);
    expect(la.maxInFlight).toBe(5);
    expect(la.throttled).toHaveLength(0);
  });
});
