/**
 * Analyze: what a command line does. Decodes -EncodedCommand, resolves abbreviated powershell.exe
 * switches, undoes caret/backtick obfuscation, names findings and extracts IOCs.
 */
import { decodeEncodedCommand, deobfuscate, tokenize } from './deobfuscate';
import { clip, dedupeFindings, textFindings, type Finding } from './findings';
import { extractIocs, type Iocs } from './iocs';
import { isPowerShellImage, resolveParameter, TAKES_VALUE } from './powershell-params';

export interface CommandAnalysis {
  decoded: string | null;
  findings: Finding[];
  iocs: Iocs;
}

const MAX_DEPTH = 3;

export function analyzeCommand(commandLine: string): CommandAnalysis {
  const result = analyzeLayer(commandLine, 0);
  return { decoded: result.decoded, findings: dedupeFindings(result.findings), iocs: extractIocs(result.scanText) };
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
  let scanText = clean;
  for (const invocation of powershellInvocations(tokenize(clean))) {
    for (const { name, token, value } of invocation) {
      const f = switchFinding(name, token, value);
      if (f) findings.push(f);
      if (name === 'EncodedCommand' && value) {
        const script = decodeEncodedCommand(value);
        scanText = scanText.split(value).join(' ');
        if (script !== null && decoded === null) {
          decoded = script;
          const inner = depth < MAX_DEPTH ? analyzeLayer(script, depth + 1) : { findings: [], scanText: script, decoded: null };
          findings.push(...inner.findings);
          scanText += `\n${inner.scanText}`;
        }
      }
    }
  }
  findings.push(...textFindings(clean));
  return { decoded, findings, scanText };
}

interface SwitchUse {
  name: string;
  token: string;
  value?: string;
}

/** Every powershell.exe / pwsh in the tokens, with its resolved switches (nested `cmd /c powershell …` included). */
function powershellInvocations(tokens: string[]): SwitchUse[][] {
  const out: SwitchUse[][] = [];
  tokens.forEach((t, i) => {
    if (isPowerShellImage(t)) out.push(switchesAfter(tokens, i + 1));
  });
  return out;
}

function switchesAfter(tokens: string[], from: number): SwitchUse[] {
  const uses: SwitchUse[] = [];
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i]!;
    const name = resolveParameter(token);
    if (!name) continue;
    const inline = /:(.+)$/.exec(token)?.[1];
    const value = TAKES_VALUE.has(name) ? (inline ?? tokens[i + 1]) : undefined;
    uses.push({ name, token, value });
    if (name === 'Command' || name === 'File') break;
  }
  return uses;
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
