/**
 * `triage-bot <command>`: each command lives in ./commands/<name>.ts and is listed here.
 * Expected failures (bad input, bad config) exit 2 with one line on stderr, never a stack trace.
 */
import { TriageError } from '../domain/errors';

import type { CliIo, Command } from './command';

export type { CliIo, Command } from './command';

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  start: { summary: 'start the bot (local mode without configuration)', load: async () => (require('./commands/start') as typeof import('./commands/start')).start },
  normalize: { summary: 'print the normalized alert(s) of a Defender alert JSON file', load: async () => (require('./commands/normalize') as typeof import('./commands/normalize')).normalize },
  card: { summary: 'print the card for a Defender alert JSON file: card <alert.json> --platform teams|slack', load: async () => (require('./commands/card') as typeof import('./commands/card')).card },
  audit: { summary: 'print the audit log as JSON lines: audit --since <ISO time>', load: async () => (require('./commands/audit') as typeof import('./commands/audit')).audit },
  'check-config': { summary: 'validate the configuration and try every configured connection', load: async () => (require('./commands/check-config') as typeof import('./commands/check-config')).checkConfigCommand },
  queries: { summary: 'print the KQL the investigations run for an alert: queries <alert.json>', load: async () => (require('./commands/queries') as typeof import('./commands/queries')).queries },
  'analyze-command': { summary: 'decode and analyze a command line: analyze-command "<command line>"', load: async () => (require('./commands/analyze-command') as typeof import('./commands/analyze-command')).analyzeCommandCli },
  investigate: { summary: 'run an investigation: investigate <alert.json> --kind identity|correlation|analyze', load: async () => (require('./commands/investigate') as typeof import('./commands/investigate')).investigateCli },
};

export function registerCommand(name: string, summary: string, load: () => Promise<Command>): void {
  COMMANDS[name] = { summary, load };
}

const defaultIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
};

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr(`triage-bot: unknown command "${name}". Run "triage-bot help" for the list.\n`);
    return 2;
  }
  try {
    return await (await entry.load())(args, io);
  } catch (err) {
    if (err instanceof TriageError) {
      io.stderr(`triage-bot ${name}: ${err.message.replace(/\n/g, '\n  ')}\n`);
      return 2;
    }
    throw err;
  }
}

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(16)} ${c.summary}`);
  return `usage: triage-bot <command> [args]\n\n${lines.join('\n')}\n`;
}
