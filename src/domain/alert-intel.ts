/**
 * Threat intelligence Defender already put in the alert: the `ThreatIntelligence` on its IP entities,
 * the Tor / suspicious-IP verdict its alert type states (KV_TORAccess, CosmosDB_TorAnomaly,
 * Storage.Blob_SuspiciousIp, API_AccessFromTorExitNode…), and the malware it names. Shown on the card
 * and counted by Analyze: an IOC is "unknown" only when neither the alert nor the TI tables know it.
 */
import type { Alert, IpEntity, IpThreatIntel } from './alert';

export interface AlertIntel {
  ioc: string;
  kind: 'ip';
  /** "Tor exit node (Microsoft, confidence 100%)" */
  verdict: string;
}

const TOR_TYPE = /(^|[_.]|from)tor(anomaly|access|exitnode)?(?![a-z])/i;
const SUSPICIOUS_IP_TYPE = /suspiciousip|suspiciousipaccess|fromsuspiciousip/i;

export function alertIntel(alert: Alert): AlertIntel[] {
  const ips = alert.what.filter((e): e is IpEntity => e.kind === 'ip');
  return ips.flatMap((ip) => {
    const verdict = fromEntity(ip.threatIntelligence ?? []) ?? fromAlertType(alert.alertType, ips.length);
    return verdict ? [{ ioc: ip.address, kind: 'ip' as const, verdict }] : [];
  });
}

function fromEntity(intel: IpThreatIntel[]): string | undefined {
  const first = intel[0];
  if (!first) return undefined;
  const what = first.threatName ?? first.threatType ?? 'threat intelligence match';
  const confidence = first.confidence === undefined ? '' : `, confidence ${Math.round(first.confidence <= 1 ? first.confidence * 100 : first.confidence)}%`;
  return `${what} (${first.provider ?? 'Defender'}${confidence})`;
}

/** The alert type says what Defender's intelligence found — but only when the alert names one IP, so the verdict is about that IP. */
function fromAlertType(alertType: string, ipCount: number): string | undefined {
  if (ipCount !== 1) return undefined;
  if (TOR_TYPE.test(alertType)) return `Tor exit node (Defender alert ${alertType})`;
  if (SUSPICIOUS_IP_TYPE.test(alertType)) return `suspicious per Microsoft Threat Intelligence (Defender alert ${alertType})`;
  return undefined;
}

/** Malware Defender named in the alert. */
export function malwareNames(alert: Alert): string[] {
  return alert.what.flatMap((e) => (e.kind === 'malware' ? [e.category ? `${e.name} (${e.category})` : e.name] : []));
}
