/**
 * The container image of a Kubernetes alert, read like a command line's IOCs: its registry host is a
 * domain (or IP) worth a threat-intelligence lookup, and an image named after a known miner is a
 * crypto-miner finding before any command is read.
 */
import type { Finding } from './findings';
import { isIPv4 } from '../investigation/kql-literals';

export interface ContainerImage {
  image: string;
  /** The registry host, when the reference names one (`evil.example.com/x:1`; Docker Hub's `xmrig/xmrig` names none). */
  registry?: string;
  findings: Finding[];
}

const MINER_IMAGE = /(?:^|[/_.-])(?:xmrig|xmr-stak|monero|cpuminer|minerd|cgminer|ethminer|nbminer|lolminer|t-rex|srbminer|coinhive|nanominer|teamredminer)(?:$|[/_.:@-])/i;

export function analyzeContainerImage(image: string): ContainerImage {
  const ref = image.trim().slice(0, 512);
  const first = ref.split('/')[0] ?? '';
  const registry = ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first.replace(/:\d{1,5}$/, '').toLowerCase() : undefined;
  const findings: Finding[] = MINER_IMAGE.test(ref) ? [{ id: 'crypto-miner', evidence: ref, mitre: 'T1496', layer: 'container image' }] : [];
  return { image: ref, ...(registry ? { registry } : {}), findings };
}

/** The registry as an IOC: an IP or a domain. */
export function registryIoc(c: ContainerImage): { ips: string[]; domains: string[] } {
  if (!c.registry || c.registry === 'localhost') return { ips: [], domains: [] };
  return isIPv4(c.registry) ? { ips: [c.registry], domains: [] } : { ips: [], domains: [c.registry] };
}
