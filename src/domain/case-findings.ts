/**
 * What each investigation of an alert found, as facts rather than prose: the alert card's Findings
 * lines and the triage suggestion's rules read these. Each part is the latest run of its
 * investigation; `failed` says it ran and could not answer. Pure data: built by the use cases from
 * what their queries returned, kept per alert by the store.
 */
import type { InvestigationKind } from './intent';

/** An IOC's verdict as a class: TI knows it bad, nobody knows it (never "safe"), or it is the cloud's own. */
export type IocClass = 'known-bad' | 'unknown' | 'benign-infrastructure' | 'not-checked';

export interface WhoFindings {
  kind: 'identity';
  /** The alert names only a machine-local account: no Entra ID identity to follow. */
  localOnly: boolean;
  account?: string;
  /** "local account", "Entra ID account", … */
  accountKind?: string;
  /** "by RDP" */
  how?: string;
  logonType?: number;
  ip?: string;
  ipClass?: IocClass;
  /** What threat intelligence calls the IP, when it knows it ("rdp-brute-force"). */
  ipThreat?: string;
  failedBefore?: number;
}

export interface RelatedFindings {
  kind: 'correlation';
  count: number;
  earliest?: { name: string; time: string; severity: string };
  /** Names of the related alerts (at most a few), for rules that look for a stage. */
  names: string[];
  /** "Sentinel incident #42", "Defender XDR incident 1234" */
  incident?: string;
}

export interface CommandFindings {
  kind: 'analyze';
  /** Command-analysis finding ids (download-cradle, invoke-expression, …). */
  behaviours: string[];
  iocs: { ioc: string; type: string; class: IocClass }[];
  /** Files the command fetches, by name (update.exe). */
  downloads: string[];
}

export type FindingsPart = WhoFindings | RelatedFindings | CommandFindings;

export interface FailedPart {
  kind: InvestigationKind;
  failed: string;
}

/** An alert's findings: the latest of each investigation. */
export interface CaseFindings {
  who?: WhoFindings | FailedPart;
  related?: RelatedFindings | FailedPart;
  command?: CommandFindings | FailedPart;
}

export function isFailed(part: FindingsPart | FailedPart | undefined): part is FailedPart {
  return part !== undefined && 'failed' in part;
}

/** A TI verdict sentence (threat-intel-verdicts.ts) as a class. */
export function iocClassOf(known: boolean, verdict: string): IocClass {
  if (verdict.startsWith('not checked')) return 'not-checked';
  if (known) return 'known-bad';
  return 'unknown';
}

export const IOC_CLASS_TEXT: Record<IocClass, string> = {
  'known-bad': 'known bad',
  unknown: 'unknown — not safe',
  'benign-infrastructure': 'benign infrastructure',
  'not-checked': 'not checked',
};

/** Where a part goes in CaseFindings. */
export const PART_OF: Record<InvestigationKind, keyof CaseFindings> = { identity: 'who', correlation: 'related', analyze: 'command' };
