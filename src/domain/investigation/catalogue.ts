/**
 * The query catalogue: everything the investigations may ask Log Analytics, built from an alert (or
 * an /investigate target) and the configured windows.
 */
import type { Alert } from '../alert';
import { analyzeCommand, mergeIocs, type Iocs } from '../command-analysis';
import { correlationQueries } from './correlation-queries';
import { iocQueries } from './ioc-queries';
import { whoQueries } from './plans';
import type { CatalogueQuery } from './query-types';
import { subjectFromAlert, type InvestigationSubject } from './subject';
import { correlationWindow, investigationWindow, type WindowSettings } from './window';

/** Who?: the subject's plan's sources (machines: logons, processes…; storage: the storage logs…) and the Entra ones it needs. */
export function identityQueriesFor(subject: InvestigationSubject, s: WindowSettings): CatalogueQuery[] {
  return whoQueries(subject, investigationWindow({ startTime: subject.start, endTime: subject.end }, s));
}

export function correlationQueriesFor(subject: InvestigationSubject, s: WindowSettings): CatalogueQuery[] {
  return correlationQueries(subject, correlationWindow({ startTime: subject.start, endTime: subject.end }, s.correlationWindowHours));
}

/** IOCs of an alert: its command lines' analysis plus the IPs, URLs, domains and hashes among its entities. */
export function alertIocs(alert: Alert): Iocs {
  const fromCommands = alert.what
    .flatMap((e) => (e.kind === 'process' && e.commandLine ? [analyzeCommand(e.commandLine).iocs] : []));
  return mergeIocs(...fromCommands, entityIocs(alert));
}

/** The IPs, URLs, domains and hashes among an alert's entities (its command lines' IOCs come from their analysis). */
export function entityIocs(alert: Alert): Iocs {
  return {
    ips: alert.what.flatMap((e) => (e.kind === 'ip' ? [e.address] : [])),
    urls: alert.what.flatMap((e) => (e.kind === 'url' ? [e.url] : [])),
    domains: alert.what.flatMap((e) => (e.kind === 'domain' ? [e.domain.toLowerCase()] : [])),
    hashes: alert.what.flatMap((e) => (e.kind === 'file' ? e.hashes.map((h) => h.value.toLowerCase()) : [])),
  };
}

/** Every query the bot would run for this alert (`triage-bot queries`). */
export function allQueriesFor(alert: Alert, s: WindowSettings): CatalogueQuery[] {
  const subject = subjectFromAlert(alert);
  const iocs = alertIocs(alert);
  return [...identityQueriesFor(subject, s), ...correlationQueriesFor(subject, s), ...iocQueries(iocs, alert.endTime)];
}
