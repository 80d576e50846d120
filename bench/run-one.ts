/**
 * Runs one benchmark in this process and prints its figures as one JSON line on stdout.
 * scripts/bench.ts starts one of these per benchmark, so each measures a fresh process (RSS, JIT,
 * heap) and none disturbs another. Usage: tsx bench/run-one.ts <name> [--short]
 */
import { BENCHMARKS, type BenchName } from './benchmarks';

async function main(): Promise<void> {
  const name = process.argv[2] as BenchName;
  const short = process.argv.includes('--short');
  const bench = BENCHMARKS[name];
  if (!bench) {
    process.stderr.write(`run-one: unknown benchmark "${String(name)}" (one of ${Object.keys(BENCHMARKS).join(', ')})\n`);
    process.exit(2);
  }
  const figures = await bench(short);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`run-one ${process.argv[2]}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
