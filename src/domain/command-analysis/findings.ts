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
  { id: 'lolbin-download', pattern: /\bcertutil(\.exe)?\b[^\n]*?[-/]urlcache\b[^\n]*/i },
  { id: 'lolbin-download', pattern: /\bbitsadmin(\.exe)?\b[^\n]*?[-/]transfer\b[^\n]*/i },
  { id: 'lolbin-download', pattern: /\bmshta(\.exe)?\s+["']?(https?|ftp):\/\/\S+/i },
  { id: 'lolbin-download', pattern: /\bregsvr32(\.exe)?\b[^\n]*?[-/]i:["']?(https?|ftp):\/\/\S+/i },
  { id: 'process-start', pattern: /\b(Start-Process|saps)\b[^;|\n]*|\[(System\.)?Diagnostics\.Process\]::Start\([^)]*\)?/i },
  { id: 'process-start', pattern: /(^|[\s;&|(])start(\.exe)?\s+(?!-)["']?[\w.:\\/-]+\.(exe|bat|cmd|ps1|vbs|js|hta|scr)\b/i },
];

export function textFindings(text: string): Finding[] {
  const out: Finding[] = [];
  for (const rule of TEXT_RULES) {
    const m = rule.pattern.exec(text);
    if (m) out.push({ id: rule.id, evidence: clip(m[0].trim()) });
  }
  return out;
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
