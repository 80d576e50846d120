/**
 * What a shift handoff says, computed from the shift's alerts and their vote histories. Pure; the
 * app turns it into cards. Alert text stays raw here: renderers escape it.
 */
import { SEVERITIES, type Alert, type Severity } from '../alert';
import type { Verdict } from '../intent';
import type { TriageState } from '../votes/decision';
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
  total: number;
  /** The shift's alerts, oldest first. */
  alerts: ShiftAlertItem[];
  bySeverity: { severity: Severity; count: number }[];
  decided: DecidedItem[];
  /** Undecided and not closed in Defender, oldest first (this shift's and carried-over ones). */
  open: OpenItem[];
  pendingVotes: PendingVotesItem[];
  notes: HandoffNoteView[];
  /** Storms snoozed during the shift, by when the snooze was set: never silently dropped. */
  snoozed: SnoozedStormItem[];
  metrics: ShiftMetrics;
}

export interface HandoffInput {
  shift: Shift;
  now: Date;
  /** Alerts generated during the shift. */
  shiftAlerts: readonly Alert[];
  /** Older alerts that may still be open (carried over from earlier shifts). */
  earlierAlerts: readonly Alert[];
  states: ReadonlyMap<string, TriageState>;
  notes: readonly HandoffNoteView[];
  snoozed?: readonly SnoozedStormItem[];
}

const CLOSED = new Set(['Resolved', 'Dismissed']);

export function summarizeShift(input: HandoffInput): HandoffSummary {
  const { shiftAlerts, states } = input;
  const decided = shiftAlerts.flatMap((a) => decidedItem(a, states.get(a.systemAlertId)));
  const all = dedupe([...input.earlierAlerts, ...shiftAlerts]);
  const undecided = all.filter((a) => !states.get(a.systemAlertId)?.decision);
  const open = undecided
    .filter((a) => !CLOSED.has(a.status))
    .map((a) => openItem(a, states.get(a.systemAlertId), input.now))
    .sort((x, y) => x.generatedTime.localeCompare(y.generatedTime));
  const pendingVotes = undecided.flatMap((a) => pendingItem(a, states.get(a.systemAlertId)));
  const metrics = shiftMetrics(
    shiftAlerts.map((a) => ({
      generatedTime: a.generatedTime,
      firstVoteAt: states.get(a.systemAlertId)?.firstVoteAt,
      decidedAt: states.get(a.systemAlertId)?.decision?.at,
    })),
  );
  return {
    shift: input.shift,
    total: shiftAlerts.length,
    alerts: shiftAlerts
      .map((a) => ({ alertId: a.systemAlertId, title: a.displayName, severity: a.severity, status: a.status, generatedTime: a.generatedTime }))
      .sort((x, y) => x.generatedTime.localeCompare(y.generatedTime)),
    bySeverity: SEVERITIES.map((severity) => ({ severity, count: shiftAlerts.filter((a) => a.severity === severity).length })),
    decided,
    open,
    pendingVotes,
    notes: [...input.notes],
    snoozed: [...(input.snoozed ?? [])].sort((x, y) => x.setAt.localeCompare(y.setAt)),
    metrics,
  };
}

function decidedItem(alert: Alert, state: TriageState | undefined): DecidedItem[] {
  const d = state?.decision;
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

function openItem(alert: Alert, state: TriageState | undefined, now: Date): OpenItem {
  return {
    alertId: alert.systemAlertId,
    title: alert.displayName,
    severity: alert.severity,
    status: alert.status,
    generatedTime: alert.generatedTime,
    ageMs: Math.max(0, now.getTime() - Date.parse(alert.generatedTime)),
    votes: state?.tally.live.length ?? 0,
    ...(alert.timeUnknown ? { timeUnknown: true } : {}),
  };
}

function pendingItem(alert: Alert, state: TriageState | undefined): PendingVotesItem[] {
  if (!state || !state.tally.live.length) return [];
  return [
    {
      alertId: alert.systemAlertId,
      title: alert.displayName,
      counts: state.tally.counts,
      voters: state.tally.live.map((v) => ({ name: v.voter.displayName, verdict: v.verdict })),
    },
  ];
}

function dedupe(alerts: Alert[]): Alert[] {
  const seen = new Map<string, Alert>();
  for (const a of alerts) seen.set(a.systemAlertId, a);
  return [...seen.values()];
}
