/**
 * What a command line does, as named findings with the text that shows it. Matching runs on the
 * de-obfuscated command line and on any decoded -EncodedCommand script.
 */
export const FINDING_IDS = [
  'execution-policy-bypass',
  'encoded-command',
  'hidden-window',
  'no-profile',
  'download-cradle',
  'invoke-expression',
  'lolbin-download',
  'process-start',
] as const;
export type FindingId = (typeof FINDING_IDS)[number];

export interface Finding {
  id: FindingId;
  evidence: string;
}

/** Findings visible in script text (PowerShell or cmd), beyond powershell.exe's own switches. */
const TEXT_RULES: { id: FindingId; pattern: RegExp }[] = [
  { id: 'execution-policy-bypass', pattern: /\bSet-ExecutionPolicy\s+(-\w+\s+)?(Bypass|Unrestricted)\b/i },
  { id: 'download-cradle', pattern: /\bNet\.WebClient\b[\s\S]{0,80}?\.Download(String|File|Data)(Async)?\b|\.Download(String|File|Data)(Async)?\s*\(/i },
  { id: 'download-cradle', pattern: /\b(Invoke-WebRequest|Invoke-RestMethod|Start-BitsTransfer)\b/i },
  { id: 'download-cradle', pattern: /(^|[\s;|(&])(iwr|irm|curl|wget)(\.exe)?\s+\S+/i },
  { id: 'invoke-expression', pattern: /\b(Invoke-Expression|IEX)\b/i },
  { id: 'lolbin-download', pattern: /\bmshta(\.exe)?\s+["']?(https?|ftp):\/\/\S+/i },
  { id: 'process-start', pattern: /\b(Start-Process|saps)\b[^;|\n]*|\[(System\.)?Diagnostics\.Process\]::Start\([^)]*\)?/i },
  { id: 'process-start', pattern: /(^|[\s;&|(])start(\.exe)?\s+(?!-)["']?[\w.:\\/-]+\.(exe|bat|cmd|ps1|vbs|js|hta|scr)\b/i },
];

/**
 * "A program, then later on the same line a switch": as one regex (`certutil[^\n]*?-urlcache`) each
 * `certutil` without the switch would rescan the rest of the line — quadratic on a line repeating
 * `certutil`. The first program on a line is the one with the most line after it, so it alone is
 * tried: one pass per line.
 */
interface LineRule {
  id: FindingId;
  program: RegExp;
  /** What must follow the program on its line; the evidence runs from the program to the end of this (`toEnd`: of the line). */
  then: RegExp;
  toEnd: boolean;
}

const LINE_RULES: LineRule[] = [
  { id: 'lolbin-download', program: /\bcertutil(\.exe)?\b/i, then: /[-/]urlcache\b/i, toEnd: true },
  { id: 'lolbin-download', program: /\bbitsadmin(\.exe)?\b/i, then: /[-/]transfer\b/i, toEnd: true },
  { id: 'lolbin-download', program: /\bregsvr32(\.exe)?\b/i, then: /[-/]i:["']?(https?|ftp):\/\/\S+/i, toEnd: false },
];

export function textFindings(text: string): Finding[] {
  const out: Finding[] = [];
  for (const rule of TEXT_RULES) {
    const m = rule.pattern.exec(text);
    if (m) out.push({ id: rule.id, evidence: clip(m[0].trim()) });
  }
  for (const rule of LINE_RULES) {
    const evidence = lineRuleEvidence(text, rule);
    if (evidence !== undefined) out.push({ id: rule.id, evidence: clip(evidence.trim()) });
  }
  return out;
}

function lineRuleEvidence(text: string, rule: LineRule): string | undefined {
  for (const line of text.split('\n')) {
    const program = rule.program.exec(line);
    if (!program) continue;
    const rest = line.slice(program.index + program[0].length);
    const then = rule.then.exec(rest);
    if (then) return line.slice(program.index, rule.toEnd ? undefined : program.index + program[0].length + then.index + then[0].length);
  }
  return undefined;
}

export function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One finding per id (the first evidence wins), in the catalogue's order. */
export function dedupeFindings(findings: Finding[]): Finding[] {
  const byId = new Map<FindingId, Finding>();
  for (const f of findings) if (!byId.has(f.id)) byId.set(f.id, f);
  return FINDING_IDS.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
}
