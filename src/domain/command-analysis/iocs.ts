/**
 * Indicators of compromise in text: IPv4/IPv6 addresses, URLs, domains and MD5/SHA1/SHA256 hashes,
 * deduplicated. Domains come from URLs, or stand alone when their TLD is a common one (so
 * `Net.WebClient` and `update.exe` are not taken for domains).
 */
import { isIPv4, isIPv6 } from '../investigation/kql-literals';

export interface Iocs {
  ips: string[];
  urls: string[];
  domains: string[];
  hashes: string[];
}

const URL_RE = /\b(?:https?|ftp):\/\/[^\s'"<>`)(\]\[{}|^]+/gi;
const IPV4_RE = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)/g;
const IPV6_RE = /(?<![\w:.\]])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:(?<=:)(?:\d{1,3}\.){3}\d{1,3})?(?![\w:.])/gi;
const HASH_RE = /(?<![0-9a-f])(?:[0-9a-f]{64}|[0-9a-f]{40}|[0-9a-f]{32})(?![0-9a-f])/gi;
const DOMAIN_RE = /(?<![\w.@-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})(?![\w-]|\.[a-z0-9])/gi;
const COMMON_TLDS = new Set(
  'com net org info biz io co me xyz top online site club live app dev cloud ru cn uk de fr nl su tk ml ga cf gq pw cc ws in br jp kr ir ua pl it es us ca au ch se no eu'.split(' '),
);

/**
 * Threat reports and analysts' notes defang IOCs so nobody clicks them (`hxxp://evil[.]com`,
 * `203.0.113[.]45`, `http[:]//`): undone first, so the IOC is the one threat intelligence knows.
 */
export function refang(text: string): string {
  return text
    .replace(/\bh(?:xx|\[xx\]|XX)p(s?)(?=(?:\[:\]|:)\/\/|\[:\/\/\])/g, 'http$1')
    .replace(/\[:\/\/\]/g, '://')
    .replace(/\[:\]/g, ':')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]/gi, '.');
}

export function extractIocs(raw: string): Iocs {
  const text = refang(raw);
  const urls = unique([...text.matchAll(URL_RE)].map((m) => m[0].replace(/[.,;:!?]+$/, '')));
  const ips = unique([...text.matchAll(IPV4_RE)].map((m) => m[0]).filter(isIPv4));
  const ipv6 = [...text.matchAll(IPV6_RE)].map((m) => m[0]).filter((c) => c.split(':').filter(Boolean).length >= 2 && isIPv6(c));
  const hosts = urls.map(urlHost).filter((h): h is string => !!h);
  const standalone = [...text.matchAll(DOMAIN_RE)].filter((m) => COMMON_TLDS.has(m[1]!.toLowerCase())).map((m) => m[0]);
  const domains = unique([...hosts, ...standalone].map((d) => d.toLowerCase()).filter((d) => !isIPv4(d) && !d.includes(':')));
  return {
    ips: unique([...ips, ...ipv6.map((a) => a.toLowerCase()), ...hosts.filter(isIPv4)]),
    urls,
    domains,
    hashes: unique([...text.matchAll(HASH_RE)].map((m) => m[0].toLowerCase())),
  };
}

export function mergeIocs(...sets: Iocs[]): Iocs {
  return {
    ips: unique(sets.flatMap((s) => s.ips)),
    urls: unique(sets.flatMap((s) => s.urls)),
    domains: unique(sets.flatMap((s) => s.domains)),
    hashes: unique(sets.flatMap((s) => s.hashes)),
  };
}

function urlHost(url: string): string | undefined {
  const m = /^[a-z]+:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^/:?#]+)/i.exec(url);
  return m?.[1]?.replace(/^\[|\]$/g, '');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
