/**
 * The Who? answer, first and in one or two sentences: which account logged on, how, from where and
 * when relative to the alert; the failed logons before it; who ran the command and where it
 * connected. E.g. "svc-backup (local account) logged on by RDP from 198.51.100.23 at 02:13,
 * 3 min before."
 */
import { isIpAddress } from './kql-literals';
import { hhmm, num, relative, shortHost, text, timeOf, type Row } from './records';
import type { SubjectAccount } from './subject';

export interface WhoInput {
  alertStart: string;
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
  const logon = chooseLogon(input.logons, anchor);
  if (logon) sentences.push(logonSentence(logon, input, anchor));
  const signin = input.signins[0];
  if (!logon && signin) sentences.push(`${text(signin.UserPrincipalName)} signed in to Entra ID from ${text(signin.IPAddress)} at ${hhmm(signin.TimeGenerated)}.`);
  const process = input.processes[0];
  if (process) sentences.push(`The command ran as ${processAccount(process)} at ${hhmm(process.TimeGenerated)}.`);
  const connection = chooseConnection(input.connections, input.processFiles);
  if (connection) sentences.push(`${text(connection.ProcessName) || 'A process'} connected out to ${text(connection.RemoteIp)}:${text(connection.DestinationPort)}.`);
  return sentences;
}

const NOT_REMOTE = new Set(['', '-', '127.0.0.1', '::1']);

/** The successful remote logon closest before the alert (else the first after it). */
function chooseLogon(rows: Row[], anchor: number): Row | undefined {
  const remote = rows.filter((r) => num(r.EventID) === 4624 && !NOT_REMOTE.has(text(r.IpAddress)) && isIpAddress(text(r.IpAddress)));
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
  let s = `${text(r.LogonAccount)} (${accountKind(r, input)}) logged on ${how} from ${ip} at ${hhmm(new Date(at))}, ${relative(at, anchor)}`;
  const failed = input.logons.filter((f) => num(f.EventID) === 4625 && text(f.IpAddress) === ip && timeOf(f.FirstSeen) <= at);
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

/** Outbound connection of the alert's process if there is one, else the first outbound one. */
function chooseConnection(rows: Row[], processFiles: string[]): Row | undefined {
  const outbound = rows.filter((r) => text(r.Direction).toLowerCase() === 'outbound');
  const bare = (name: string) => name.toLowerCase().replace(/\.exe$/, '');
  const names = processFiles.map(bare);
  return outbound.find((r) => names.includes(bare(text(r.ProcessName)))) ?? outbound[0];
}
