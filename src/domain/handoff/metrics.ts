/**
 * Shift metrics over the alerts that came in during the shift. MTTA: the bot received the alert →
 * first triage vote. MTTR: received → triage decision (the team cannot act before the alert is in
 * the channel; a replayed or late-exported alert's Defender time would count time nobody had it).
 * Means over the alerts that have the event; none → undefined.
 */
export interface AlertTimes {
  cameInAt: string;
  firstVoteAt?: string;
  decidedAt?: string;
}

export interface ShiftMetrics {
  mttaMs?: number;
  mttrMs?: number;
  acknowledged: number;
  decided: number;
}

export function shiftMetrics(alerts: readonly AlertTimes[]): ShiftMetrics {
  const ack = durations(alerts, (a) => a.firstVoteAt);
  const res = durations(alerts, (a) => a.decidedAt);
  return { mttaMs: mean(ack), mttrMs: mean(res), acknowledged: ack.length, decided: res.length };
}

function durations(alerts: readonly AlertTimes[], end: (a: AlertTimes) => string | undefined): number[] {
  const out: number[] = [];
  for (const a of alerts) {
    const e = end(a);
    if (!e) continue;
    // A vote stamped before the alert (clock skew between Defender and us) counts as immediate.
    out.push(Math.max(0, Date.parse(e) - Date.parse(a.cameInAt)));
  }
  return out;
}

function mean(values: number[]): number | undefined {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : undefined;
}

/** "45 s", "12 min", "3 h 05 min", "2 d 4 h". */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${String(min % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}
