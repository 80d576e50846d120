/**
 * What a shift handoff says, computed from what happened during the shift (alerts received, votes,
 * decisions, reopenings) and the alerts still open at its end. Pure; the app turns it into cards.
 * Alert text stays raw here: renderers escape it.
 */
import { SEVERITIES, type Alert, type Severity } from '../alert';
import type { Verdict } from '../intent';
import { replayVotes, type TriageState } from '../votes/decision';
import type { VoteRecord } from '../votes/vote';
import { shiftMetrics, type ShiftMetrics } from './metrics';
import type { Shift } from './shifts';

export interface HandoffNoteView {
  author: string;
  text: string;
  at: string;
}

export interface DecidedItem {
  alertId: string;
  title: string;
  severity: Severity;
  verdict: Verdict;
  decidedSeverity: Severity;
  deciders: string[];
  how: 'lead' | 'quorum';
  at: string;
}

export interface OpenItem {
  alertId: string;
  title: string;
  severity: Severity;
  status: string;
  generatedTime: string;
  ageMs: number;
  votes: number;
  /** the alert had no time: generatedTime and age are from when the bot received it */
  timeUnknown?: boolean;
  /** What its card says the investigations found, one line each ("Who: …"), as the card shows them. */
  findings?: string[];
  /** The triage rules' suggestion on its card ("Suggested: …"), never a vote. */
  suggestion?: string;
}

export interface PendingVotesItem {
  alertId: string;
  title: string;
  counts: Record<Verdict, number>;
  voters: { name: string; verdict: Verdict }[];
}

export interface ShiftAlertItem {
  alertId: string;
  title: string;
  severity: Severity;
  status: string;
  generatedTime: string;
}

/** A storm snoozed during the shift: its alerts were stored and counted but kept out of the channel. */
export interface SnoozedStormItem {
  /** the group card's alert, when still stored */
  alertId: string;
  title: string;
  alertType: string;
  resource: string;
  by: string;
  setAt: string;
  until: string;
  /** alerts held back by the snooze during the shift */
  held: number;
}

export interface HandoffSummary {
  shift: Shift;
  /** How many alerts the bot received during the shift. */
  total: number;
  /** The shift's alerts in the order received (at most the listed ones: `total` counts them all). */
  alerts: ShiftAlertItem[];
  bySeverity: { severity: Severity; count: number }[];
  /** Decisions made during the shift that still stand at its end. */
  decided: DecidedItem[];
  /** Undecided and not closed in Defender at the shift's end, oldest first (this shift's and earlier ones). */
  open: OpenItem[];
  /** How many are open or undecided in all (`open` lists the oldest of them). */
  openTotal: number;
  pendingVotes: PendingVotesItem[];
  notes: HandoffNoteView[];
  /** Storms snoozed during the shift, by when the snooze was set: never silently dropped. */
  snoozed: SnoozedStormItem[];
  metrics: ShiftMetrics;
}

/** An alert and when the bot first received it. */
export interface ReceivedItem {
  alert: Alert;
  receivedAt: string;
}

/**
 * The facts of a shift, selected by what happened during it — alerts received, votes, decisions and
 * reopenings in [start, end) — never by the alerts' own Defender times. The app reads them from the
 * store (app/shift-facts.ts); `handoff`, `triage`, the scheduled handoff and the CLI share it.
 */
export interface HandoffInput {
  shift: Shift;
  now: Date;
  /** Alerts received during the shift, in the order received (a prefix: `cameInTotal` counts all). */
  cameIn: readonly ReceivedItem[];
  cameInTotal: number;
  /** Alerts with a vote or reopening during the shift. */
  active: readonly Alert[];
  /** Open in Defender and undecided at the shift's end, oldest first (a prefix: `openTotal` counts all). */
  open: readonly Alert[];
  openTotal: number;
  /** Open and undecided alerts with live votes (all of them). */
  pending: readonly Alert[];
  /** Triage histories of every alert above. */
  histories: ReadonlyMap<string, readonly VoteRecord[]>;
  quorum: number;
  notes: readonly HandoffNoteView[];
  snoozed?: readonly SnoozedStormItem[];
}

export const CLOSED_STATUSES: ReadonlySet<string> = new Set(['Resolved', 'Dismissed']);

/** The triage state of an alert as it stood at `end`: only what was cast before it counts. */
export function triageAsOf(history: readonly VoteRecord[], quorum: number, end: Date): TriageState {
  const before = end.toISOString();
  return replayVotes(history.filter((v) => v.at < before), quorum);
}

export function summarizeShift(input: HandoffInput): HandoffSummary {
  const { shift } = input;
  const state = (a: Alert) => triageAsOf(input.histories.get(a.systemAlertId) ?? [], input.quorum, shift.end);
  const [from, to] = [shift.start.toISOString(), shift.end.toISOString()];
  const decided = dedupe(input.active)
    .flatMap((a) => decidedItem(a, state(a)))
    .filter((d) => d.at >= from && d.at < to)
    .sort((x, y) => x.at.localeCompare(y.at));
  const open = input.open.map((a) => openItem(a, state(a), input.now));
  const pendingVotes = dedupe(input.pending).flatMap((a) => pendingItem(a, state(a)));
  const metrics = shiftMetrics(
    input.cameIn.map(({ alert, receivedAt }) => ({ cameInAt: receivedAt, firstVoteAt: state(alert).firstVoteAt, decidedAt: state(alert).decision?.at })),
  );
  const cameIn = input.cameIn.map((r) => r.alert);
  return {
    shift,
    total: input.cameInTotal,
    alerts: cameIn.map((a) => ({ alertId: a.systemAlertId, title: a.displayName, severity: a.severity, status: a.status, generatedTime: a.generatedTime })),
    bySeverity: SEVERITIES.map((severity) => ({ severity, count: cameIn.filter((a) => a.severity === severity).length })),
    decided,
    open,
    openTotal: input.openTotal,
    pendingVotes,
    notes: [...input.notes],
    snoozed: [...(input.snoozed ?? [])].sort((x, y) => x.setAt.localeCompare(y.setAt)),
    metrics,
  };
}

function decidedItem(alert: Alert, state: TriageState): DecidedItem[] {
  const d = state.decision;
  if (!d) return [];
  return [
    {
      alertId: alert.systemAlertId,
      title: alert.displayName,
      severity: alert.severity,
      verdict: d.verdict,
      decidedSeverity: d.severity,
      deciders: d.decidedBy.map((v) => v.displayName),
      how: d.how,
      at: d.at,
    },
  ];
}

function openItem(alert: Alert, state: TriageState, now: Date): OpenItem {
  return {
    alertId: alert.systemAlertId,
    title: alert.displayName,
    severity: alert.severity,
    status: alert.status,
    generatedTime: alert.generatedTime,
    ageMs: Math.max(0, now.getTime() - Date.parse(alert.generatedTime)),
    votes: state.tally.live.length,
    ...(alert.timeUnknown ? { timeUnknown: true } : {}),
  };
}

function pendingItem(alert: Alert, state: TriageState): PendingVotesItem[] {
  if (state.decision || !state.tally.live.length) return [];
  return [
    {
      alertId: alert.systemAlertId,
      title: alert.displayName,
      counts: state.tally.counts,
      voters: state.tally.live.map((v) => ({ name: v.voter.displayName, verdict: v.verdict })),
    },
  ];
}

function dedupe(alerts: readonly Alert[]): Alert[] {
  const seen = new Map<string, Alert>();
  for (const a of alerts) seen.set(a.systemAlertId, a);
  return [...seen.values()];
}
