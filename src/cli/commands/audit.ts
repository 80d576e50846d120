/**
 * `triage-bot audit --since <ISO time> [--limit N]`: the audit log (votes, decisions, write-backs,
 * handoff acknowledgments) as JSON lines, oldest first, from the store DATABASE_URL names.
 * With `--suggestions`: instead, one JSON object — how often the triage rules' suggestion was the
 * decided verdict, overall and per rule, over the decisions since then.
 */
import fs from 'node:fs';
import { DEFAULT_DATABASE_URL, openStore } from '../../adapters/store/open-store';
import { TriageError } from '../../domain/errors';
import { readDotEnv } from '../../config/load-config';
import type { Command } from '../command';
import { decisionRecordOf, suggestionAgreement } from '../../domain/suggestion-agreement';

const USAGE = 'usage: triage-bot audit --since <ISO time, e.g. 2026-11-27T00:00:00Z> [--limit N] [--suggestions]';
const DEFAULT_LIMIT = 100_000;

export const audit: Command = async (args, io) => {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`triage-bot audit: ${parsed} (${USAGE})\n`);
    return 2;
  }
  const env = readDotEnv(io.env);
  const url = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  assertDatabaseExists(url);
  const store = await openStore(url);
  try {
    const entries = await store.audit.since(parsed.since, parsed.limit);
    if (parsed.suggestions) {
      const decisions = entries.flatMap((e) => (e.action === 'decision' ? [decisionRecordOf(e.after)].filter((d) => d !== undefined) : []));
      io.stdout(`${JSON.stringify(suggestionAgreement(decisions))}\n`);
      return 0;
    }
    for (const e of entries) {
      io.stdout(`${JSON.stringify({ id: e.id, at: e.at, actor: e.actor, action: e.action, alertId: e.alertId ?? null, before: e.before ?? null, after: e.after ?? null })}\n`);
    }
    if (entries.length === parsed.limit) io.stderr(`triage-bot audit: stopped at --limit ${parsed.limit}; use a later --since for the rest\n`);
    return 0;
  } finally {
    await store.close();
  }
};

function parseArgs(args: string[]): { since: string; limit: number; suggestions: boolean } | string {
  let since: string | undefined;
  let limit = DEFAULT_LIMIT;
  let suggestions = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--suggestions') {
      suggestions = true;
      continue;
    }
    const [flag, inline] = (args[i] as string).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? args[++i];
    if (flag === '--since') since = value;
    else if (flag === '--limit') limit = Number(value);
    else return `unknown argument "${flag.slice(0, 40)}"`;
  }
  if (!since) return '--since is required';
  const t = Date.parse(since);
  if (!/^\d{4}-\d{2}-\d{2}/.test(since) || Number.isNaN(t)) return `--since "${since.slice(0, 40)}" is not an ISO 8601 time`;
  if (!Number.isInteger(limit) || limit < 1) return '--limit must be a positive whole number';
  return { since: new Date(t).toISOString(), limit, suggestions };
}

/** Reading the audit must not create an empty SQLite database by accident. */
function assertDatabaseExists(url: string): void {
  if (!url.startsWith('sqlite:')) return;
  const file = url.slice('sqlite:'.length);
  if (file && file !== ':memory:' && !fs.existsSync(file))
    throw new TriageError('no_database', `no database at ${file} (set DATABASE_URL to the bot's database)`);
}
