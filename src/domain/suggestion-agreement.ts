/**
 * How often the triage rules agree with the analysts: from the audit log's decisions, each with the
 * suggestion recorded beside it (cast-vote.ts), per rule that spoke in a suggestion: how many
 * decisions it was part of and in how many the decided verdict was the suggested one.
 */
export interface DecisionRecord {
  verdict: string;
  suggested?: { verdict: string; severity: string; rules: string[] } | null;
}

export interface RuleAgreement {
  rule: string;
  decisions: number;
  agreed: number;
  /** agreed / decisions, rounded to 3 places. */
  agreementRate: number;
}

export interface AgreementReport {
  decisions: number;
  withSuggestion: number;
  agreed: number;
  agreementRate: number | null;
  rules: RuleAgreement[];
}

const rate = (agreed: number, of: number) => Math.round((agreed / of) * 1000) / 1000;

export function suggestionAgreement(decisions: DecisionRecord[]): AgreementReport {
  const byRule = new Map<string, { decisions: number; agreed: number }>();
  let withSuggestion = 0;
  let agreed = 0;
  for (const d of decisions) {
    if (!d.suggested) continue;
    withSuggestion++;
    const same = d.suggested.verdict === d.verdict;
    if (same) agreed++;
    for (const rule of new Set(d.suggested.rules)) {
      const r = byRule.get(rule) ?? { decisions: 0, agreed: 0 };
      r.decisions++;
      if (same) r.agreed++;
      byRule.set(rule, r);
    }
  }
  const rules = [...byRule].map(([rule, r]) => ({ rule, ...r, agreementRate: rate(r.agreed, r.decisions) })).sort((a, b) => a.rule.localeCompare(b.rule));
  return { decisions: decisions.length, withSuggestion, agreed, agreementRate: withSuggestion ? rate(agreed, withSuggestion) : null, rules };
}

/** An audit entry's `after` as a decision record, when it is one (entries before suggestions existed have none). */
export function decisionRecordOf(after: unknown): DecisionRecord | undefined {
  if (!after || typeof after !== 'object') return undefined;
  const a = after as { verdict?: unknown; suggested?: unknown };
  if (typeof a.verdict !== 'string') return undefined;
  const s = a.suggested as DecisionRecord['suggested'];
  const valid = s && typeof s === 'object' && typeof s.verdict === 'string' && Array.isArray(s.rules) ? s : null;
  return { verdict: a.verdict, suggested: valid };
}
