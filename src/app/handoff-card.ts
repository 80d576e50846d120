/**
 * A handoff summary as messages: a compact root card (cards/handoff.json: totals, MTTA/MTTR and the
 * Acknowledge button) and thread replies (cards/handoff-section.json), each section cut into
 * messages of at most SECTION_ITEMS lines so every platform's limits hold however busy the shift was.
 * Values are plain strings; the card renderer escapes them for each platform.
 */
import { formatDuration } from '../domain/handoff/metrics';
import type { HandoffSummary } from '../domain/handoff/summary';
import { VERDICT_LABELS } from '../domain/votes/vote';
import type { CardModel } from '../ports/card-model';

export const SECTION_ITEMS = 20;
/** A section lists at most this many lines (and says how many more). */
const LISTED_LINES = 100;
const TITLE_CHARS = 120;

export interface HandoffMessages {
  root: CardModel;
  thread: CardModel[];
}

export function handoffMessages(s: HandoffSummary, handoffId: string, acknowledged = ''): HandoffMessages {
  return { root: handoffRootCard(s, handoffId, acknowledged), thread: handoffThread(s) };
}

export function handoffRootCard(s: HandoffSummary, handoffId: string, acknowledged = ''): CardModel {
  const severities = s.bySeverity.filter((b) => b.count > 0).map((b) => `${b.severity} ${b.count}`).join(', ');
  const facts = [
    { title: 'Alerts this shift', value: `${s.total}${severities ? ` (${severities})` : ''}` },
    { title: 'Decided', value: String(s.decided.length) },
    { title: 'Open or undecided', value: String(s.openTotal) },
    { title: 'Pending votes', value: String(s.pendingVotes.length) },
    { title: 'MTTA (alert → first vote)', value: metric(s.metrics.mttaMs, s.metrics.acknowledged) },
    { title: 'MTTR (alert → decision)', value: metric(s.metrics.mttrMs, s.metrics.decided) },
    { title: 'Notes from the outgoing shift', value: String(s.notes.length) },
    { title: 'Snoozed storms', value: snoozedTotal(s) },
  ];
  const title = `Shift handoff: ${s.shift.label}`;
  return {
    kind: 'custom',
    template: 'handoff',
    data: {
      handoffId,
      title,
      period: `${utc(s.shift.start.toISOString())} – ${utc(s.shift.end.toISOString())}`,
      facts,
      acknowledged,
    },
    fallbackText: `${title}: ${s.total} alerts, ${s.decided.length} decided, ${s.openTotal} open or undecided`,
  };
}

export function handoffThread(s: HandoffSummary): CardModel[] {
  const bySeverity = more(
    s.bySeverity.flatMap((b) => sortedShiftAlerts(s, b.severity).map((line) => `${b.severity}: ${line}`)).slice(0, LISTED_LINES),
    s.total,
  );
  return [
    ...section('Alerts this shift, by severity', bySeverity, 'No alerts came in during this shift.'),
    ...section(
      'Decided',
      s.decided.map(
        (d) => `${cut(d.title)} — ${VERDICT_LABELS[d.verdict]} / ${d.decidedSeverity}, by ${d.deciders.join(', ')}${d.how === 'lead' ? ' (lead)' : ' (quorum)'} at ${utc(d.at)}`,
      ),
      'Nothing was decided during this shift.',
    ),
    ...section(
      'Open or undecided, oldest first',
      more(s.open.slice(0, LISTED_LINES).map(openLine), s.openTotal),
      'Nothing is open or undecided.',
      // Items carrying their card's findings are longer: fewer per message keeps each within limits.
      s.open.some((o) => o.findings?.length) ? { perMessage: SECTION_ITEMS / 2, chars: OPEN_ITEM_CHARS } : {},
    ),
    ...section(
      'Pending votes',
      s.pendingVotes.map((p) => `${cut(p.title)} — ${p.voters.map((v) => `${v.name}: ${VERDICT_LABELS[v.verdict]}`).join('; ')}`),
      'No votes are waiting for a quorum.',
    ),
    ...section(
      'Snoozed storms (alerts stored and counted, not posted)',
      s.snoozed.map(
        (z) =>
          `${cut(z.title)} (${cut(z.alertType, 80)}) on ${cut(z.resource, 200)} — snoozed by ${z.by} at ${utc(z.setAt)} until ${utc(z.until)}; ${z.held} alert(s) held this shift`,
      ),
      'Nothing was snoozed.',
    ),
    ...section(
      'Notes from the outgoing shift',
      s.notes.map((n) => `${n.author} (${utc(n.at)}): ${n.text}`),
      'No notes were left.',
    ),
  ];
}

