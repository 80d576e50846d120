/**
 * Analyze: what a command line does. Decodes -EncodedCommand, resolves abbreviated powershell.exe
 * switches, undoes caret/backtick obfuscation, names findings and extracts IOCs.
 */
import { decodeEncodedCommand, deobfuscate, tokenize } from './deobfuscate';
import { clip, dedupeFindings, textFindings, type Finding } from './findings';
import { MAX_ANALYSED_CHARS, MAX_DECODE_DEPTH, MAX_FINDINGS, MAX_IOCS_PER_KIND, type AnalysisLimits } from './analysis-limits';
import { extractIocs, type Iocs } from './iocs';
import { isPowerShellImage, resolveParameter, TAKES_VALUE } from './powershell-params';

export interface CommandAnalysis {
  decoded: string | null;
  findings: Finding[];
  iocs: Iocs;
  /** What was left out to stay within the budget (analysis-limits.ts); absent when nothing was. */
  limits?: AnalysisLimits;
}

/** Linear in the command line's length, and bounded by analysis-limits.ts whatever the input. */
export function analyzeCommand(commandLine: string): CommandAnalysis {
  const analysed = commandLine.length > MAX_ANALYSED_CHARS ? commandLine.slice(0, MAX_ANALYSED_CHARS) : commandLine;
  const result = analyzeLayer(analysed, 0);
  const findings = boundFindings(dedupeFindings(result.findings));
  const iocs = boundIocs(extractIocs(result.scanText));
  const analysis: CommandAnalysis = { decoded: result.decoded, findings: findings.kept, iocs: iocs.kept };
  if (analysed.length < commandLine.length || findings.omitted || iocs.omitted) {
    analysis.limits = { analysedChars: analysed.length, totalChars: commandLine.length, findingsOmitted: findings.omitted, iocsOmitted: iocs.omitted };
  }
  return analysis;
}

/** Each id+evidence once, at most MAX_FINDINGS of them. */
function boundFindings(findings: Finding[]): { kept: Finding[]; omitted: number } {
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const key = `${f.id}\u0000${f.evidence}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { kept: unique.slice(0, MAX_FINDINGS), omitted: Math.max(0, unique.length - MAX_FINDINGS) };
}

function boundIocs(iocs: Iocs): { kept: Iocs; omitted: number } {
  let omitted = 0;
  const cap = (values: string[]) => {
    omitted += Math.max(0, values.length - MAX_IOCS_PER_KIND);
    return values.slice(0, MAX_IOCS_PER_KIND);
  };
  return { kept: { ips: cap(iocs.ips), urls: cap(iocs.urls), domains: cap(iocs.domains), hashes: cap(iocs.hashes) }, omitted };
}

interface Layer {
  decoded: string | null;
  findings: Finding[];
  /** Text to scan for IOCs: everything except the base64 payloads (their decoding is included). */
  scanText: string;
}

function analyzeLayer(commandLine: string, depth: number): Layer {
  const clean = deobfuscate(commandLine);
  const findings: Finding[] = [];
  let decoded: string | null = null;
  let inner = '';
  const payloads = new Set<string>();
  for (const invocation of powershellInvocations(tokenize(clean))) {
    for (const { name, token, value } of invocation) {
      const f = switchFinding(name, token, value);
      if (f) findings.push(f);
      if (name === 'EncodedCommand' && value && !payloads.has(value)) {
        payloads.add(value);
        const script: string | null = decoded === null ? decodeEncodedCommand(value) : null;
        if (script !== null) {
          decoded = script;
          const layer = depth < MAX_DECODE_DEPTH ? analyzeLayer(script, depth + 1) : { findings: [], scanText: script, decoded: null };
          findings.push(...layer.findings);
          inner = `\n${layer.scanText}`;
        }
      }
    }
  }
  findings.push(...textFindings(clean));
  return { decoded, findings, scanText: withoutPayloads(clean, payloads) + inner };
}

/**
 * The text without its base64 payloads (their decoding is scanned instead), in one pass: a word
 * that is a payload becomes a space. Base64 has no quotes, colons or spaces, so a payload given as
 * `-enc X`, `-enc "X"` or `-enc:X` is one such word.
 */
function withoutPayloads(text: string, payloads: Set<string>): string {
  if (!payloads.size) return text;
  return text.replace(/[^\s"':]+/g, (word) => (payloads.has(word) ? ' ' : word));
}

interface SwitchUse {
  name: string;
  token: string;
  value?: string;
}

/**
 * Every powershell.exe / pwsh in the tokens, with its resolved switches (nested `cmd /c powershell …`
 * included). One pass: a switch belongs to the nearest powershell before it, and an invocation's
 * switches end at -Command / -File or at the next powershell (whose switches they then are) — so each
 * token is read once, however many `powershell` tokens the line repeats.
 */
function powershellInvocations(tokens: string[]): SwitchUse[][] {
  const out: SwitchUse[][] = [];
  let current: SwitchUse[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (isPowerShellImage(token)) {
      out.push((current = []));
      continue;
    }
    const name = current && resolveParameter(token);
    if (!current || !name) continue;
    const inline = /:(.+)$/.exec(token)?.[1];
    const value = TAKES_VALUE.has(name) ? (inline ?? tokens[i + 1]) : undefined;
    current.push({ name, token, value });
    if (name === 'Command' || name === 'File') current = undefined;
  }
  return out;
}

function switchFinding(name: string, token: string, value?: string): Finding | undefined {
  const v = value?.toLowerCase();
  switch (name) {
    case 'ExecutionPolicy':
      return v === 'bypass' || v === 'unrestricted' ? { id: 'execution-policy-bypass', evidence: `${token} ${value}` } : undefined;
    case 'EncodedCommand':
      return { id: 'encoded-command', evidence: clip(`${token} ${value ?? ''}`.trim(), 80) };
    case 'WindowStyle':
      return v === 'hidden' || v === '1' ? { id: 'hidden-window', evidence: `${token} ${value}` } : undefined;
    case 'NoProfile':
      return { id: 'no-profile', evidence: token };
    default:
      return undefined;
  }
}
