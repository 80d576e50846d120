/**
 * Is an account the machine's own (local) account, or a directory (AD / Entra ID) identity?
 *
 * The card warns "no Entra ID identity — local account only", and the Who? investigation searches
 * the machine's logs instead of sign-in logs, so this decides what the analyst is told. A SID alone
 * cannot say it: a machine SID and a domain SID share the form S-1-5-21-a-b-c-RID. The rules, in order:
 *   1. Any Entra/AD identifier (AAD user id, UPN, object GUID) → not local.
 *   2. A well-known machine SID (S-1-5-18/19/20 SYSTEM/LOCAL/NETWORK SERVICE, S-1-5-32-* BUILTIN) → local.
 *   3. An NT domain that is one of the alert's machine names (host name, NetBIOS name, first label of
 *      the FQDN, the compromised entity) or a machine pseudo-domain (".", NT AUTHORITY, BUILTIN) → local;
 *      any other NT domain → not local.
 *   4. No NT domain: an S-1-5-21 SID whose a-b-c part is that of an account already known to be local
 *      (by rule 3) is local; one shared with a known domain account is not. Otherwise the RID decides:
 *      the domain-only RIDs (Domain Admins 512 … Cloneable DCs 522, …) are domain; any other is taken
 *      as local — no domain and no Entra identifier means nothing in the alert ties it to a directory.
 *   5. Nothing to go on (no domain, no SID) → not local: the warning is not raised on no evidence.
 */

export interface AccountFacts {
  ntDomain?: string;
  sid?: string;
  hasDirectoryIds: boolean;
}

/** RIDs that exist only in a domain (groups and accounts created by AD), never on a member machine. */
const DOMAIN_ONLY_RIDS = new Set([498, 502, 512, 513, 514, 515, 516, 517, 518, 519, 520, 521, 522, 525, 526, 527, 553, 571, 572]);
const MACHINE_PSEUDO_DOMAINS = new Set(['.', 'nt authority', 'builtin', 'localhost', 'nt service', 'window manager', 'font driver host']);
const WELL_KNOWN_LOCAL_SID = /^S-1-5-(18|19|20|32-\d+)$/i;
const NT_SID = /^S-1-5-21-(\d+-\d+-\d+)-(\d+)$/i;

export class LocalityJudge {
  private readonly machineNames: Set<string>;
  private readonly machineSidPrefixes = new Set<string>();
  private readonly domainSidPrefixes = new Set<string>();

  /** `machineNames`: every name the alert gives its machine(s); `accounts`: all accounts, to learn SIDs. */
  constructor(machineNames: Iterable<string>, accounts: AccountFacts[]) {
    this.machineNames = new Set([...machineNames].map(normalizeName).filter((n) => n !== ''));
    for (const account of accounts) this.learnSidPrefix(account);
  }

  isLocal(account: AccountFacts): boolean {
    if (account.hasDirectoryIds) return false;
    if (account.sid && WELL_KNOWN_LOCAL_SID.test(account.sid.trim())) return true;
    const byDomain = this.domainVerdict(account.ntDomain);
    if (byDomain !== undefined) return byDomain;
    return this.sidVerdict(account.sid);
  }

  private domainVerdict(ntDomain: string | undefined): boolean | undefined {
    const domain = normalizeName(ntDomain ?? '');
    if (domain === '') return undefined;
    return this.machineNames.has(domain) || MACHINE_PSEUDO_DOMAINS.has(domain);
  }

  private sidVerdict(sid: string | undefined): boolean {
    const match = sid ? NT_SID.exec(sid.trim()) : null;
    if (!match) return false;
    const [, prefix = '', rid = ''] = match;
    if (this.machineSidPrefixes.has(prefix)) return true;
    if (this.domainSidPrefixes.has(prefix)) return false;
    return !DOMAIN_ONLY_RIDS.has(Number(rid));
  }

  private learnSidPrefix(account: AccountFacts): void {
    const match = account.sid ? NT_SID.exec(account.sid.trim()) : null;
    const verdict = this.domainVerdict(account.ntDomain);
    if (!match || verdict === undefined || account.hasDirectoryIds) return;
    (verdict ? this.machineSidPrefixes : this.domainSidPrefixes).add(match[1] ?? '');
  }
}

/** Lower-case, and only the first DNS label: "WEB-VM-01.contoso.local" names the machine WEB-VM-01. */
function normalizeName(name: string): string {
  const trimmed = name.trim().toLowerCase();
  return MACHINE_PSEUDO_DOMAINS.has(trimmed) ? trimmed : (trimmed.split('.')[0] ?? '');
}
