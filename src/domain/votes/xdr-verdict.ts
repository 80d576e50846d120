/**
 * A triage decision as Defender XDR (the Defender portal, Graph alerts_v2) records it: status,
 * classification and determination (Graph's update-alert values), and the comment the bot adds
 * with the tally and the deciders. XDR has no "dismissed": a false positive is resolved as one.
 */
import type { AlertStatus } from '../alert';
import type { Verdict } from '../intent';
import type { TriageState } from './decision';
import { VERDICT_LABELS } from './vote';
import { STATUS_FOR_VERDICT } from './write-back-status';

export interface XdrAlertUpdate {
  status: 'inProgress' | 'resolved';
  classification: 'truePositive' | 'informationalExpectedActivity' | 'falsePositive';
  determination: 'other' | 'confirmedUserActivity' | 'clean';
}

export const XDR_FOR_VERDICT: Record<Verdict, XdrAlertUpdate> = {
  // The team decided it is real; what kind of attack is for the analyst to say in the portal.
  'true-positive': { status: 'inProgress', classification: 'truePositive', determination: 'other' },
  'benign-positive': { status: 'resolved', classification: 'informationalExpectedActivity', determination: 'confirmedUserActivity' },
  'false-positive': { status: 'resolved', classification: 'falsePositive', determination: 'clean' },
};

/** The verdict a queued write-back's target status stands for (STATUS_FOR_VERDICT is one-to-one). */
export function verdictForStatus(status: AlertStatus): Verdict | undefined {
  return (Object.keys(STATUS_FOR_VERDICT) as Verdict[]).find((v) => STATUS_FOR_VERDICT[v] === status);
}

const MAX_COMMENT = 1000;

/** "Defender Triage Bot: true positive (Medium), decided by quorum: alice, bob. Tally: …" */
export function xdrComment(verdict: Verdict, state: TriageState): string {
  const d = state.decision;
  const how = d ? `, decided by ${d.how === 'lead' ? 'a lead' : 'quorum'}: ${d.decidedBy.map((v) => v.displayName || v.userId).join(', ')}` : '';
  const severity = d ? ` (${d.severity})` : '';
  const counts = (Object.keys(VERDICT_LABELS) as Verdict[]).map((v) => `${state.tally.counts[v]} ${VERDICT_LABELS[v]}`).join(', ');
  const text = `Defender Triage Bot: ${VERDICT_LABELS[verdict]}${severity}${how}. Tally: ${counts}.`;
  return text.length <= MAX_COMMENT ? text : `${text.slice(0, MAX_COMMENT - 1)}…`;
}
