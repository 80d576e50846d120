/**
 * Each investigation's answer as findings (domain/case-findings.ts): the facts the card's Findings
 * lines and the triage rules read, built from the same rows the answer was written from. Who? also
 * asks threat intelligence about the logon's source IP (two bounded queries through the same queue),
 * so its line can say what that IP is.
 */
import type { Alert } from '../domain/alert';
import { onlyMachineLocalAccounts } from '../domain/alert-kind';
import { iocClassOf, type CommandFindings, type RelatedFindings, type WhoFindings } from '../domain/case-findings';
import { iocQueries, iocVerdicts, whoLogon, type IocVerdict } from '../domain/investigation';
import type { Finding } from '../domain/command-analysis';
import type { LogsQuery } from '../ports/logs-query';
import { failureOf, rowsOf, runQueries } from './investigate-queries';

type WhoInput = Parameters<typeof whoLogon>[0];

export async function whoFindings(alert: Alert, input: WhoInput, logs: LogsQuery | undefined): Promise<WhoFindings> {
  const logon = whoLogon(input);
  const found: WhoFindings = { kind: 'identity', localOnly: onlyMachineLocalAccounts(alert) };
  if (!logon) return found;
  const ti = await ipThreatIntel(logon.ip, input.alertStart, logs);
  return { ...found, account: logon.account, accountKind: logon.accountKind, how: logon.how, logonType: logon.logonType, ip: logon.ip, failedBefore: logon.failedBefore, ...ti };
}

async function ipThreatIntel(ip: string, asOf: string, logs: LogsQuery | undefined): Promise<Pick<WhoFindings, 'ipClass' | 'ipThreat'>> {
  if (!logs) return {};
  const runs = await runQueries(logs, iocQueries({ ips: [ip], urls: [], domains: [], hashes: [] }, asOf));
  const failure = failureOf(runs, 'threat-intel') !== undefined && failureOf(runs, 'threat-intel-legacy') !== undefined ? failureOf(runs, 'threat-intel') : undefined;
  const verdict = iocVerdicts({ ips: [ip], urls: [], domains: [], hashes: [] }, rowsOf(runs, 'threat-intel'), rowsOf(runs, 'threat-intel-legacy'), failure)[0];
  if (!verdict) return {};
  return { ipClass: iocClassOf(verdict.known, verdict.verdict), ipThreat: threatName(verdict) };
}

/** "known IOC: rdp-brute-force (confidence 85, …)" → "rdp-brute-force" */
function threatName(v: IocVerdict): string | undefined {
  return v.known ? /^known IOC: ([^(;]+)/.exec(v.verdict)?.[1]?.trim() : undefined;
}

export interface TimelineFact {
  time: string;
  source: string;
  name: string;
  severity: string;
}

export function relatedFindings(others: TimelineFact[], incident: string | undefined): RelatedFindings {
  const first = others[0];
  return {
    kind: 'correlation',
    count: others.length,
    earliest: first ? { name: first.name, time: first.time, severity: first.severity } : undefined,
    names: others.slice(0, 5).map((e) => e.name),
    incident,
  };
}

export function commandFindings(findings: Finding[], verdicts: IocVerdict[]): CommandFindings {
  const downloads = verdicts.flatMap((v) => (v.kind === 'url' ? fileName(v.ioc) : []));
  return {
    kind: 'analyze',
    behaviours: [...new Set(findings.map((f) => f.id))],
    iocs: verdicts.map((v) => ({ ioc: v.ioc, type: v.kind, class: iocClassOf(v.known, v.verdict) })),
    downloads: [...new Set(downloads)],
  };
}

/** "http://203.0.113.45/update.exe?x=1" → ["update.exe"]; a URL with no file name → []. */
function fileName(url: string): string[] {
  const last = /^[a-z]+:\/\/[^/]+\/(?:[^?#]*\/)?([^/?#]+\.[a-z0-9]{1,5})(?:[?#]|$)/i.exec(url)?.[1];
  return last ? [last] : [];
}
