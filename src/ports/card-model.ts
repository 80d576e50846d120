/**
 * What a message says, independent of where it is shown. Use cases produce these; the chat
 * adapters render them through the shared templates in cards/ (Adaptive Card for Teams and the
 * local channel, Block Kit for Slack). Add a variant here when a new kind of message is needed.
 */
import type { Alert, AlertStatus } from '../domain/alert';
import type { FindingsPart } from '../domain/case-findings';
import type { InvestigationKind, Platform, Verdict } from '../domain/intent';

export interface VoteView {
  voter: string;
  verdict: Verdict;
  severity?: string;
  comment?: string;
  at: string;
}

export interface TallyView {
  counts: Record<Verdict, number>;
  votes: VoteView[];
  quorum: number;
}

export interface DecisionView {
  verdict: Verdict;
  severity?: string;
  decidedBy: string[];
  at: string;
  /** Who may reopen it, e.g. "a lead can reopen it". */
  reopeners?: string;
}

/** Where a findings line's full answer was posted (a MessageRef; the surface showing the card links to its own). */
export interface AnswerRef {
  platform: Platform;
  channelId: string;
  messageId: string;
  threadId: string;
}

/** Live state shown on an alert's card besides the alert itself. */
export interface AlertCardState {
  status: AlertStatus;
  tally?: TallyView;
  decision?: DecisionView;
  /** Alert storms: how many alerts this card stands for (1 = a single alert). */
  groupCount?: number;
  /** Alert storms: how many of those were held back by a snooze (stored and counted, not posted). */
  snoozedCount?: number;
  snooze?: { until: string; by: string };
  /** Alert storms: the longest snooze offered (SNOOZE_MAX_HOURS), in minutes. */
  snoozeMaxMinutes?: number;
  /** An investigation in progress ("running…"), shown on the card after a click. */
  running?: string[];
  /** The Azure portal of the configured cloud our buttons lead to (default https://portal.azure.com). */
  portalUrl?: string;
  /** The card is the case: one line per investigation that answered (Who, Related, Command), latest run. */
  findings?: { label: string; text: string; failed: boolean; answers?: AnswerRef[] }[];
  /** The triage rules' suggestion ("Suggested: true positive, Medium — …"): never a vote. */
  suggestion?: string;
  /** SUGGEST_PRESELECT on: the severity the vote controls start at. */
  preselectSeverity?: string;
  /** e.g. a write-back failure, shown until resolved. */
  notice?: string;
  /** The alert's customer (CUSTOMERS): the card says "Customer: X"; absent without CUSTOMERS. */
  customer?: string;
}

export interface EvidenceTable {
  title: string;
  columns: string[];
  rows: string[][];
  /** true when more rows exist than are shown. */
  truncated?: boolean;
}

/** One source an investigation searched, and what it gave. */
export interface SourceCoverageView {
  /** The Log Analytics table. */
  source: string;
  /** The query's name (`triage-bot queries` lists the same names). */
  query: string;
  title: string;
  outcome: 'rows' | 'no-rows' | 'partial' | 'not-collected' | 'failed';
  rows: number;
  /** Why it failed or was partial. */
  detail?: string;
  /** For a source not collected here: what to turn on, and Microsoft's page about it. */
  setting?: string;
  docsUrl?: string;
}

export interface InvestigationResultView {
  alertId?: string;
  /** Which investigation this is (Who?, Correlate, Analyze), when it ran on an alert. */
  kind?: InvestigationKind;
  title: string;
  /** The answer first, in one or two sentences. */
  answer: string;
  /** `not-collected`: the workspace has none of the sources this alert needs. */
  status: 'ok' | 'partial' | 'no-rows' | 'failed' | 'not-collected';
  tables: EvidenceTable[];
  queries: { name: string; query: string }[];
  links: { label: string; href: string }[];
  facts?: { title: string; value: string }[];
  /** What it found, as facts (an alert's investigation only): the card's Findings line and the triage rules. */
  findings?: FindingsPart;
  /** Run on arrival (AUTO_INVESTIGATE_MIN_SEVERITY), not asked for: the answer says so. */
  automatic?: boolean;
  /** Every source searched and what each gave (Who?); absent when the investigation has no such list. */
  coverage?: SourceCoverageView[];
}

/** The KQL an investigation ran (or would run), for copying. */
export interface QueryListView {
  title: string;
  queries: { name: string; query: string; timespan: string }[];
}

export type CardModel =
  | { kind: 'alert'; alert: Alert; state: AlertCardState }
  | { kind: 'investigation-result'; result: InvestigationResultView }
  | { kind: 'query-list'; list: QueryListView }
  /** `markdown`: the text is the bot's own Adaptive Card markdown (help), never alert data. */
  | { kind: 'notice'; title?: string; text: string; tone: 'info' | 'good' | 'warning' | 'attention'; markdown?: boolean }
  | { kind: 'custom'; template: string; data: Record<string, unknown>; fallbackText: string };
