/** Defender for Cloud alerts API, as the use cases need it. */
import type { Alert, AlertStatus } from '../domain/alert';
import type { Verdict } from '../domain/intent';

export interface DefenderClient {
  /** All alerts in a subscription (every page), raw; the caller normalizes them. */
  listAlerts(subscriptionId: string): Promise<unknown[]>;
  /** Alerts that share host, account, IP or correlation key with `alert` within ±windowHours. */
  findRelated(alert: Alert, windowHours: number): Promise<Alert[]>;
}

/** Where a decision was written: Defender for Cloud's ARM alert, or the Defender XDR alert (Graph). */
export type WriteBackTarget = 'arm' | 'graph';

export type WriteBackResult =
  | { ok: true; status: AlertStatus; target?: WriteBackTarget; /** what was set, for the thread */ detail?: string }
  | { ok: false; httpStatus?: number; reason: string; retryable: boolean; target?: WriteBackTarget };

/** What the decision was, for targets that record more than a state (XDR: classification, a comment). */
export interface WriteBackNote {
  verdict: Verdict;
  /** The tally and the deciders. */
  comment: string;
}

/** Writing a triage decision back to Defender: the ARM alert (Alerts API 2022-01-01) or the XDR alert (Graph). */
export interface DefenderWriteBack {
  setStatus(alert: Alert, status: AlertStatus, note?: WriteBackNote): Promise<WriteBackResult>;
}
