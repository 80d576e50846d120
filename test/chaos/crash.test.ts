/**
 * Crash test, CI size: 200 alerts, 5 SIGKILLs at random points; and 100 alerts in storms of 5 (a
 * group card and four replies in its thread each), 5 SIGKILLs. `npm run chaos` (and `-- --storms`)
 * runs 1,000.
 */
import { runChaos } from './chaos-run';

// Generous: five restarts of a process on a busy 2-core CI machine take most of the time.
jest.setTimeout(300_000);

it('posts every alert exactly once although the process is killed five times', async () => {
  const seed = Number(process.env.CHAOS_SEED ?? Date.now());
  const result = await runChaos({ alerts: 200, kills: 5, seed, timeoutMs: 120_000 });
  expect({ ...result, seed }).toEqual({ alerts: 200, kills: 5, posted: 200, duplicates: 0, lost: 0, seed });
});

it('posts every storm alert exactly once — the group card or a reply in its thread — although the process is killed five times', async () => {
  const seed = Number(process.env.CHAOS_SEED ?? Date.now());
  const result = await runChaos({ alerts: 100, kills: 5, stormSize: 5, seed, timeoutMs: 120_000 });
  expect({ ...result, seed }).toEqual({ alerts: 100, kills: 5, posted: 100, duplicates: 0, lost: 0, seed });
});
