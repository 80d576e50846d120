/** What a triage verdict means for the Defender alert's state when decisions are written back. */
import type { AlertStatus } from '../alert';
import type { Verdict } from '../intent';

export const STATUS_FOR_VERDICT: Record<Verdict, AlertStatus> = {
  'true-positive': 'InProgress',
  'benign-positive': 'Resolved',
  'false-positive': 'Dismissed',
};

/** Alerts API 2022-01-01 action path segment for a target state. */
export const ACTION_FOR_STATUS: Record<AlertStatus, string> = {
  Active: 'activate',
  InProgress: 'inProgress',
  Resolved: 'resolve',
  Dismissed: 'dismiss',
};

/** Retry delay after `attempts` failed tries: 30 s doubling, capped at one hour. */
export function writeBackBackoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export const MAX_WRITE_BACK_ATTEMPTS = 10;
