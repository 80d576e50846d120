/**
 * The text commands every surface accepts, parsed once into Intents (Slack slash commands, Teams
 * @mentions and the local channel's command box all call this):
 *
 *   investigate [who|correlate|analyze] <alert id | host | ip | account> [window]
 *   handoff [note]            post the shift handoff (optionally with a note)
 *   handoff note <text>       add a note for the next shift
 *   triage                    open alerts without a decision
 *   help [topic]              also `<command> help`
 *
 * A leading "/" is ignored, so "/investigate web-vm-01 2h" and "investigate web-vm-01 2h" are the
 * same. Slack passes its slash command name plus text: parseCommand(`${command} ${text}`).
 */
import type { Intent, InvestigationKind } from './intent';

export interface CommandError {
  error: string;
}

export type ParsedCommand = Intent | CommandError;

export const COMMAND_NAMES = ['investigate', 'handoff', 'triage', 'help'] as const;

const MAX_TEXT = 2000;
const MAX_TARGET = 200;
/** 30m, 2h, 1d, 1w — what Log Analytics and people both understand. */
const WINDOW = /^[1-9]\d{0,3}[mhdw]$/i;
const KIND_WORDS: Record<string, InvestigationKind> = {
  who: 'identity',
  identity: 'identity',
  correlate: 'correlation',
  correlation: 'correlation',
  analyze: 'analyze',
  analyse: 'analyze',
};

export function isCommandError(parsed: ParsedCommand): parsed is CommandError {
  return 'error' in parsed;
}

export function parseCommand(text: string): ParsedCommand {
  const trimmed = String(text ?? '').trim().replace(/^\//, '');
  if (!trimmed) return { error: 'empty command: try "help"' };
  if (trimmed.length > MAX_TEXT) return { error: `command too long (at most ${MAX_TEXT} characters)` };
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const name = first.toLowerCase();
  const args = rest;
  if (args.length === 1 && args[0]?.toLowerCase() === 'help' && name !== 'help' && isKnown(name)) {
    return { kind: 'help', topic: name };
  }
  switch (name) {
    case 'investigate':
      return parseInvestigate(args);
    case 'handoff':
      return parseHandoff(trimmed.slice(first.length).trim());
    case 'triage':
      return args.length ? { error: 'triage takes no arguments' } : { kind: 'triage-list' };
    case 'help':
      return { kind: 'help', topic: args[0]?.toLowerCase().replace(/^\//, '') || undefined };
    default:
      return { error: `unknown command "${first.slice(0, 40)}": try investigate, handoff, triage or help` };
  }
}

function isKnown(name: string): boolean {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

function parseInvestigate(args: string[]): ParsedCommand {
  const words = [...args];
  const kind = words.length > 1 ? KIND_WORDS[words[0]!.toLowerCase()] : undefined;
  if (kind) words.shift();
  const [target, window, ...extra] = words;
  if (!target) return { error: 'investigate needs a target: an alert id, host, IP or account (e.g. "investigate web-vm-01 2h")' };
  if (target.length > MAX_TARGET) return { error: `investigate target too long (at most ${MAX_TARGET} characters)` };
  if (extra.length) return { error: 'investigate takes one target and an optional window (e.g. "investigate web-vm-01 2h")' };
  if (window !== undefined && !WINDOW.test(window)) {
    return { error: `window "${window.slice(0, 20)}" not understood: use minutes, hours, days or weeks like 30m, 2h, 1d, 1w` };
  }
  const intent: Intent = { kind: 'investigate-target', target };
  if (window) intent.window = window.toLowerCase();
  if (kind) intent.investigation = kind;
  return intent;
}

function parseHandoff(rest: string): ParsedCommand {
  const match = /^note(?:\s+([\s\S]*))?$/i.exec(rest);
  if (match) {
    const note = (match[1] ?? '').trim();
    return note ? { kind: 'handoff-note', note } : { error: 'handoff note needs the text of the note' };
  }
  return rest ? { kind: 'handoff', note: rest } : { kind: 'handoff' };
}
