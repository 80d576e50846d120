/**
 * A generated query: its KQL text, the timespan sent with it, and the structured parameters it was
 * built from (so the local demo workspace can answer it without parsing KQL, and so tests can check
 * that every value went in as a literal).
 */
import type { TimeWindow } from './window';

export type QueryFamily = 'identity' | 'correlation' | 'ioc';

export const QUERY_NAMES = [
  'logons',
  'process-creation',
  'powershell-script-blocks',
  'network-connections',
  'entra-signins',
  'heartbeat',
  'resource-activity',
  'sentinel-alerts',
  'sentinel-incidents',
  'threat-intel',
  'threat-intel-legacy',
  'target-lookup',
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

export interface IocSet {
  ips: string[];
  urls: string[];
  domains: string[];
  hashes: string[];
}

export interface QueryParams {
  host?: string;
  resourceId?: string;
  accountNames: string[];
  upns: string[];
  ips: string[];
  processFiles: string[];
  commandLines: string[];
  alertId?: string;
  iocs?: IocSet;
  window: TimeWindow;
}

export interface CatalogueQuery {
  name: QueryName;
  family: QueryFamily;
  /** What the query answers, for the evidence table's title. */
  title: string;
  query: string;
  timespan: TimeWindow;
  params: QueryParams;
}

export function isCatalogueQuery(q: unknown): q is CatalogueQuery {
  const c = q as Partial<CatalogueQuery> | null;
  return !!c && typeof c.name === 'string' && (QUERY_NAMES as readonly string[]).includes(c.name) && !!c.params;
}
