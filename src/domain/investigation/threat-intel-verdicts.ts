/**
 * What threat intelligence says about each IOC: the TI tables (ThreatIntelIndicators, the legacy
 * ThreatIntelligenceIndicator) and what Defender already put in the alert (the IP entity's threat
 * intelligence, a Tor verdict in the alert type). An IOC nobody knows is "unknown — not a known IOC":
 * absence from TI never means harmless, and the wording must never suggest it.
 */
import { num, text, type Row } from './records';

export const UNKNOWN_IOC = 'unknown — not a known IOC';

export interface IocVerdict {
  ioc: string;
  kind: 'ip' | 'url' | 'domain' | 'hash';
  known: boolean;
  /** "known IOC: malicious-activity (confidence 80, source X)" or UNKNOWN_IOC; "not checked: <reason>" when the lookup failed. */
  verdict: string;
}

export interface IocList {
  ips: string[];
  urls: string[];
  domains: string[];
  hashes: string[];
}

const LEGACY_COLUMNS = ['NetworkIP', 'NetworkSourceIP', 'NetworkDestinationIP', 'Url', 'DomainName', 'FileHashValue'];

/** Defender's own verdict on an IOC of the alert (alert-intel.ts). */
export interface AlertVerdict {
  ioc: string;
  verdict: string;
}

export function iocVerdicts(iocs: IocList, current: Row[], legacy: Row[], failure?: string, fromAlert: AlertVerdict[] = []): IocVerdict[] {
  const inAlert = new Map(fromAlert.map((a) => [a.ioc.toLowerCase(), a.verdict]));
  const known = new Map<string, string>();
  for (const r of current) {
    const key = text(r.ObservableValue).toLowerCase();
    if (key && !known.has(key)) known.set(key, describe(text(r.Tags) || text(r.ObservableKey), num(r.Confidence), text(r.Source)));
  }
  for (const r of legacy) {
    const description = describe(text(r.ThreatType), num(r.ConfidenceScore), text(r.Description));
    for (const c of LEGACY_COLUMNS) {
      const key = text(r[c]).toLowerCase();
      if (key && !known.has(key)) known.set(key, description);
    }
  }
  const all: [IocVerdict['kind'], string[]][] = [['ip', iocs.ips], ['url', iocs.urls], ['domain', iocs.domains], ['hash', iocs.hashes]];
  return all.flatMap(([kind, values]) =>
    values.map((ioc) => {
      const hit = known.get(ioc.toLowerCase());
      const defender = inAlert.get(ioc.toLowerCase());
      if (hit) return { ioc, kind, known: true, verdict: defender ? `${hit}; in the alert, Defender: ${defender}` : hit };
      if (defender) return { ioc, kind, known: true, verdict: `known IOC: ${defender} — Defender's threat intelligence in the alert` };
      return { ioc, kind, known: false, verdict: failure ? `not checked: ${failure}` : UNKNOWN_IOC };
    }),
  );
}

function describe(what: string, confidence: number, source: string): string {
  const details = [confidence ? `confidence ${confidence}` : '', source ? `source ${source}` : ''].filter(Boolean).join(', ');
  return `known IOC${what ? `: ${what}` : ''}${details ? ` (${details})` : ''}`;
}
