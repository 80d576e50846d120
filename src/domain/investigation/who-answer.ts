/**
 * The Who? answer, first and in one or two sentences: which account logged on, how, from where and
 * when relative to the alert; the failed logons before it; who ran the command and where it
 * connected. E.g. "svc-backup (local account) logged on by RDP from 198.51.100.23 at 02:13,
 * 3 min before."
 */
import { isIpAddress } from './kql-literals';
import { hhmm, num, relative, shortHost, text, timeOf, type Row } from './records';
import type { SubjectAccount, SubjectContext } from './subject';

export interface WhoInput {
  /** The moment times are told relative to: the alert's start, or now (`anchorIsNow`). */
  alertStart: string;
  anchorIsNow?: boolean;
  /** What the alerts name: their processes, IPs and accounts come first in the answer. */
  context?: SubjectContext;
  host?: string;
  accounts: SubjectAccount[];
  processFiles: string[];
  logons: Row[];
  processes: Row[];
  connections: Row[];
  signins: Row[];
}

const LOGON_TYPES: Record<number, string> = {
  2: 'interactively',
  3: 'over the network',
  4: 'as a batch job',
  5: 'as a service',
  7: 'by unlocking',
  8: 'over the network (cleartext)',
  9: 'with new credentials',
  10: 'by RDP',
  11: 'with cached credentials',
};

export function whoAnswer(input: WhoInput): string {
  const sentences = whoSentences(input);
  if (!sentences.length) return `No logon, process or connection found${input.host ? ` on ${input.host}` : ''} in the window.`;
  return sentences.join(' ');
}

/** The machine's sentences; none when the rows name no logon, process or connection. */
export function whoSentences(input: WhoInput): string[] {
  const anchor = timeOf(input.alertStart);
  const sentences: string[] = [];
  const ctx = input.context ?? { processFiles: input.processFiles, ips: [], accounts: [] };
  const logon = chooseLogon(input.logons, anchor, ctx);
  if (logon) sentences.push(logonSentence(logon, input, anchor));
  const signin = input.signins[0];
  if (!logon && signin) sentences.push(`${text(signin.UserPrincipalName)} signed in to Entra ID from ${text(signin.IPAddress)} at ${hhmm(signin.TimeGenerated)}.`);
  const process = chooseProcess(input.processes, ctx);
  if (process) sentences.push(`The command ran as ${processAccount(process)} at ${hhmm(process.TimeGenerated)}.`);
  const connection = chooseConnection(input.connections, [...input.processFiles, ...ctx.processFiles], ctx.ips);
  if (connection) sentences.push(`${text(connection.ProcessName) || 'A process'} connected out to ${text(connection.RemoteIp)}:${text(connection.DestinationPort)}.`);
  return sentences;
}

/** The logon the answer tells, as facts (the alert card's Findings line and the triage rules read these). */
export interface WhoLogon {
  account: string;
  /** "local account", "Entra ID account", "domain account CONTOSO", "account" */
  accountKind: string;
  /** "by RDP", "over the network", … */
  how: string;
  logonType: number;
  ip: string;
  /** failed logons from that IP before it */
  failedBefore: number;
}

export function whoLogon(input: WhoInput): WhoLogon | undefined {
  const anchor = timeOf(input.alertStart);
  const ctx = input.context ?? { processFiles: input.processFiles, ips: [], accounts: [] };
  const r = chooseLogon(input.logons, anchor, ctx);
  if (!r) return undefined;
  const ip = text(r.IpAddress);
  const at = lastBefore(r, anchor);
  const failed = failedBefore(input.logons, ip, at);
  return {
    account: text(r.LogonAccount),
    accountKind: accountKind(r, input),
    how: LOGON_TYPES[num(r.LogonType)] ?? `with logon type ${text(r.LogonType)}`,
    logonType: num(r.LogonType),
    ip,
    failedBefore: failed.reduce((n, f) => n + num(f.Count), 0),
  };
}

function failedBefore(logons: Row[], ip: string, at: number): Row[] {
  return logons.filter((f) => num(f.EventID) === 4625 && text(f.IpAddress) === ip && timeOf(f.FirstSeen) <= at);
}

const NOT_REMOTE = new Set(['', '-', '127.0.0.1', '::1']);

