/**
 * `triage-bot analyze-command "<command line>"`: what a command line does, as JSON —
 * {"decoded", "findings": [{"id", "evidence", "mitre", "layer"}], "iocs": {"ips", "urls", "domains", "hashes"}}.
 * Several arguments are joined with spaces (an unquoted command line).
 */
import { analyzeCommand } from '../../domain/command-analysis';
import type { Command } from '../command';

export const analyzeCommandCli: Command = async (args, io) => {
  const commandLine = args.join(' ').trim();
  if (!commandLine || args[0] === '--help') {
    io.stderr('usage: triage-bot analyze-command "<command line>"\n');
    return 2;
  }
  // In the process (a CLI run stalls no bot), within the domain's caps: `limits` says what they cut.
  const { decoded, findings, iocs, limits } = analyzeCommand(commandLine);
  io.stdout(`${JSON.stringify({ decoded, findings, iocs, ...(limits ? { limits } : {}) }, null, 2)}\n`);
  return 0;
};
