/**
 * Findings read from a parsed command: a program in command position and its arguments. `curl`
 * as the program is a download; `curl` as an `apt-get install` argument is not. LOLBins are the
 * LOLBAS project's binaries that execute or download (names only: LOLBAS is GPL-3, nothing of
 * its text is here), each with the MITRE technique of its entry.
 */
import type { FindingId } from './findings';
import type { Word } from './lexer';

/** A command as the rules see it: the program's base name, lower case, without .exe; its arguments. */
export interface ProgramCall {
  program: string;
  args: Word[];
  /** The arguments' text, lower case, space-joined: what the argument tests read. */
  argText: string;
}

export interface CommandHit {
  id: FindingId;
  mitre: string;
}

const WRAPPERS = new Set(['sudo', 'nohup', 'env', 'exec', 'time', 'nice', 'ionice', 'call', 'busybox', 'doas', 'command', 'xargs', 'setsid', 'stdbuf', 'chroot']);

/** The program a command runs, past sudo/env/start and assignments (`VAR=x cmd`, `start /min "" cmd`). */
export function programCall(words: Word[]): ProgramCall | undefined {
  let i = 0;
  while (i < words.length) {
    const w = words[i]!.text;
    const base = baseName(w);
    if (/^[A-Za-z_]\w*=/.test(w) && !words[i]!.quoted) i++;
    else if (WRAPPERS.has(base) || (base === 'start' && i + 1 < words.length && !/\.(exe|bat|cmd|ps1|vbs|js|hta|scr)$/i.test(words[i + 1]!.text))) {
      i++;
      while (i < words.length && (/^[-/]\w*$/.test(words[i]!.text) || (words[i]!.quoted && words[i]!.text === ''))) i++;
    } else break;
  }
  if (i >= words.length) return undefined;
  const args = words.slice(i + 1);
  let argText: string | undefined;
  return {
    program: baseName(words[i]!.text),
    args,
    // Lazy: most commands of a long script are none of the programs the rules look at.
    get argText() {
      return (argText ??= args.map((a) => a.text).join(' ').toLowerCase());
    },
  };
}