/** The lines shown, and a last line saying how many more there are. */
function more(lines: string[], total: number): string[] {
  return total > lines.length ? [...lines, `… and ${total - lines.length} more (the triage command lists what is open)`] : lines;
}

/** An open item, then what its card found (one line each) and the suggestion, under it. */
function openLine(o: HandoffSummary['open'][number]): string {
  const head = `${cut(o.title)} — ${o.severity}, ${o.status}, ${openAge(o)}, ${o.votes} vote(s)`;
  const under = [...(o.findings ?? []).map((l) => cut(l, FINDING_CHARS)), ...(o.suggestion ? [cut(o.suggestion, SUGGESTION_CHARS)] : [])];
  return [head, ...under.map((l) => `↳ ${l}`)].join('\n');
}

const FINDING_CHARS = 240;
const SUGGESTION_CHARS = 500;
/** An open item with three findings lines and its suggestion, at most. */
const OPEN_ITEM_CHARS = TITLE_CHARS + 100 + 3 * (FINDING_CHARS + 3) + SUGGESTION_CHARS + 3;

/** One section as one or more messages of at most `perMessage` lines of at most `chars` each. */
function section(title: string, lines: string[], empty: string, { perMessage = SECTION_ITEMS, chars = 600 } = {}): CardModel[] {
  if (!lines.length) return [sectionCard(title, [empty])];
  const out: CardModel[] = [];
  for (let i = 0; i < lines.length; i += perMessage) {
    const part = lines.length > perMessage ? ` (${i / perMessage + 1}/${Math.ceil(lines.length / perMessage)})` : '';
    out.push(sectionCard(`${title}${part}`, lines.slice(i, i + perMessage), chars));
  }
  return out;
}

export function sectionCard(title: string, lines: string[], chars = 600): CardModel {
  return {
    kind: 'custom',
    template: 'handoff-section',
    data: { title, items: lines.map((text) => ({ text: cut(text, chars) })) },
    fallbackText: title,
  };
}

function sortedShiftAlerts(s: HandoffSummary, severity: string): string[] {
  const decided = new Map(s.decided.map((d) => [d.alertId, d]));
  const open = new Map(s.open.map((o) => [o.alertId, o]));
  return s.alerts
    .filter((a) => a.severity === severity)
    .map((a) => {
      const d = decided.get(a.alertId);
      return `${cut(a.title)} (${d ? `decided ${VERDICT_LABELS[d.verdict]}` : open.has(a.alertId) ? 'open' : a.status})`;
    });
}

function snoozedTotal(s: HandoffSummary): string {
  if (!s.snoozed.length) return '0';
  const held = s.snoozed.reduce((n, z) => n + z.held, 0);
  return `${s.snoozed.length} (${held} alert(s) held, listed in the thread)`;
}

function metric(ms: number | undefined, n: number): string {
  return ms === undefined ? 'n/a (no alerts with that event)' : `${formatDuration(ms)} over ${n} alert(s)`;
}

/** A time-unknown alert's age is the bot's: it is said to be since it was received. */
function openAge(o: HandoffSummary['open'][number]): string {
  return o.timeUnknown ? `received ${formatDuration(o.ageMs)} ago (time unknown)` : `age ${formatDuration(o.ageMs)}`;
}

function cut(text: string, max = TITLE_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function utc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
