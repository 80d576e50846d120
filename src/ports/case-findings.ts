/**
 * Where an alert's findings are kept (the latest of each investigation) with the message in the
 * thread that holds each one's full answer, so the card can show them — across restarts and on
 * every replica.
 */
import type { CaseFindings, FailedPart, FindingsPart } from '../domain/case-findings';
import type { InvestigationKind } from '../domain/intent';
import type { MessageRef } from './chat-surface';

export interface StoredFinding {
  kind: InvestigationKind;
  part: FindingsPart | FailedPart;
  /** The full answer's message in the alert's thread, per surface it was posted on. */
  answers: MessageRef[];
  updatedAt: string;
}

export interface CaseFindingsRepository {
  /** Replaces the alert's finding of that kind (a re-run replaces its line). */
  save(alertId: string, finding: StoredFinding): Promise<void>;
  list(alertId: string): Promise<StoredFinding[]>;
}

export function findingsOf(stored: StoredFinding[]): CaseFindings {
  const out: CaseFindings = {};
  for (const s of stored) {
    if (s.kind === 'identity') out.who = s.part as CaseFindings['who'];
    if (s.kind === 'correlation') out.related = s.part as CaseFindings['related'];
    if (s.kind === 'analyze') out.command = s.part as CaseFindings['command'];
  }
  return out;
}
