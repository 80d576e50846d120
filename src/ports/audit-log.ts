/**
 * Who did what, when: every audited action (votes, decisions, refusals, write-backs).
 */
export interface AuditEntry {
  id?: number;
  at: string;
  actor: string;
  action: string;
  alertId?: string;
  before?: unknown;
  after?: unknown;
}

/** Append-only. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  since(isoTime: string, limit?: number): Promise<AuditEntry[]>;
}
