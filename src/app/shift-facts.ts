/**
 * The shift's facts read from the store — the one definition `handoff`, `triage`, the scheduled
 * handoff and the CLI share: what came in (by when the bot received it), what was decided, voted or
 * reopened (by when that happened), and what is still open or undecided at the end, however long
 * ago it came in. Open means: not closed in Defender (Resolved/Dismissed) and without a decision.
 */
import type { Alert } from '../domain/alert';
import { summarizeShift, triageAsOf, type HandoffNoteView, type HandoffSummary, type SnoozedStormItem } from '../domain/handoff/summary';
import type { Shift } from '../domain/handoff/shifts';
import type { TriageState } from '../domain/votes/decision';
import type { VoteRecord } from '../domain/votes/vote';
import { depsForAlert } from './customer-scope';
import type { AppDeps } from './deps';

/** At most this many of a shift's alerts are listed (all are counted). */
export const LISTED_CAME_IN = 2000;
/** At most this many open alerts are listed, oldest first (all are counted). */
export const LISTED_OPEN = 100;

export interface OpenUndecided {
  /** The oldest open and undecided alerts, oldest (by Defender's generated time) first. */
  listed: { alert: Alert; state: TriageState }[];
  /** How many there are in all. */
  total: number;
  /** Every open and undecided alert with live votes. */
  pending: Alert[];
  histories: Map<string, VoteRecord[]>;
}

/**
 * The exclusive end that takes in everything up to and including `now` (shifts are [start, end)):
 * `triage` and a handoff asked for now both see what happened in this very millisecond.
 */
export function throughNow(now: Date): Date {
  return new Date(now.getTime() + 1);
}

/** Open and undecided as of `asOf`: what `triage` lists and a handoff ending at `asOf` counts as open. */
export async function openUndecided(deps: AppDeps, asOf: Date, limit = LISTED_OPEN): Promise<OpenUndecided> {
  const at = asOf.toISOString();
  const quorum = deps.settings.voteQuorum;
  const scope = deps.settings.scope; // a customer's alerts only (CUSTOMERS: customer-scope.ts)
  const voted = await deps.store.alerts.openWithTriageEvents(at, scope);
  const histories = await deps.store.votes.histories(voted);
  const quorumOf = await quorumsOf(voted, deps);
  const states = new Map(voted.map((id) => [id, triageAsOf(histories.get(id) ?? [], quorumOf(id), asOf)]));
  const decided = new Set(voted.filter((id) => states.get(id)?.decision));
  // Decided ones are among the open-in-Defender ids: ask for enough ids to list `limit` after skipping them.
  const { ids, total } = await deps.store.alerts.openIds(at, limit + decided.size, scope);
  const listedIds = ids.filter((id) => !decided.has(id)).slice(0, limit);
  const listed = (await deps.store.alerts.getMany(listedIds)).map(({ alert }) => ({
    alert,
    state: states.get(alert.systemAlertId) ?? triageAsOf([], quorum, asOf),
  }));
  const pendingIds = voted.filter((id) => !decided.has(id) && (states.get(id)?.tally.live.length ?? 0) > 0);
  const pending = (await deps.store.alerts.getMany(pendingIds)).map((r) => r.alert);
  return { listed, total: total - decided.size, pending, histories };
}

/** CUSTOMERS: each alert is decided under its customer's quorum (a SOC-wide list mixes them); else VOTE_QUORUM. */
async function quorumsOf(ids: readonly string[], deps: AppDeps): Promise<(id: string) => number> {
  const quorum = deps.settings.voteQuorum;
  if (!deps.settings.customers?.length) return () => quorum;
  const own = new Map((await deps.store.alerts.getMany(ids)).map(({ alert }) => [alert.systemAlertId, depsForAlert(alert, deps).settings.voteQuorum]));
  return (id) => own.get(id) ?? quorum;
}

/** Everything a handoff of `shift` says, from the store. */
export async function shiftFacts(
  shift: Shift,
  deps: AppDeps,
  extra: { notes: readonly HandoffNoteView[]; snoozed: readonly SnoozedStormItem[] },
): Promise<HandoffSummary> {
  const [from, to] = [shift.start.toISOString(), shift.end.toISOString()];
  const cameIn = await deps.store.alerts.receivedBetween(from, to, LISTED_CAME_IN, deps.settings.scope);
  const activeIds = await deps.store.votes.alertsWithEventsBetween(from, to, deps.settings.scope);
  const active = (await deps.store.alerts.getMany(activeIds)).map((r) => r.alert);
  const open = await openUndecided(deps, shift.end);
  const known = new Set(open.histories.keys());
  const missing = [...new Set([...cameIn.alerts.map((r) => r.alert.systemAlertId), ...activeIds])].filter((id) => !known.has(id));
  const histories = new Map([...open.histories, ...(await deps.store.votes.histories(missing))]);
  return summarizeShift({
    shift,
    now: deps.clock.now(),
    cameIn: cameIn.alerts,
    cameInTotal: cameIn.total,
    active,
    open: open.listed.map((o) => o.alert),
    openTotal: open.total,
    pending: open.pending,
    histories,
    quorum: deps.settings.voteQuorum,
    notes: extra.notes,
    snoozed: extra.snoozed,
  });
}
