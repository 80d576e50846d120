/** Shift handoffs: the notes an outgoing shift leaves, and each posted handoff with its acknowledgment. */
import type { Platform } from '../domain/intent';
import type { AlertScope } from './alert-scope';

export interface HandoffNote {
  id?: number;
  platform: Platform;
  userId: string;
  displayName: string;
  text: string;
  at: string;
  /** The customer of the channel it was left in (CUSTOMERS); absent: SOC-wide. */
  customer?: string;
}

export interface HandoffRecord {
  /** Stable id: `shift:<end ISO>` for a scheduled handoff (one per boundary across replicas), else unique. */
  id: string;
  shiftStart: string;
  shiftEnd: string;
  postedAt: string;
  postedBy: string;
  /** The root card as posted (JSON), so an acknowledgment can update it in place. */
  cardJson?: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
}

export interface HandoffRepository {
  addNote(note: HandoffNote): Promise<void>;
  /** Notes written in [from, to), oldest first; with a scope, only those left for its customers. */
  notes(from: string, to: string, scope?: AlertScope): Promise<HandoffNote[]>;
  /** Creates the record; false when a handoff with that id exists already (another replica posted it). */
  claim(record: HandoffRecord): Promise<boolean>;
  get(id: string): Promise<HandoffRecord | undefined>;
  /** Sets the acknowledgment if none yet; returns the record as it is afterwards. */
  acknowledge(id: string, by: string, at: string): Promise<HandoffRecord | undefined>;
}
