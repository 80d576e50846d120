/** Findings of powershell.exe's own switches (-ep bypass, -enc, -w hidden, -nop), resolved as powershell.exe resolves them. */
import type { FindingId } from './findings';
import type { Word } from './lexer';
import { resolveParameter, TAKES_VALUE } from './powershell-params';
import { clip } from './findings';

export function switchFindings(args: Word[]): { id: FindingId; mitre: string; evidence: string }[] {
  const out: { id: FindingId; mitre: string; evidence: string }[] = [];
  for (let i = 0; i < args.length; i++) {
    const token = args[i]!.text;
    const name = resolveParameter(token);
    if (!name) break; // the script starts here
    const inline = /:(.+)$/.exec(token)?.[1];
    const value = TAKES_VALUE.has(name) ? (inline ?? args[i + 1]?.text) : undefined;
    const f = switchFinding(name, inline !== undefined ? token.replace(/:.*$/, '') : token, value);
    if (f) out.push(f);
    if (name === 'Command' || name === 'File' || name === 'EncodedCommand') break;
    if (TAKES_VALUE.has(name) && inline === undefined) i++;
  }
  return out;
}

function switchFinding(name: string, token: string, value?: string): { id: FindingId; mitre: string; evidence: string } | undefined {
  const v = value?.toLowerCase();
  switch (name) {
    case 'ExecutionPolicy':
      return v === 'bypass' || v === 'unrestricted' ? { id: 'execution-policy-bypass', mitre: 'T1059.001', evidence: `${token} ${value}` } : undefined;
    case 'EncodedCommand':
      return { id: 'encoded-command', mitre: 'T1027.010', evidence: clip(`${token} ${value ?? ''}`.trim(), 80) };
    case 'WindowStyle':
      return v === 'hidden' || v === '1' ? { id: 'hidden-window', mitre: 'T1564.003', evidence: `${token} ${value}` } : undefined;
    case 'NoProfile':
      return { id: 'no-profile', mitre: 'T1059.001', evidence: token };
    default:
      return undefined;
  }
}
