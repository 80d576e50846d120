/**
 * The card is the case: each investigation's findings are kept with the alert (a re-run replaces
 * its own; a failure is kept as one), with where its full answer sits in the thread; the triage
 * suggestion is computed from them whenever it is needed, so it always matches the findings shown.
 */
import { type CaseFindings, type FailedPart, type FindingsPart } from '../domain/case-findings';
import type { InvestigationKind } from '../domain/intent';
import { suggestTriage, type TriageSuggestion } from '../domain/triage-suggestion';
import { findingsOf, type StoredFinding } from '../ports/case-findings';
import type { CardModel } from '../ports/card-model';
import type { MessageRef } from '../ports/chat-surface';
import type { AppDeps, CardStateContributor } from './deps';
import { FINDING_LABELS, findingLine } from '../domain/findings-lines';
import { suggestionText } from '../domain/triage-suggestion';

/** Keeps what an investigation's posted answer found (`card`: what was posted; `answers`: where). */
export async function recordFinding(alertId: string, kind: InvestigationKind, card: CardModel, answers: MessageRef[], deps: AppDeps): Promise<void> {
  const part = partOf(kind, card);
  if (!part) return;
  const previous = (await deps.store.findings.list(alertId)).find((f) => f.kind === kind);
  // One run answered in several channels: each delivery adds its message; a newer run starts over.
  const sameRun = previous && JSON.stringify(previous.part) === JSON.stringify(part);
  const elsewhere = sameRun ? previous.answers.filter((a) => !answers.some((n) => n.platform === a.platform && n.channelId === a.channelId)) : [];
  await deps.store.findings.save(alertId, { kind, part, answers: [...elsewhere, ...answers], updatedAt: deps.clock.now().toISOString() });
}

function partOf(kind: InvestigationKind, card: CardModel): FindingsPart | FailedPart | undefined {
  if (card.kind === 'notice') return { kind, failed: card.text.slice(0, 300) };
  if (card.kind !== 'investigation-result') return undefined;
  const r = card.result;
  if (r.status === 'failed') return { kind, failed: r.answer.slice(0, 300) };
  return r.findings;
}

export async function caseFindings(alertId: string, deps: AppDeps): Promise<{ findings: CaseFindings; stored: StoredFinding[] }> {
  const stored = await deps.store.findings.list(alertId);
  return { findings: findingsOf(stored), stored };
}

export async function suggestionFor(alertId: string, deps: AppDeps): Promise<TriageSuggestion | undefined> {
  return suggestTriage((await caseFindings(alertId, deps)).findings);
}

/** The card's Findings section as plain lines, Who, Related, Command ("Who: …"), and its suggestion: what the handoff carries. */
export async function caseLines(alertId: string, deps: AppDeps): Promise<{ findings: string[]; suggestion?: string }> {
  const { findings, stored } = await caseFindings(alertId, deps);
  const lines = LINE_ORDER.flatMap((kind) => stored.filter((f) => f.kind === kind)).map((f) => `${FINDING_LABELS[f.kind]}${'failed' in f.part ? ' (failed)' : ''}: ${findingLine(f.part)}`);
  const suggestion = suggestTriage(findings);
  return { findings: lines, ...(suggestion ? { suggestion: suggestionText(suggestion) } : {}) };
}

const LINE_ORDER: readonly InvestigationKind[] = ['identity', 'correlation', 'analyze'];

/** The suggestion as the audit log keeps it beside a decision: what it said and which rules said it. */
export function suggestionSummary(s: TriageSuggestion | undefined): { verdict: string; severity: string; rules: string[] } | null {
  return s ? { verdict: s.verdict, severity: s.severity, rules: s.reasons.map((r) => r.rule) } : null;
}

/** The card shows the findings and the suggestion under them (refreshed as each investigation lands). */
export const findingsCardState: CardStateContributor = async (alert, state, deps) => {
  const { findings, stored } = await caseFindings(alert.systemAlertId, deps);
  if (!stored.length) return;
  state.findings = stored.map((f) => ({ label: FINDING_LABELS[f.kind], text: findingLine(f.part), failed: 'failed' in f.part, answers: f.answers }));
  const suggestion = suggestTriage(findings);
  if (!suggestion) return;
  state.suggestion = suggestionText(suggestion);
  if (deps.settings.suggestPreselect) state.preselectSeverity = suggestion.severity;
};