export function baseName(word: string): string {
  const base = word.replace(/^["'&.\s]+|["']+$/g, '').split(/[\\/]/).pop() ?? '';
  return base.toLowerCase().replace(/\.(exe|com)$/, '');
}

export const DOWNLOADERS = new Set(['curl', 'wget', 'wget2', 'nscurl', 'aria2c', 'tftp', 'lwp-download', 'iwr', 'irm', 'invoke-webrequest', 'invoke-restmethod', 'start-bitstransfer']);
export const STDIN_INTERPRETERS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash', 'python', 'python2', 'python3', 'perl', 'ruby', 'php', 'node', 'iex', 'invoke-expression', 'powershell', 'pwsh']);
export const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash']);

const URL_OR_UNC = /(?:https?|ftp|file):\/\/|(?:^|[\s"'=:])\\\\(?!\?\\)[\w.-]+\\/i;

interface Lolbin {
  mitre: string;
  /** When running it executes code: always, or when its arguments match. */
  execute?: RegExp | true;
  /** Fetches a remote file when an argument is a URL or UNC path (or matches this). */
  download?: RegExp | true;
}

const LOLBINS: Record<string, Lolbin> = {
  certutil: { mitre: 'T1105', download: /[-/](?:urlcache|verifyctl)\b|(?:https?|ftp):\/\// },
  bitsadmin: { mitre: 'T1197', download: /\/(?:transfer|addfile|download)\b/, execute: /\/setnotifycmdline\b/ },
  mshta: { mitre: 'T1218.005', execute: true, download: true },
  rundll32: { mitre: 'T1218.011', execute: true, download: /script:(?:https?|ftp):|(?:https?|ftp):\/\// },
  regsvr32: { mitre: 'T1218.010', execute: true, download: /[-/]i:["']?(?:https?|ftp):\/\// },
  msiexec: { mitre: 'T1218.007', execute: true, download: true },
  installutil: { mitre: 'T1218.004', execute: true },
  regasm: { mitre: 'T1218.009', execute: true },
  regsvcs: { mitre: 'T1218.009', execute: true },
  msbuild: { mitre: 'T1127.001', execute: true },
  cmstp: { mitre: 'T1218.003', execute: true },
  wmic: { mitre: 'T1047', execute: /\bprocess\s+call\s+create\b|\/format:/, download: /\/format:["']?(?:https?|ftp):\/\// },
  forfiles: { mitre: 'T1202', execute: /\/c\b/ },
  pcalua: { mitre: 'T1202', execute: /-a\b/ },
  odbcconf: { mitre: 'T1218.008', execute: true },
  esentutl: { mitre: 'T1105', download: true },
  expand: { mitre: 'T1105', download: true },
  extrac32: { mitre: 'T1105', download: true },
  findstr: { mitre: 'T1105', download: true },
  replace: { mitre: 'T1105', download: true },
  printbrm: { mitre: 'T1105', download: true },
  hh: { mitre: 'T1218.001', execute: true, download: true },
  ieexec: { mitre: 'T1218', execute: true, download: true },
  msdt: { mitre: 'T1218', execute: true },
  presentationhost: { mitre: 'T1218', execute: true, download: true },
  scriptrunner: { mitre: 'T1218', execute: true },
  syncappvpublishingserver: { mitre: 'T1218', execute: true },
  xwizard: { mitre: 'T1218', execute: true },
  control: { mitre: 'T1218.002', execute: /\.cpl\b/ },
  csc: { mitre: 'T1127', execute: true },
  jsc: { mitre: 'T1127', execute: true },
  vbc: { mitre: 'T1127', execute: true },
  desktopimgdownldr: { mitre: 'T1105', download: true },
  mpcmdrun: { mitre: 'T1105', download: /-downloadfile\b/ },
  certreq: { mitre: 'T1105', download: true },
  cscript: { mitre: 'T1059.005', execute: true },
  wscript: { mitre: 'T1059.005', execute: true },
  msxsl: { mitre: 'T1220', execute: true, download: true },
  diskshadow: { mitre: 'T1218', execute: /[-/]s\b/ },
  mavinject: { mitre: 'T1218.013', execute: true },
  'register-cimprovider': { mitre: 'T1218', execute: true },
  infdefaultinstall: { mitre: 'T1218', execute: true },
  protocolhandler: { mitre: 'T1218', execute: true, download: true },
  'microsoft.workflow.compiler': { mitre: 'T1127', execute: true },
  wuauclt: { mitre: 'T1218', execute: /\/updatedeploymentprovider\b/ },
  gpscript: { mitre: 'T1218', execute: true },
  ie4uinit: { mitre: 'T1218', execute: true },
  customshellhost: { mitre: 'T1218', execute: true },
  provlaunch: { mitre: 'T1218', execute: true },
  wlrmdr: { mitre: 'T1218', execute: true },
  atbroker: { mitre: 'T1218', execute: true },
  bash: { mitre: 'T1202', execute: /-c\b/ },
  wsl: { mitre: 'T1202', execute: true },
  finger: { mitre: 'T1105', download: /\S@\S/ },
  gup: { mitre: 'T1105', download: true },
  imewdbld: { mitre: 'T1105', download: true },
  onedrivestandaloneupdater: { mitre: 'T1105', download: true },
  sqlcmd: { mitre: 'T1105', download: /-i\s+["']?(?:https?|ftp):\/\// },
  msedge: { mitre: 'T1218', execute: /--headless|--disable-gpu-sandbox|--gpu-launcher|--utility-cmd-prefix/ },
};

/** The LOLBins also recognised when only named with .exe in a path (test harnesses, variables). */
const NAMED_WITH_EXE = /(?:^|[\\/\s"'])(mshta|rundll32|regsvr32|installutil|hh|imewdbld|msbuild|regasm|regsvcs|cmstp|odbcconf|msxsl|wscript|cscript)\.exe\b/gi;

export function lolbinHits(call: ProgramCall, isWindowsExe: boolean): CommandHit[] {
  const bin = LOLBINS[call.program];
  if (!bin || (call.program === 'bash' && !isWindowsExe)) return [];
  const hits: CommandHit[] = [];
  if (bin.download && URL_OR_UNC.test(call.argText) && (bin.download === true || bin.download.test(call.argText))) hits.push({ id: 'lolbin-download', mitre: bin.mitre });
  if (bin.execute && (bin.execute === true ? call.args.length > 0 || call.program === 'gpscript' : bin.execute.test(call.argText))) hits.push({ id: 'lolbin-execute', mitre: bin.mitre });
  return hits;
}

/** LOLBins named as `name.exe` anywhere in the text: their technique, once per name. */
export function namedLolbins(text: string): { name: string; mitre: string }[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(NAMED_WITH_EXE)) seen.add(m[1]!.toLowerCase());
  return [...seen].map((name) => ({ name, mitre: LOLBINS[name]!.mitre }));
}

/** Findings of a program call other than LOLBins and downloads. */
export function programHits(call: ProgramCall): CommandHit[] {
  const { program: p, argText: a } = call;
  const hits: CommandHit[] = [];
  const add = (id: FindingId, mitre: string) => hits.push({ id, mitre });
  if (DOWNLOADERS.has(p) && call.args.some((w) => !w.text.startsWith('-') || /:\/\//.test(w.text))) add('download-cradle', 'T1105');
  if (p === 'crontab' && a && !/^-l$/.test(a.trim())) add('persistence', 'T1053.003');
  if (p === 'schtasks' && /\/create\b/.test(a)) add('persistence', 'T1053.005');
  if (p === 'at' && /\d{1,2}:\d{2}/.test(a)) add('persistence', 'T1053.002');
  if (p === 'sc' && (/^create\b/.test(a) || /\bbinpath=/.test(a))) add('persistence', 'T1543.003');
  if (p === 'launchctl' && /\b(?:load|submit|bootstrap)\b/.test(a)) add('persistence', 'T1543.001');
  if (DISCOVERY.has(p) || (p === 'net' && /^(?:user|users|group|localgroup|view|accounts|share|session)\b/.test(a)) || (p === 'query' && /^(?:user|session)\b/.test(a))) add('discovery', 'T1033');
  if (p === 'wmic' && /\b(?:useraccount|group|computersystem|qfe|process\s+list)\b/.test(a)) add('discovery', 'T1087');
  if (p === 'az' && /^(?:account\s+(?:list|show|get-access-token)|ad\s+(?:user|group|sp|app)\s+list|role\s+assignment\s+list)\b/.test(a)) add('discovery', 'T1526');
  if (p === 'kubectl' && /\bget\s+secrets?\b|\bauth\s+can-i\b/.test(a)) add('discovery', 'T1613');
  return hits;
}

const DISCOVERY = new Set(['whoami', 'id', 'uname', 'users', 'who', 'w', 'quser', 'qwinsta', 'nltest', 'systeminfo', 'hostname', 'dsquery', 'adfind', 'get-localuser', 'get-aduser', 'get-adcomputer', 'get-adgroupmember', 'get-netuser']);

/** An argument that is a URL or UNC path (LOLBin download, download piped into a shell). */
export function hasRemoteArg(call: ProgramCall): boolean {
  return URL_OR_UNC.test(call.argText);
}
