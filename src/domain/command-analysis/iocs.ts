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
  /** host:port a command connects to or serves from (reverse shells, pools, URLs with a port); absent when none. */
  endpoints?: string[];
}

/** A URL; an IPv6 host in brackets (`http://[2001:db8::7]:8080/x`) is part of it. */
const URL_RE = /\b(?:https?|ftp):\/\/(?:\[[0-9a-f:.]{2,45}\][^\s'"<>`)(\]\[{}|^]*|[^\s'"<>`)(\]\[{}|^]+)/gi;
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
  const endpoints = extractEndpoints(text);
  return {
    ips: unique([...ips, ...ipv6.map((a) => a.toLowerCase()), ...hosts.filter(isIPv4)]),
    urls,
    domains,
    hashes: unique([...text.matchAll(HASH_RE)].map((m) => m[0].toLowerCase())),
    ...(endpoints.length ? { endpoints } : {}),
  };
}

const HOST = String.raw`(?:\[[0-9a-f:.]{2,45}\]|(?:\d{1,3}\.){3}\d{1,3}|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})`;
const ENDPOINT_RES = [
  // scheme://host:port (http, stratum+tcp, tcp, ssl…) and host:port; /dev/tcp/host/port
  new RegExp(String.raw`(?<![\w.-])(${HOST}):(\d{1,5})(?![\d.:])`, 'gi'),
  new RegExp(String.raw`/dev/(?:tcp|udp)/(${HOST})/(\d{1,5})\b`, 'gi'),
  // an IP then its port as the next argument: nc 203.0.113.9 4444, TCPClient('203.0.113.9',443), connect(("…",4444))
  new RegExp(String.raw`(?<![\w.])((?:\d{1,3}\.){3}\d{1,3})['"]?\s*(?:,\s*|\s+)(\d{1,5})(?![\d.])`, 'g'),
];

function extractEndpoints(text: string): string[] {
  const out: string[] = [];
  for (const re of ENDPOINT_RES) {
    for (const m of text.matchAll(re)) {
      const host = m[1]!.toLowerCase();
      const port = Number(m[2]);
      if (port < 1 || port > 65535 || (/^[\d.]+$/.test(host) && !isIPv4(host))) continue;
      out.push(`${host}:${port}`);
      if (out.length >= 400) return unique(out);
    }
  }
  return unique(out);
}

export function mergeIocs(...sets: Iocs[]): Iocs {
  return {
    ips: unique(sets.flatMap((s) => s.ips)),
    urls: unique(sets.flatMap((s) => s.urls)),
    domains: unique(sets.flatMap((s) => s.domains)),
    hashes: unique(sets.flatMap((s) => s.hashes)),
    ...(sets.some((s) => s.endpoints?.length) ? { endpoints: unique(sets.flatMap((s) => s.endpoints ?? [])) } : {}),
  };
}

function urlHost(url: string): string | undefined {
  const m = /^[a-z]+:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^/:?#]+)/i.exec(url);
  return m?.[1]?.replace(/^\[|\]$/g, '');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
