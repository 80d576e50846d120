/** Graph's 150 requests a minute per app and tenant: the budget spends them, and a Retry-After holds every request. */
import { RequestBudget } from '../../../src/adapters/azure/request-budget';

function fakeClock() {
  const c = { t: 0, slept: [] as number[], now: () => c.t, sleep: async (ms: number) => void (c.slept.push(ms), (c.t += ms)) };
  return c;
}

describe('request budget', () => {
  it('lets `limit` requests go in a window, then waits until the oldest leaves it', async () => {
    const clock = fakeClock();
    const budget = new RequestBudget(150, 60_000, clock);
    for (let i = 0; i < 150; i++) await budget.take();
    expect(clock.t).toBe(0);
    clock.t = 10_000;
    await budget.take();
    expect(clock.slept).toEqual([50_000]);
    expect(clock.t).toBe(60_000);
  });

  it('a Retry-After pause holds the next requests, in order', async () => {
    const clock = fakeClock();
    const budget = new RequestBudget(150, 60_000, clock);
    await budget.take();
    budget.pauseFor(5000);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map(async (n) => (await budget.take(), order.push(n))));
    expect(order).toEqual([1, 2, 3]);
    expect(clock.t).toBe(5000);
  });
});