/**
 * The successful remote logon of an account or from an IP the alerts name, else any; of those the
 * one closest before the alert (else the first after it).
 */
function chooseLogon(rows: Row[], anchor: number, ctx: SubjectContext): Row | undefined {
  const all = rows.filter((r) => num(r.EventID) === 4624 && !NOT_REMOTE.has(text(r.IpAddress)) && isIpAddress(text(r.IpAddress)));
  const named = all.filter((r) => inList(text(r.LogonAccount), ctx.accounts) || ctx.ips.includes(text(r.IpAddress)));
  const remote = named.length ? named : all;
  const before = remote.filter((r) => timeOf(r.FirstSeen) <= anchor).sort((a, b) => lastBefore(b, anchor) - lastBefore(a, anchor));
  return before[0] ?? remote.sort((a, b) => timeOf(a.FirstSeen) - timeOf(b.FirstSeen))[0];
}

function lastBefore(r: Row, anchor: number): number {
  const last = timeOf(r.LastSeen);
  return last <= anchor ? last : timeOf(r.FirstSeen);
}

function logonSentence(r: Row, input: WhoInput, anchor: number): string {
  const at = lastBefore(r, anchor);
  const ip = text(r.IpAddress);
  const how = LOGON_TYPES[num(r.LogonType)] ?? `with logon type ${text(r.LogonType)}`;
  let s = `${text(r.LogonAccount)} (${accountKind(r, input)}) logged on ${how} from ${ip} at ${hhmm(new Date(at))}, ${relative(at, anchor, input.anchorIsNow)}`;
  const failed = failedBefore(input.logons, ip, at);
  if (failed.length) {
    const count = failed.reduce((n, f) => n + num(f.Count), 0);
    const first = Math.min(...failed.map((f) => timeOf(f.FirstSeen)));
    const last = Math.max(...failed.map((f) => timeOf(f.LastSeen)));
    s += `, after ${count} failed logon${count === 1 ? '' : 's'} from that IP (${hhmm(new Date(first))}–${hhmm(new Date(last))})`;
  }
  return `${s}.`;
}

function accountKind(r: Row, input: WhoInput): string {
  const name = text(r.LogonAccount).toLowerCase();
  const domain = text(r.LogonDomain);
  const known = input.accounts.find((a) => a.name.toLowerCase() === name);
  const computer = shortHost(text(r.Computer) || input.host || '');
  if (known?.isEntra) return 'Entra ID account';
  if (known?.isLocal || (domain && shortHost(domain) === computer)) return 'local account';
  return domain ? `domain account ${domain}` : 'account';
}

function processAccount(r: Row): string {
  const account = text(r.Account);
  if (account) return account;
  const domain = text(r.SubjectDomainName);
  return domain ? `${domain}\\${text(r.SubjectUserName)}` : text(r.SubjectUserName);
}

/** Azure's own platform addresses (wire server, instance metadata): the guest agent talks to them all day. */
const AZURE_PLATFORM_IPS = new Set(['168.63.129.16', '169.254.169.254']);

const bare = (name: string) => name.toLowerCase().replace(/\.exe$/, '');

/**
 * The most suspicious outbound connection: the alert's process, else to an IP the alerts name, else
 * any not to Azure's platform addresses, else the first.
 */
function chooseConnection(rows: Row[], processFiles: string[], ips: string[]): Row | undefined {
  const outbound = rows.filter((r) => text(r.Direction).toLowerCase() === 'outbound');
  const names = processFiles.map(bare);
  return (
    outbound.find((r) => names.includes(bare(text(r.ProcessName)))) ??
    outbound.find((r) => ips.includes(text(r.RemoteIp))) ??
    outbound.find((r) => !AZURE_PLATFORM_IPS.has(text(r.RemoteIp))) ??
    outbound[0]
  );
}

/** The alert's own process if it ran in the window, else the first process found. */
function chooseProcess(rows: Row[], ctx: SubjectContext): Row | undefined {
  const names = ctx.processFiles.map(bare);
  return rows.find((r) => names.includes(bare(processName(r)))) ?? rows[0];
}

function processName(r: Row): string {
  return text(r.NewProcessName).split('\\').pop() || 'The command';
}

function inList(value: string, list: string[]): boolean {
  return list.some((x) => x.toLowerCase() === value.toLowerCase());
}
