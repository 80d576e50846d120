/**
 * Analyze: what a command line does. The command line is read as the interpreter that runs it
 * reads it (lexer.ts), inner scripts and decoded payloads one layer deeper in their own language
 * (layers.ts), and each layer's commands and text give findings (command-rules.ts, text-rules.ts)
 * and IOCs. Bounded by analysis-limits.ts whatever the input.
 */
import { MAX_ANALYSED_CHARS, MAX_FINDINGS, MAX_IOCS_PER_KIND, MAX_COMMANDS, MAX_LAYER_CHARS, MAX_LAYERS, type AnalysisLimits } from './analysis-limits';
import type { Inflate } from './decode';
import { dedupeFindings, type Finding } from './findings';
import { extractIocs, type Iocs } from './iocs';
import { analyzeLayer, type LayerContext } from './layers';
import type { Shell } from './layer-types';

export interface CommandAnalysis {
  decoded: string | null;
  findings: Finding[];
  iocs: Iocs;
  /** What was left out to stay within the budget (analysis-limits.ts); absent when nothing was. */
  limits?: AnalysisLimits;
}

export interface AnalyzeOptions {
  /** gzip/deflate for payloads a script inflates (the worker gives node's zlib, capped). */
  inflate?: Inflate;
}

export function analyzeCommand(commandLine: string, options: AnalyzeOptions = {}): CommandAnalysis {
  const analysed = commandLine.length > MAX_ANALYSED_CHARS ? commandLine.slice(0, MAX_ANALYSED_CHARS) : commandLine;
  const shell = topShell(analysed);
  const ctx: LayerContext = { inflate: options.inflate, budget: { chars: MAX_LAYER_CHARS, layers: MAX_LAYERS, commands: MAX_COMMANDS }, findings: [], scanTexts: [], decoded: null };
  analyzeLayer(analysed, shell, [shell], ctx);
  const findings = boundFindings(dedupeFindings(ctx.findings));
  const iocs = boundIocs(extractIocs(ctx.scanTexts.join('\n')));
  const analysis: CommandAnalysis = { decoded: ctx.decoded, findings: findings.kept, iocs: iocs.kept };
  if (analysed.length < commandLine.length || findings.omitted || iocs.omitted) {
    analysis.limits = { analysedChars: analysed.length, totalChars: commandLine.length, findingsOmitted: findings.omitted, iocsOmitted: iocs.omitted };
  }
  return analysis;
}

const PS_SIGNS = /^\s*(?:\$[\w:]+\s*=|\[[\w.]+\]::|\(New-Object\b|(?:Get|Set|New|Remove|Invoke|Start|Add|Copy|Test|Write|Import|Register|Clear|Install|Update|Connect|Compress|Stop|Restart|if|foreach|try)\b)|\$env:\w|\[[\w.]+\]::\w|\b(?:Get|Set|New|Invoke|Start|Add)-[A-Z][A-Za-z]+\b/;
const WINDOWS_SIGNS = /^\s*["']?[a-z]:\\|\\\\|%\w+%|\.exe\b|\^|(?:^|\s)\/[a-z?]{1,12}(?:\s|:|$)/i;

/** The language of the command line as given: a process command line is cmd (Windows) or sh, a script body PowerShell. */
export function topShell(text: string): Shell {
  const first = /^\s*("[^"]*"|\S+)/.exec(text)?.[1]?.replace(/"/g, '').toLowerCase() ?? '';
  if (/(?:^|[\\/])(?:cmd|powershell|pwsh)(?:\.exe)?$|\.(?:exe|bat|cmd)$/.test(first)) return 'cmd';
  if (PS_SIGNS.test(text.slice(0, 4096))) return 'powershell';
  if (WINDOWS_SIGNS.test(text.slice(0, 4096)) && !/(?:^|\s)(?:\.\/|\/(?:tmp|etc|bin|usr|var|dev)\/)/.test(text.slice(0, 4096))) return 'cmd';
  return 'sh';
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
  const kept: Iocs = { ips: cap(iocs.ips), urls: cap(iocs.urls), domains: cap(iocs.domains), hashes: cap(iocs.hashes) };
  if (iocs.endpoints?.length) kept.endpoints = cap(iocs.endpoints);
  return { kept, omitted };
}
