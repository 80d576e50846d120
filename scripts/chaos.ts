/**
 * `npm run chaos`: the full-size crash test — 1,000 alerts through the webhook to a fake Slack while
 * the bot process is killed with SIGKILL at random points (5 times, or CHAOS_KILLS). Prints
 * {"alerts","kills","posted","duplicates","lost"}; exits 1 unless every alert was posted exactly once.
 * CHAOS_STORE=postgres runs it on PostgreSQL (TEST_POSTGRES_URL, default the local test server).
 * `npm run chaos -- --storms`: the alerts come in storms of 5 (CHAOS_STORM_SIZE) — one group card
 * and four replies in its thread each — and every alert must be in the channel exactly once, as a
 * card or as a reply.
 */
import { runChaos } from '../test/chaos/chaos-run';

const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function main(): Promise<void> {
  const seed = number('CHAOS_SEED', Date.now());
  const storms = process.argv.includes('--storms');
  const stormSize = storms ? number('CHAOS_STORM_SIZE', 5) : undefined;
  const result = await runChaos({
    stormSize,
    alerts: number('CHAOS_ALERTS', 1000),
    kills: number('CHAOS_KILLS', 5),
    store: process.env.CHAOS_STORE === 'postgres' ? 'postgres' : 'sqlite',
    seed,
    timeoutMs: 180_000,
    log: (line) => process.stderr.write(`chaos: ${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(stormSize ? { ...result, stormSize } : result)}\n`);
  if (result.duplicates || result.lost || result.posted !== result.alerts) {
    process.stderr.write(`chaos: FAILED (seed ${seed})\n`);
    process.exitCode = 1;
  }
}

void main();
