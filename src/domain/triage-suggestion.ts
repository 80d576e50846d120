/**
 * The explained triage suggestion: a table of rules over an alert's findings (case-findings.ts),
 * one row per rule — when it fires, what it contributes (a verdict and/or a severity) and the
 * reason it gives. The suggestion is the strongest verdict any fired rule names (true positive
 * over benign positive over false positive), the highest severity any fired rule names, and every
 * fired rule's reason in table order. It is a suggestion for the analysts, never a vote.
 */
import type { Severity } from './alert';
import { SEVERITIES } from './alert';
import { IOC_CLASS_TEXT, isFailed, type CaseFindings, type CommandFindings, type RelatedFindings, type WhoFindings } from './case-findings';
import type { Verdict } from './intent';

export interface SuggestionRule {
  id: string;
  verdict?: Verdict;
  severity?: Severity;
  /** The reason clause when the rule fires on these findings; undefined when it does not. */
  fires(f: Facts): string | undefined;
  /** What to do next, when the rule has something to add. */
  followUp?(f: Facts): string | undefined;
}

/** The findings that answered (a failed or missing investigation gives a rule nothing to read). */
export interface Facts {
  who?: WhoFindings;
  related?: RelatedFindings;
  command?: CommandFindings;
}

export interface TriageSuggestion {
  verdict: Verdict;
  severity: Severity;
  reasons: { rule: string; text: string }[];
  followUps: string[];
}

const DOWNLOADS = ['download-cradle', 'lolbin-download', 'download-and-execute'];
const EXECUTES = ['process-start', 'invoke-expression', 'download-and-execute'];
// A hidden window hides, it does not obfuscate: the download-and-execute rule covers that command.
const OBFUSCATION = ['encoded-command', 'invoke-expression'];
const RDP = 10;
/** Failed logons before a success that make it look like a brute force, not a typo. */
const BRUTE_FORCE_FAILURES = 10;

const ipNote = (w: WhoFindings): string => (w.ipClass === 'known-bad' ? ` (known bad${w.ipThreat ? `: ${w.ipThreat}` : ''})` : w.ipClass ? ` (${IOC_CLASS_TEXT[w.ipClass]})` : '');
const bruteForceAlert = (r: RelatedFindings | undefined) => r?.names.find((n) => /brute.?force/i.test(n));
const downloadSource = (c: CommandFindings) => c.iocs.find((i) => i.type === 'ip') ?? c.iocs.find((i) => i.type === 'url' || i.type === 'domain');

