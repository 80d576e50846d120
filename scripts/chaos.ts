/**
 * `npm run chaos`: the full-size crash test — 1,000 alerts through the webhook to a fake Slack while
 * the bot process is killed with SIGKILL at random points (5 times, or CHAOS_KILLS). Prints
 * {"alerts","kills","posted","duplicates","lost"}; exits 1 unless every alert was posted exactly once.
 * CHAOS_STORE=postgres runs it on PostgreSQL (TEST_POSTGRES_URL, default the local test server).
 */
import { runChaos } from '../test/chaos/chaos-run';

const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function main(): Promise<void> {
  const seed = number('CHAOS_SEED', Date.now());
  const result = await runChaos({
    alerts: number('CHAOS_ALERTS', 1000),
    kills: number('CHAOS_KILLS', 5),
    store: process.env.CHAOS_STORE === 'postgres' ? 'postgres' : 'sqlite',
    seed,
    timeoutMs: 180_000,
    log: (line) => process.stderr.write(`chaos: ${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (result.duplicates || result.lost || result.posted !== result.alerts) {
    process.stderr.write(`chaos: FAILED (seed ${seed})\n`);
    process.exitCode = 1;
  }
}

void main();
