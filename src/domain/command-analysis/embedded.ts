/**
 * Command lines written into strings: a Run key's value, an `os.system("…")` argument, a
 * `-Value "powershell.exe -w hidden …"`, a cron line echoed into a crontab. A string is one when its
 * first word is a program worth a look; it is then analysed as cmd (Windows) or sh.
 */
import { baseName } from './command-rules';
import type { Shell } from './layer-types';

const WINDOWS = new Set(['powershell', 'pwsh', 'cmd', 'certutil', 'bitsadmin', 'mshta', 'rundll32', 'regsvr32', 'schtasks', 'wmic', 'reg', 'sc', 'msiexec', 'cscript', 'wscript', 'net', 'netsh', 'vssadmin', 'wevtutil', 'start']);
const UNIX = new Set(['sh', 'bash', 'dash', 'zsh', 'curl', 'wget', 'chmod', 'nc', 'ncat', 'socat', 'python', 'python3', 'perl', 'php', 'crontab', 'systemctl', 'base64', 'rm', 'cat', 'echo', 'nohup', 'sudo', 'whoami', 'id', 'uname', 'kubectl', 'xmrig', 'history', 'unset']);
const CRON_FIELDS = /^\s*(?:@(?:reboot|hourly|daily|weekly|monthly|yearly|annually)|(?:[\d*/,-]+\s+){4}[\d*/,-]+)\s+(?:root\s+)?/;
const MAX_PER_LAYER = 24;

export function embeddedCommands(text: string, parent: Shell): { shell: Shell; text: string }[] {
  const line = text.replace(CRON_FIELDS, '');
  if (line.length < 6 || !/\s/.test(line.trim())) return [];
  const first = baseName(/^\s*("[^"]*"|\S+)/.exec(line)?.[1] ?? '');
  const windowsParent = parent === 'cmd' || parent === 'powershell' || parent === 'script';
  if (WINDOWS.has(first) && (windowsParent || first === 'powershell' || first === 'cmd')) return [{ shell: 'cmd', text: line }];
  if (UNIX.has(first) || /^\/(?:usr\/)?bin\//.test(line.trim())) return [{ shell: parent === 'cmd' || parent === 'powershell' ? 'cmd' : 'sh', text: line }];
  return [];
}

/** String literals of a script body ('…' or "…", backslash escapes), at most MAX_PER_LAYER of them. */
export function stringLiterals(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/'((?:[^'\\\n]|\\.){0,4000})'|"((?:[^"\\\n]|\\.){0,4000})"/g)) {
    out.push((m[1] ?? m[2] ?? '').replace(/\\(["'\\])/g, '$1'));
    if (out.length >= MAX_PER_LAYER) break;
  }
  return out;
}