export const SUGGESTION_RULES: readonly SuggestionRule[] = [
  {
    id: 'local-account-no-entra',
    severity: 'Low',
    fires: (f) => (f.who?.localOnly ? 'a local account with no Entra identity' : undefined),
  },
  {
    id: 'rdp-logon-after-failures',
    verdict: 'true-positive',
    severity: 'Medium',
    fires: ({ who }) =>
      who?.logonType === RDP && who.ip && (who.failedBefore ?? 0) >= BRUTE_FORCE_FAILURES ? `an RDP logon from ${who.ip}${ipNote(who)} after ${who.failedBefore} failures` : undefined,
  },
  {
    id: 'logon-from-known-bad-ip',
    verdict: 'true-positive',
    severity: 'Medium',
    // The RDP rule already names a known-bad source in its reason.
    fires: ({ who }) => (who?.ip && who.ipClass === 'known-bad' && !(who.logonType === RDP && (who.failedBefore ?? 0) >= BRUTE_FORCE_FAILURES) ? `a logon from ${who.ip}${ipNote(who)}` : undefined),
  },
  {
    id: 'earlier-brute-force-alert',
    verdict: 'true-positive',
    severity: 'Medium',
    fires: ({ related }) => {
      const name = bruteForceAlert(related);
      return name ? `an earlier brute-force alert on the same entities ("${name}")` : undefined;
    },
  },
  {
    id: 'download-and-execute',
    verdict: 'true-positive',
    severity: 'Medium',
    fires: ({ command }) => {
      if (!command || !command.behaviours.some((b) => DOWNLOADS.includes(b)) || !command.behaviours.some((b) => EXECUTES.includes(b))) return undefined;
      const source = downloadSource(command);
      return `then a download-and-execute${source ? ` from ${source.ioc} (${IOC_CLASS_TEXT[source.class]})` : ''}`;
    },
    followUp: ({ command }) => {
      const file = command?.downloads[0];
      const source = command && downloadSource(command);
      return file && source?.class !== 'known-bad' ? `detonate ${file} in a sandbox` : undefined;
    },
  },
  {
    id: 'known-bad-ioc',
    verdict: 'true-positive',
    severity: 'High',
    fires: ({ command }) => {
      const bad = command?.iocs.filter((i) => i.class === 'known-bad') ?? [];
      return bad.length ? `${bad.map((i) => i.ioc).join(', ')} known bad in threat intelligence` : undefined;
    },
  },
  {
    id: 'obfuscated-command',
    severity: 'Medium',
    fires: ({ command }) => {
      const seen = command?.behaviours.filter((b) => OBFUSCATION.includes(b)) ?? [];
      return seen.length ? `an obfuscated command (${seen.join(', ')})` : undefined;
    },
  },
  {
    id: 'benign-infrastructure-only',
    verdict: 'benign-positive',
    severity: 'Low',
    fires: ({ command }) =>
      command && command.iocs.length && command.iocs.every((i) => i.class === 'benign-infrastructure') && !command.behaviours.some((b) => DOWNLOADS.includes(b) || OBFUSCATION.includes(b))
        ? 'its only IOCs are benign infrastructure'
        : undefined,
  },
  {
    id: 'nothing-found',
    verdict: 'false-positive',
    severity: 'Low',
    // Only when all three answered: a missing answer is not an empty one.
    fires: ({ who, related, command }) =>
      who && related && command && !who.ip && related.count === 0 && !command.behaviours.length && !command.iocs.length
        ? 'no remote logon, no related alert and nothing suspicious in the command'
        : undefined,
  },
];

const VERDICT_STRENGTH: readonly Verdict[] = ['true-positive', 'benign-positive', 'false-positive'];

/** undefined: no rule names a verdict for these findings (nothing to suggest). */
export function suggestTriage(findings: CaseFindings, rules: readonly SuggestionRule[] = SUGGESTION_RULES): TriageSuggestion | undefined {
  const facts = factsOf(findings);
  const fired = rules.flatMap((rule) => {
    const text = rule.fires(facts);
    return text === undefined ? [] : [{ rule, text }];
  });
  const verdict = VERDICT_STRENGTH.find((v) => fired.some((f) => f.rule.verdict === v));
  if (!verdict) return undefined;
  const severity = SEVERITIES.find((s) => fired.some((f) => f.rule.severity === s)) ?? 'Low';
  return {
    verdict,
    severity,
    reasons: fired.map((f) => ({ rule: f.rule.id, text: f.text })),
    followUps: fired.flatMap((f) => f.rule.followUp?.(facts) ?? []),
  };
}

const VERDICT_TEXT: Record<Verdict, string> = { 'true-positive': 'true positive', 'benign-positive': 'benign positive', 'false-positive': 'false positive' };

/** "Suggested: true positive, Medium — a local account …, …; follow-up: detonate update.exe in a sandbox" */
export function suggestionText(s: TriageSuggestion): string {
  const follow = s.followUps.length ? `; follow-up: ${s.followUps.join('; ')}` : '';
  return `Suggested: ${VERDICT_TEXT[s.verdict]}, ${s.severity} — ${s.reasons.map((r) => r.text).join(', ')}${follow}`;
}

function factsOf(f: CaseFindings): Facts {
  return {
    who: f.who && !isFailed(f.who) ? (f.who as WhoFindings) : undefined,
    related: f.related && !isFailed(f.related) ? (f.related as RelatedFindings) : undefined,
    command: f.command && !isFailed(f.command) ? (f.command as CommandFindings) : undefined,
  };
}
