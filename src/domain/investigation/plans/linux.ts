/**
 * Linux machines (Defender for Servers): who logged on by SSH, from where, after how many failures,
 * and what they did with sudo/su/useradd — Syslog (auth/authpriv lines of sshd, sudo, su, useradd),
 * Defender for Endpoint's DeviceLogonEvents / DeviceProcessEvents when they are streamed, the
 * machine's connections (VMConnection), Heartbeat and the resource's Azure activity.
 */
import { heartbeat, networkConnections, resourceActivity } from '../identity-queries';
import type { CatalogueQuery } from '../query-types';
import { anyOf, inList, textOf, type Condition, type Derived, type Row } from '../source-query';
import type { InvestigationSubject } from '../subject';
import { spanOf, specQuery, totalCount, type Plan } from './plan';


const AUTH_PROCESSES = ['sshd', 'sudo', 'su', 'useradd', 'usermod', 'groupadd', 'passwd', 'login'];

const has = (text: string, term: string) => text.toLowerCase().includes(term.toLowerCase());
const first = (text: string, ...patterns: RegExp[]) => patterns.map((p) => p.exec(text)?.[1]).find((v) => v) ?? '';

/** What a Syslog auth line is, who it is about and where it came from (same regexes in KQL and here). */
const SYSLOG_DERIVED: Derived[] = [
  {
    name: 'Event',
    kql: "case(SyslogMessage startswith 'Accepted ', 'ssh-accepted', SyslogMessage has 'Failed password' or SyslogMessage has 'Invalid user' or SyslogMessage has 'authentication failure', 'ssh-failed', ProcessName == 'sudo', 'sudo', ProcessName == 'su', 'su', ProcessName in ('useradd', 'usermod', 'groupadd', 'passwd'), 'account-change', 'other')",
    value: (r) => {
      const m = textOf(r.SyslogMessage);
      const proc = textOf(r.ProcessName);
      if (m.toLowerCase().startsWith('accepted ')) return 'ssh-accepted';
      if (has(m, 'Failed password') || has(m, 'Invalid user') || has(m, 'authentication failure')) return 'ssh-failed';
      if (proc === 'sudo') return 'sudo';
      if (proc === 'su') return 'su';
      if (['useradd', 'usermod', 'groupadd', 'passwd'].includes(proc)) return 'account-change';
      return 'other';
    },
  },
  {
    name: 'User',
    kql: "coalesce(extract(@'for (?:invalid user )?([^ ]+) from', 1, SyslogMessage), extract(@'user=([^ ]+)', 1, SyslogMessage), extract(@'^ *([^ :]+) : ', 1, SyslogMessage), extract(@'name=([^, ]+)', 1, SyslogMessage))",
    value: (r) => first(textOf(r.SyslogMessage), /for (?:invalid user )?([^ ]+) from/, /user=([^ ]+)/, /^ *([^ :]+) : /, /name=([^, ]+)/),
  },
  {
    name: 'SourceIp',
    kql: "coalesce(extract(@'from ([0-9a-fA-F:.]+) port', 1, SyslogMessage), extract(@'rhost=([0-9a-fA-F:.]+)', 1, SyslogMessage))",
    value: (r) => first(textOf(r.SyslogMessage), /from ([0-9a-fA-F:.]+) port/, /rhost=([0-9a-fA-F:.]+)/),
  },
  { name: 'Method', kql: "extract(@'^Accepted ([^ ]+) for', 1, SyslogMessage)", value: (r) => first(textOf(r.SyslogMessage), /^Accepted ([^ ]+) for/) },
];

function onHost(column: string, host: string | undefined): Condition[] {
  return host ? [{ column, op: 'host', binding: 'host', values: [host] }] : [];
}

