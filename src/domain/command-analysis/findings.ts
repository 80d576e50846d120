/**
 * What a command line does, as named findings with the text that shows it, the MITRE ATT&CK
 * technique it is evidence of, and the layer it was found in ("cmd › powershell › base64": the
 * interpreters and decodings between the command line and the text). Ids are a contract: the first
 * eight kept their meaning when issue 21 added the rest.
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
  'download-and-execute',
  'base64-decode-execute',
  'reverse-shell',
  'php-eval',
  'persistence',
  'defense-evasion',
  'credential-access',
  'discovery',
  'crypto-miner',
  'lolbin-execute',
] as const;
export type FindingId = (typeof FINDING_IDS)[number];

export interface Finding {
  id: FindingId;
  evidence: string;
  /** MITRE ATT&CK technique, e.g. T1059.001. */
  mitre: string;
  /** Where it was found: "cmd", "cmd › powershell", "sh › base64 › sh". */
  layer: string;
}

export function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Evidence as an analyst reads it: trimmed, without the quotes, separators and unbalanced
 * brackets that a match or a command's source can start or end with (`Net.WebClient).DownloadFile`).
 */
export function cleanEvidence(text: string, max = 200): string {
  let s = text.trim();
  for (let pass = 0; pass < 4; pass++) {
    const before = s;
    s = s.replace(/^[\s"'`;,|&]+|[\s"'`;,|&]+$/g, '');
    if (count(s, ')') > count(s, '(')) s = withoutUnmatchedClosers(s.replace(/^\)+\s*\.?|\)+$/g, ''));
    if (count(s, '(') > count(s, ')')) s = s.replace(/^\(+|\(+$/g, '');
    if (s === before) break;
  }
  return clip(s, max);
}

/** `Net.WebClient).DownloadFile` → `Net.WebClient.DownloadFile`: a `)` whose `(` is outside the evidence goes. */
function withoutUnmatchedClosers(s: string): string {
  let depth = 0;
  let out = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')' && depth === 0) continue;
    if (ch === ')') depth--;
    out += ch;
  }
  return out;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/** One finding per id (the first evidence wins), in the catalogue's order. */
export function dedupeFindings(findings: Finding[]): Finding[] {
  const byId = new Map<FindingId, Finding>();
  for (const f of findings) if (!byId.has(f.id)) byId.set(f.id, f);
  return FINDING_IDS.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
}
