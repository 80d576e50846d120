/** Defender for Cloud alerts API, as the use cases need it. */
import type { Alert, AlertStatus } from '../domain/alert';

export type WriteBackResult =
  | { ok: true; status: AlertStatus }
  | { ok: false; httpStatus?: number; reason: string; retryable: boolean };

export interface DefenderClient {
  /** All alerts in a subscription (every page). Raw shapes are normalized by the caller. */
  listAlerts(subscriptionId: string): Promise<unknown[]>;
  /** Alerts that share host, account, IP or correlation key with `alert` within ±window. */
  findRelated(alert: Alert, windowHours: number): Promise<Alert[]>;
  setStatus(alert: Alert, status: AlertStatus): Promise<WriteBackResult>;
}