export const linuxPlan: Plan = {
  queries(subject, cloud, p) {
    const out: CatalogueQuery[] = [];
    if (subject.host) {
      out.push(specQuery('linux-auth', 'SSH, sudo, su and account changes (Syslog)', {
        window: p.window,
        fixed: [{ kql: `ProcessName in (${AUTH_PROCESSES.map((n) => `'${n}'`).join(', ')})`, test: (r) => AUTH_PROCESSES.includes(textOf(r.ProcessName)) }],
        derive: SYSLOG_DERIVED,
        after: [{ kql: "Event != 'other'", test: (r) => r.Event !== 'other' }],
        match: [onHost('Computer', subject.host)],
        summarize: { by: ['Computer', 'Event', 'User', 'SourceIp', 'Method'] },
        order: ['FirstSeen', 'asc'],
        limit: 100,
      }, p));
      out.push(specQuery('linux-logons-mde', 'Logons seen by Defender for Endpoint (DeviceLogonEvents)', {
        window: p.window,
        match: [onHost('DeviceName', subject.host)],
        summarize: { by: ['DeviceName', 'ActionType', 'AccountName', 'LogonType', 'RemoteIP', 'Protocol'] },
        order: ['FirstSeen', 'asc'],
        limit: 100,
      }, p));
      out.push(specQuery('linux-processes-mde', 'Processes seen by Defender for Endpoint (DeviceProcessEvents)', {
        window: p.window,
        match: [onHost('DeviceName', subject.host), anyOf(inList('ProcessCommandLine', 'commandLines', subject.commandLines, false), inList('FileName', 'processFiles', subject.processFiles))],
        project: ['TimeGenerated', 'DeviceName', 'AccountName', 'FileName', 'ProcessCommandLine', 'InitiatingProcessFileName'],
        order: ['TimeGenerated', 'asc'],
        limit: 50,
      }, p));
    }
    void cloud;
    for (const q of [networkConnections(p), heartbeat(p), resourceActivity(p)]) if (q) out.push(q);
    return out;
  },
  answer(rows, subject) {
    return sshSentences(rows('linux-auth'), subject) ?? mdeSentences(rows('linux-logons-mde'));
  },
};

/** "azureuser logged on by SSH (password) from 203.0.113.9 at 04:12, after 312 failed attempts from that IP (03:50–04:11)." */
function sshSentences(rows: Row[], subject: InvestigationSubject): string[] | undefined {
  if (!rows.length) return undefined;
  const anchor = Date.parse(subject.start);
  const accepted = rows.filter((r) => r.Event === 'ssh-accepted').sort((a, b) => Date.parse(textOf(b.LastSeen)) - Date.parse(textOf(a.LastSeen)));
  const logon = accepted.find((r) => Date.parse(textOf(r.FirstSeen)) <= anchor) ?? accepted[accepted.length - 1];
  const out: string[] = [];
  const failedFrom = (ip: string) => rows.filter((r) => r.Event === 'ssh-failed' && (!ip || textOf(r.SourceIp) === ip));
  if (logon) {
    const ip = textOf(logon.SourceIp);
    const failed = failedFrom(ip);
    const count = totalCount(failed);
    const after = count ? `, after ${count} failed attempt${count === 1 ? '' : 's'} from that IP (${spanOf(failed)})` : '';
    out.push(`${textOf(logon.User)} logged on by SSH (${textOf(logon.Method) || 'unknown method'}) from ${ip || 'an unknown address'} at ${spanOf([{ TimeGenerated: logon.LastSeen }])}${after}.`);
  } else {
    const failed = failedFrom('');
    if (failed.length) {
      const ips = [...new Set(failed.map((r) => textOf(r.SourceIp)).filter(Boolean))];
      const users = [...new Set(failed.map((r) => textOf(r.User)).filter(Boolean))];
      out.push(`${totalCount(failed)} failed SSH logons from ${ips.slice(0, 3).join(', ') || 'unknown addresses'} (${spanOf(failed)}) for ${users.slice(0, 4).join(', ') || 'unknown users'}; none succeeded in the window.`);
    }
  }
  for (const event of ['sudo', 'su', 'account-change'] as const) {
    const hits = rows.filter((r) => r.Event === event);
    if (!hits.length) continue;
    const users = [...new Set(hits.map((r) => textOf(r.User)).filter(Boolean))].join(', ');
    const what = event === 'account-change' ? `Accounts were created or changed (${users})` : `${users || 'Someone'} used ${event} ${totalCount(hits)} time${totalCount(hits) === 1 ? '' : 's'}`;
    out.push(`${what}, ${spanOf(hits)}.`);
  }
  return out.length ? out : undefined;
}

function mdeSentences(rows: Row[]): string[] {
  const success = rows.find((r) => /success/i.test(textOf(r.ActionType)));
  if (!success) return [];
  return [`${textOf(success.AccountName)} logged on (${textOf(success.LogonType) || 'unknown type'}) from ${textOf(success.RemoteIP) || 'an unknown address'}, ${spanOf([success])} (Defender for Endpoint).`];
}
