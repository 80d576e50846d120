/**
 * One line per investigation for the alert card's Findings section: Who (the account, how, from
 * where and what TI says of that IP), Related (how many, the earliest, the incident), Command (what
 * it does, each IOC's verdict). Plain text: the card adapters escape it for their surface.
 */
import { IOC_CLASS_TEXT, isFailed, type CommandFindings, type FailedPart, type FindingsPart, type RelatedFindings, type WhoFindings } from './case-findings';
import type { InvestigationKind } from './intent';

export const FINDING_LABELS: Record<InvestigationKind, string> = { identity: 'Who', correlation: 'Related', analyze: 'Command' };

const MAX_IOCS = 3;

export function findingLine(part: FindingsPart | FailedPart): string {
  if (isFailed(part)) return `failed: ${part.failed}`;
  if (part.kind === 'identity') return whoLine(part);
  if (part.kind === 'correlation') return relatedLine(part);
  return commandLine(part);
}

function whoLine(w: WhoFindings): string {
  const entra = w.localOnly ? '; no Entra identity' : '';
  if (!w.account) return `no remote logon found in the window${entra}`;
  const type = w.logonType ? ` (logon type ${w.logonType})` : '';
  const ti = w.ipClass ? ` — ${IOC_CLASS_TEXT[w.ipClass]}${w.ipThreat ? `: ${w.ipThreat}` : ''}` : '';
  const failed = w.failedBefore ? `, after ${w.failedBefore} failed logons` : '';
  return `${w.account} (${w.accountKind ?? 'account'}) ${w.how ?? 'logged on'}${type} from ${w.ip}${ti}${failed}${entra}`;
}

function relatedLine(r: RelatedFindings): string {
  if (!r.count) return `no related alerts${r.incident ? `; ${r.incident}` : ''}`;
  const earliest = r.earliest ? `; earliest "${r.earliest.name}" (${r.earliest.severity}) at ${r.earliest.time.slice(11, 16)} UTC` : '';
  return `${r.count} related alert${r.count === 1 ? '' : 's'}${earliest}${r.incident ? `; ${r.incident}` : ''}`;
}

function commandLine(c: CommandFindings): string {
  const does = c.behaviours.length ? c.behaviours.join(', ') : 'nothing known-suspicious';
  const iocs = c.iocs.slice(0, MAX_IOCS).map((i) => `${i.ioc}: ${IOC_CLASS_TEXT[i.class]}`);
  const more = c.iocs.length > MAX_IOCS ? ` (+${c.iocs.length - MAX_IOCS} more)` : '';
  return `${does}${iocs.length ? `; ${iocs.join('; ')}${more}` : ''}`;
}
