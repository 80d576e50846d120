/** Defender for Cloud alerts API, as the use cases need it. */
import type { Alert, AlertStatus } from '../domain/alert';

export interface DefenderClient {
  /** All alerts in a subscription (every page), raw; the caller normalizes them. */
  listAlerts(subscriptionId: string): Promise<unknown[]>;
  /** Alerts that share host, account, IP or correlation key with `alert` within ±windowHours. */
  findRelated(alert: Alert, windowHours: number): Promise<Alert[]>;
}

export type WriteBackResult =
  | { ok: true; status: AlertStatus }
  | { ok: false; httpStatus?: number; reason: string; retryable: boolean };

/** Writing a triage decision back to Defender (Alerts API 2022-01-01). */
export interface DefenderWriteBack {
  setStatus(alert: Alert, status: AlertStatus): Promise<WriteBackResult>;
}
