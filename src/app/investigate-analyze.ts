/**
 * Analyze — what did the command do? Decodes and names the command line's behaviour, extracts its
 * IOCs and looks them up in threat intelligence. An IOC TI does not know is shown as "unknown — not
 * a known IOC", never as harmless.
 */
import { commandLinesOf, type Alert } from '../domain/alert';
import { alertIntel, malwareNames } from '../domain/alert-intel';
import { analyzeContainerImage, mergeIocs, registryIoc, type Finding, type FindingId } from '../domain/command-analysis';
import { entityIocs, iocQueries, iocVerdicts, type IocSet } from '../domain/investigation';
import type { InvestigationResultView } from '../ports/card-model';
import { analyzeCommands } from './analyze-commands';
import type { AppDeps } from './deps';
import { commandFindings } from './investigation-findings';
import { evidenceOf, failureOf, overallStatus, rowsOf, runQueries, toEvidence } from './investigate-queries';

const DOES: Record<FindingId, string> = {
  'execution-policy-bypass': 'bypasses the execution policy',
  'encoded-command': 'hides its script in -EncodedCommand',
  'hidden-window': 'hides its window',
  'no-profile': 'skips the PowerShell profile',
  'download-cradle': 'downloads from the internet (download cradle)',
  'invoke-expression': 'runs text as code (Invoke-Expression)',
  'lolbin-download': 'downloads with a Windows binary (LOLBin)',
  'process-start': 'starts a process',
  'download-and-execute': 'runs what it downloads',
  'base64-decode-execute': 'decodes base64 and runs it',
  'reverse-shell': 'opens a reverse shell',
  'php-eval': 'evaluates PHP code (eval)',
  persistence: 'installs persistence',
  'defense-evasion': 'weakens defences or clears traces',
  'credential-access': 'reaches for credentials',
  discovery: 'looks around (discovery)',
  'crypto-miner': 'runs a crypto miner',
  'lolbin-execute': 'runs code through a Windows binary (LOLBin)',
};

export async function analyzeInvestigation(alert: Alert, deps: AppDeps): Promise<InvestigationResultView> {
  const commandLines = commandLinesOf(alert);
  const { analyses, notes } = await analyzeCommands(commandLines, deps);
  // A Kubernetes alert's container image: its registry is an IOC, a miner's name a finding (issue 21).
  const images = [...new Set(alert.where.flatMap((e) => (e.kind === 'kubernetes' && e.image ? [e.image] : [])))].slice(0, 5).map(analyzeContainerImage);
  const findings = [...analyses.flatMap((a) => a.findings), ...images.flatMap((i) => i.findings)];
  const imageIocs = images.map((i) => ({ ...registryIoc(i), urls: [], hashes: [] }));
  const iocs = mergeIocs(...analyses.map((a) => a.iocs), entityIocs(alert), ...imageIocs);
  return iocReport(alert.systemAlertId, `Analyze — ${alert.displayName}`, iocs, alert.endTime, deps, {
    findings,
    images: images.map((i) => i.image),
    endpoints: iocs.endpoints,
    decoded: analyses.map((a) => a.decoded).filter((d): d is string => d !== null),
    noCommand: commandLines.length === 0,
    notes,
    fromAlert: alertIntel(alert),
    malware: malwareNames(alert),
  });
}

/** Analyze on a bare IOC (/investigate <ip> with kind analyze): just the TI lookup. */
export function lookupIocs(iocs: IocSet, asOf: string, deps: AppDeps): Promise<InvestigationResultView> {
  return iocReport(undefined, 'Threat intelligence lookup', iocs, asOf, deps, { findings: [], decoded: [], noCommand: false });
}

async function iocReport(
  alertId: string | undefined,
  title: string,
  iocs: IocSet,
  asOf: string,
  deps: AppDeps,
  command: {
    findings: Finding[];
    decoded: string[];
    noCommand: boolean;
    /** What the analysis budget left out (analyze-commands.ts). */
    notes?: string[];
    /** Container images of a Kubernetes alert. */
    images?: string[];
    /** host:port the command lines connect to. */
    endpoints?: string[];
    fromAlert?: { ioc: string; verdict: string }[];
    malware?: string[];
  },
): Promise<InvestigationResultView> {
  const runs = await runQueries(deps.logs, iocQueries(iocs, asOf));
  const current = failureOf(runs, 'threat-intel');
  const legacy = failureOf(runs, 'threat-intel-legacy');
  const bothFailed = current !== undefined && legacy !== undefined ? current : undefined;
  const verdicts = iocVerdicts(iocs, rowsOf(runs, 'threat-intel'), rowsOf(runs, 'threat-intel-legacy'), bothFailed, command.fromAlert);
  const evidence = evidenceOf(runs, deps.logs);
  const tables = [];
  if (command.findings.length) tables.push(toEvidence('What the command does', ['Finding', 'MITRE', 'Evidence'], command.findings.map(findingRow)));
  if (verdicts.length) tables.push(toEvidence('IOCs', ['IOC', 'Type', 'Threat intelligence'], verdicts.map((v) => [v.ioc, v.kind, v.verdict])));
  const facts = [
    ...command.decoded.map((d) => ({ title: 'Decoded -EncodedCommand', value: d })),
    ...(command.images ?? []).map((image) => ({ title: 'Container image', value: image })),
    ...(command.endpoints?.length ? [{ title: 'Connects to', value: command.endpoints.slice(0, 10).join(', ') }] : []),
    ...(evidence.facts ?? []),
  ];
  const does = command.findings.map((f) => DOES[f.id]);
  const parts: string[] = [];
  if (command.noCommand) parts.push('The alert has no command line to analyze.');
  else if (does.length) parts.push(`The command ${joinAnd(does)}.`);
  else if (!alertId) parts.push('');
  else if (!command.notes?.length) parts.push('No known-suspicious behaviour found in the command line.');
  else parts.push('No known-suspicious behaviour found in what was analysed of the command line.');
  parts.push(...(command.notes ?? []));
  parts.push(...verdicts.map((v) => `${v.ioc}: ${v.verdict}.`));
  if (command.malware?.length) parts.push(`Defender names malware: ${command.malware.join(', ')}.`);
  const status = command.findings.length || verdicts.length || command.malware?.length ? (runs.length ? maxStatus(overallStatus(runs)) : 'ok') : 'no-rows';
  const findings = alertId ? commandFindings(command.findings, verdicts) : undefined;
  return { alertId, title, answer: parts.filter(Boolean).join(' '), status, tables: [...tables, ...evidence.tables], queries: evidence.queries, links: evidence.links, facts, findings };
}

/** id, technique, evidence — and the layer when it is not the command line itself ("in cmd › powershell › base64"). */
function findingRow(f: Finding): string[] {
  const nested = f.layer?.includes(' › ');
  return [f.id, f.mitre ?? '', nested ? `${f.evidence} (in ${f.layer})` : f.evidence];
}

/** The findings are an answer even when no TI row came back. */
function maxStatus(s: InvestigationResultView['status']): InvestigationResultView['status'] {
  return s === 'no-rows' ? 'ok' : s;
}

function joinAnd(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
