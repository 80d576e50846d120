import { readDotEnv } from '../../config/load-config';
import { checkConfig } from '../../diagnostics/check-config';
import type { Command } from '../command';

/** `triage-bot check-config [--json]`: exit 0 when every item is ok, 1 otherwise. */
export const checkConfigCommand: Command = async (args, io) => {
  const unknown = args.filter((a) => a !== '--json');
  if (unknown.length) {
    io.stderr(`triage-bot check-config: unknown argument "${unknown[0]}" (usage: check-config [--json])\n`);
    return 2;
  }
  const results = await checkConfig(readDotEnv(io.env));
  if (args.includes('--json')) io.stdout(JSON.stringify(results, null, 2) + '\n');
  else for (const r of results) io.stdout(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.item}: ${r.detail}\n`);
  const failed = results.filter((r) => !r.ok).length;
  if (!args.includes('--json')) io.stdout(failed ? `\n${failed} problem(s) to fix.\n` : '\nEverything checks out.\n');
  return failed ? 1 : 0;
};
