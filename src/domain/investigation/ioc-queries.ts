/**
 * IOC lookup in threat intelligence: the current STIX table (ThreatIntelIndicators) and the legacy
 * one (ThreatIntelligenceIndicator). No row means "not a known IOC" — unknown, not harmless.
 */
import { make } from './identity-queries';
import { compose, list, timeFilter } from './kql-compose';
import type { CatalogueQuery, IocSet, QueryParams } from './query-types';
import { lookbackWindow, THREAT_INTEL_DAYS } from './window';

export function iocQueries(iocs: IocSet, asOf: string): CatalogueQuery[] {
  const all = [...iocs.ips, ...iocs.urls, ...iocs.domains, ...iocs.hashes];
  if (!all.length) return [];
  const window = lookbackWindow(asOf, THREAT_INTEL_DAYS);
  const p: QueryParams = { accountNames: [], upns: [], ips: iocs.ips, processFiles: [], commandLines: [], iocs, window };
  const current = compose('threat-intel', [list('iocs', all)], 'ThreatIntelIndicators', [
    timeFilter(window),
    'where ObservableValue in~ (iocs)',
    'summarize arg_max(TimeGenerated, *) by Id',
    'project ObservableValue, ObservableKey, Confidence, Source, Tags, ValidUntil, IsActive',
    'top 100 by Confidence desc',
  ]);
  const legacy = compose(
    'threat-intel-legacy',
    [list('ips', iocs.ips), list('urls', iocs.urls), list('domains', iocs.domains), list('hashes', iocs.hashes)],
    'ThreatIntelligenceIndicator',
    [
      timeFilter(window),
      'where NetworkIP in (ips) or NetworkSourceIP in (ips) or NetworkDestinationIP in (ips) or Url in~ (urls) or DomainName in~ (domains) or FileHashValue in~ (hashes)',
      'summarize arg_max(TimeGenerated, *) by IndicatorId',
      'project NetworkIP, NetworkSourceIP, NetworkDestinationIP, Url, DomainName, FileHashValue, ThreatType, ConfidenceScore, Description, Active, ExpirationDateTime',
      'top 100 by ConfidenceScore desc',
    ],
  );
  return [
    { ...make('threat-intel', 'Threat intelligence (ThreatIntelIndicators)', current, p), timespan: window },
    { ...make('threat-intel-legacy', 'Threat intelligence (ThreatIntelligenceIndicator, legacy)', legacy, p), timespan: window },
  ];
}
