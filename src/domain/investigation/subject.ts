/**
 * What an investigation is about: the host, accounts, IPs, processes and times taken from an alert,
 * or from the one target typed after /investigate. Values stay raw (attacker-influenced); the query
 * builders quote them. IPs are validated here, so a non-address never reaches a query as an IP.
 */
import type { AccountKind, Alert, HostEntity } from '../alert';
import { commandLinesOf, ipsOf, primaryHostName, processesOf } from '../alert';
import { resourceKindOf } from '../alert-kind';
import { isIpAddress } from './kql-literals';
import { cloudSubjectOf, type CloudSubject } from './cloud-subject';

export type { CloudSubject } from './cloud-subject';

export interface SubjectAccount {
  name: string;
  domain?: string;
  upn?: string;
  isLocal: boolean;
  isEntra: boolean;
  accountKind?: AccountKind;
  aadUserId?: string;
  appId?: string;
}

export interface InvestigationSubject {
  alertId?: string;
  host?: string;
  resourceId?: string;
  accounts: SubjectAccount[];
  ips: string[];
  /** Image file names of the alert's processes (powershell.exe). */
  processFiles: string[];
  commandLines: string[];
  correlationKey?: string;
  /** The alert's own time span (or the /investigate window). */
  start: string;
  end: string;
  /** Set for alerts: the resource kind and what its plan's queries need. */
  cloud?: CloudSubject;
  /**
   * What the alerts about this subject name (their processes, IPs, accounts): not a filter, only what
   * the answer puts first, so powershell.exe → 203.0.113.45 comes before the guest agent's traffic.
   */
  context?: SubjectContext;
  /** /investigate on a host or account: times in the answer are relative to now ("3 min ago"). */
  anchorIsNow?: boolean;
}

export interface SubjectContext {
  processFiles: string[];
  ips: string[];
  accounts: string[];
  /** When the latest of those alerts started: the answer's anchor, when it falls in the window. */
  latestAlertStart?: string;
}

/** The context an alert gives about itself, or several alerts about their host or account. */
export function contextOfAlerts(alerts: readonly Alert[]): SubjectContext {
  const starts = alerts.map((a) => a.startTime).filter((t) => !Number.isNaN(Date.parse(t))).sort();
  return {
    processFiles: unique(alerts.flatMap((a) => processesOf(a).map((p) => baseName(p.imageFile ?? '')).filter(Boolean))),
    ips: unique(alerts.flatMap((a) => ipsOf(a).filter(isIpAddress))),
    accounts: unique(alerts.flatMap((a) => a.who.map((w) => w.name).filter(Boolean))),
    latestAlertStart: starts[starts.length - 1],
  };
}

export function subjectFromAlert(alert: Alert): InvestigationSubject {
  const host = primaryHostName(alert);
  return {
    alertId: alert.systemAlertId,
    host,
    resourceId: alert.resourceId ?? hostResourceId(alert),
    accounts: alert.who.map((a) => ({ name: a.name, domain: a.domain, upn: a.upn, isLocal: a.isLocal, isEntra: a.isEntra, accountKind: a.accountKind, aadUserId: a.aadUserId, appId: a.appId })),
    ips: unique(ipsOf(alert).filter(isIpAddress)),
    processFiles: unique(processesOf(alert).map((p) => baseName(p.imageFile ?? '')).filter(Boolean)),
    commandLines: unique(commandLinesOf(alert)),
    correlationKey: alert.correlationKey,
    start: alert.startTime,
    end: alert.endTime,
    cloud: cloudSubjectOf(alert, resourceKindOf(alert)),
    context: contextOfAlerts([alert]),
  };
}

export type TargetKind = 'alert-id' | 'host' | 'ip' | 'account';

/** `/investigate <target>`: an IP, an account (user@domain or DOMAIN\user), else a host name. */
export function subjectFromTarget(target: string, window: { start: string; end: string }): InvestigationSubject {
  const t = target.trim();
  const base = { accounts: [], ips: [], processFiles: [], commandLines: [], start: window.start, end: window.end };
  if (isIpAddress(t)) return { ...base, ips: [t] };
  if (t.includes('\\') || t.includes('@')) return { ...base, accounts: [accountFromText(t)] };
  return { ...base, host: t };
}

export function targetKind(target: string): Exclude<TargetKind, 'alert-id'> {
  const t = target.trim();
  if (isIpAddress(t)) return 'ip';
  if (t.includes('\\') || t.includes('@')) return 'account';
  return 'host';
}

function accountFromText(t: string): SubjectAccount {
  if (t.includes('@')) return { name: t.split('@')[0]!, upn: t, isLocal: false, isEntra: true };
  const [domain, ...rest] = t.split('\\');
  return { name: rest.join('\\'), domain, isLocal: false, isEntra: false };
}

/** web-vm-01.contoso.com → web-vm-01 (an IP stays whole). */
export function shortHostName(host: string): string {
  if (isIpAddress(host)) return host;
  const dot = host.indexOf('.');
  return dot > 0 ? host.slice(0, dot) : host;
}

function hostResourceId(alert: Alert): string | undefined {
  return alert.where.find((e): e is HostEntity => e.kind === 'host' && !!e.azureResourceId)?.azureResourceId;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? '';
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
