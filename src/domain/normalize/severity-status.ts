/**
 * Severity and status, case- and space-insensitively.
 *
 * An unknown or missing severity becomes **Medium**, not Informational: a value we cannot read must
 * not make an alert look like the least urgent thing in the channel, and not like the most urgent
 * either. An unknown status becomes **Active**: an alert nobody has triaged stays open.
 */
import type { AlertStatus, Severity } from '../alert';

export const UNKNOWN_SEVERITY: Severity = 'Medium';

// Maps, not object literals: a hostile "constructor" must not find Object.prototype's.
const SEVERITY_BY_WORD = new Map<string, Severity>(Object.entries({
  critical: 'High',
  high: 'High',
  medium: 'Medium',
  moderate: 'Medium',
  low: 'Low',
  informational: 'Informational',
  information: 'Informational',
  info: 'Informational',
} satisfies Record<string, Severity>));

const STATUS_BY_WORD = new Map<string, AlertStatus>(Object.entries({
  new: 'Active',
  active: 'Active',
  inprogress: 'InProgress',
  resolved: 'Resolved',
  closed: 'Resolved',
  dismissed: 'Dismissed',
} satisfies Record<string, AlertStatus>));

export const UNKNOWN_STATUS: AlertStatus = 'Active';

export function toSeverity(value: string | undefined): Severity {
  return readSeverity(value) ?? UNKNOWN_SEVERITY;
}

export function toStatus(value: string | undefined): AlertStatus {
  return readStatus(value) ?? UNKNOWN_STATUS;
}

/** The severity a text names, or undefined when it names none. */
export function readSeverity(value: string | undefined): Severity | undefined {
  return SEVERITY_BY_WORD.get(word(value));
}

export function readStatus(value: string | undefined): AlertStatus | undefined {
  return STATUS_BY_WORD.get(word(value));
}

function word(value: string | undefined): string {
  return (value ?? '').replace(/[\s_-]+/g, '').toLowerCase();
}
