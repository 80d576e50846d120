/**
 * Findings read from a layer's folded text (PowerShell, script bodies, or what a command line
 * says in its arguments): behaviours named by an API, a cmdlet, a path or a tool, not by a program
 * in command position (those are command-rules.ts). A rule with `also` needs each of those in the
 * same layer too (a socket *and* a shell is a reverse shell). Every pattern is linear: no nested
 * quantifiers, bounded gaps.
 */
import type { FindingId } from './findings';
import type { Shell } from './layer-types';

export interface TextRule {
  id: FindingId;
  mitre: string;
  pattern: RegExp;
  also?: RegExp[];
  /** Only in these layers (PHP's eval is not JavaScript's). */
  shells?: Shell[];
}

const PS_IEX = /\b(?:iex|invoke-expression)\b|\[scriptblock\]::create\s*\(/i;

export const TEXT_RULES: TextRule[] = [
  // PowerShell, whatever starts it
  { id: 'execution-policy-bypass', mitre: 'T1059.001', pattern: /\bSet-ExecutionPolicy\s+(?:-\w+\s+)?['"]?(?:Bypass|Unrestricted)\b/i },
  { id: 'download-cradle', mitre: 'T1105', pattern: /\bNet\.WebClient\b[^\n]{0,80}?\.\(?\s*['"]?Download(?:String|File|Data)(?:Async)?\b|\.\(?\s*['"]?Download(?:String|File|Data)(?:Async)?['"]?\s*\)?\s*[(.]/i },
  { id: 'download-cradle', mitre: 'T1105', pattern: /\b(?:Invoke-WebRequest|Invoke-RestMethod|Start-BitsTransfer)\b[^\n;|]{0,120}/i },
  { id: 'download-cradle', mitre: 'T1105', pattern: /(?:^|[\s;|(&'"=])(?:iwr|irm|wget|curl)\s+['"(]?(?:-\w+\s+)*['"]?(?:https?|ftp):\/\/\S+/i, shells: ['powershell'] },
  { id: 'download-cradle', mitre: 'T1105', pattern: /(?:^|[\s;|(&'"=])(?:iwr|irm)\s+['"(]?\S+/i },
  { id: 'download-cradle', mitre: 'T1105', pattern: /\.(?:Open)\(\s*['"](?:GET|POST)['"]\s*,\s*['"](?:https?|ftp):\/\/[^'"]+|\.Load\(\s*['"](?:https?|ftp):\/\/[^'"]+|\[(?:System\.)?Net\.(?:Http)?WebRequest\]::Create\(/i },
  { id: 'download-cradle', mitre: 'T1105', pattern: /\b(?:urllib[\w.]{0,10}\.)?(?:urlopen|urlretrieve)\s*\(|\brequests\.(?:get|post)\s*\(|\bsession\.get\s*\(|\bwget\.download\s*\(/i },
  { id: 'download-cradle', mitre: 'T1105', pattern: /\b(?:file_get_contents|fopen|copy|readfile|file)\s*\(\s*['"](?:https?|ftp):\/\/[^'"]+|\bcurl_exec\s*\(/i },
  { id: 'invoke-expression', mitre: 'T1059.001', pattern: /\b(?:Invoke-Expression|IEX)\b|\[scriptblock\]::create\s*\(/i },
  { id: 'process-start', mitre: 'T1106', pattern: /\b(?:Start-Process|saps)\b[^;|\n]{0,150}|\[(?:System\.)?Diagnostics\.Process\]::Start\([^)]{0,150}\)?/i },
  { id: 'process-start', mitre: 'T1106', pattern: /(?:^|[\s;&|(])start(?:\.exe)?\s+(?!-)["']?[\w.:\\/-]{1,200}\.(?:exe|bat|cmd|ps1|vbs|js|hta|scr)\b/i },
  { id: 'download-and-execute', mitre: 'T1105', pattern: /\b(?:iex|Invoke-Expression)\b\s*\(?\s*\(?\s*(?:New-Object\s+(?:System\.)?Net\.WebClient\)?\.Download\w*|iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b[^\n;]{0,160}/i },
  { id: 'download-and-execute', mitre: 'T1105', pattern: /\b(?:Invoke-WebRequest|Invoke-RestMethod|iwr|irm)\b[^\n;|]{0,200}\|\s*(?:iex|Invoke-Expression)\b/i },
  { id: 'download-and-execute', mitre: 'T1105', pattern: /\.Download(?:String|Data)\b[^\n;]{0,200}\|\s*(?:iex|Invoke-Expression)\b/i },
  { id: 'download-and-execute', mitre: 'T1105', pattern: /\b(?:ResponseText|responseBody|\.Content)\b/i, also: [PS_IEX, /\.Open\(\s*['"]GET|Invoke-WebRequest|iwr\b/i] },

  // decode, then run
  { id: 'base64-decode-execute', mitre: 'T1140', pattern: /FromBase64String\s*\(/i, also: [/\b(?:iex|invoke-expression)\b|\.Invoke\s*\(|\[scriptblock\]::create|powershell(?:\.exe)?\s/i] },
  { id: 'base64-decode-execute', mitre: 'T1140', pattern: /\b(?:b64decode|decodestring|decodebytes)\s*\(/i, also: [/\b(?:exec|eval|os\.system|os\.popen)\s*\(|\bsubprocess\.\w+\s*\(/i] },
  { id: 'base64-decode-execute', mitre: 'T1140', pattern: /\bbase64_decode\s*\(/i, also: [/\b(?:eval|assert|system|exec|passthru|shell_exec|popen|proc_open)\s*\(/i] },
  { id: 'base64-decode-execute', mitre: 'T1140', pattern: /\b(?:base64\s+(?:-d|--decode|-D)\b|b64decode\s+-r)/i, also: [/\|\s*(?:\/(?:usr\/)?bin\/)?(?:ba|da|z|k)?sh\b|\|\s*(?:\/(?:usr\/)?bin\/)?(?:bash|python3?|perl)\b|chmod\s+\+x/i] },

  // reverse shells
  { id: 'reverse-shell', mitre: 'T1059.004', pattern: /\/dev\/(?:tcp|udp)\/[^\s/]{1,255}\/\d{1,5}/i },
  { id: 'reverse-shell', mitre: 'T1059.004', pattern: /\b(?:nc|ncat|netcat)(?:\.exe)?\s+(?:-\w+\s+){0,4}-[ec]\s+\S+/i },
  { id: 'reverse-shell', mitre: 'T1059.004', pattern: /\bmkfifo\b[^\n]{0,200}/i, also: [/\b(?:nc|ncat|netcat|telnet|openssl\s+s_client)\b/i, /\b(?:ba)?sh\b/i] },
  { id: 'reverse-shell', mitre: 'T1059.004', pattern: /\bsocat\b[^\n]{0,80}(?:exec|system):[^\s]{1,80}/i },
  { id: 'reverse-shell', mitre: 'T1059.006', pattern: /\bsocket\.socket\s*\([^\n]{0,200}/i, also: [/\.connect\s*\(/i, /\bpty\.spawn\b|\bdup2\s*\(|subprocess\.\w+\s*\(\s*\[?\s*['"]\/bin\/(?:ba)?sh/i] },
  { id: 'reverse-shell', mitre: 'T1059', pattern: /\bsocket\s*\(\s*\w+\s*,\s*PF_INET[^\n]{0,120}/i, also: [/\bexec\s*\(\s*['"]\/bin\/(?:ba)?sh|open\s*\(\s*STDIN/i] },
  { id: 'reverse-shell', mitre: 'T1059.001', pattern: /\bNet\.Sockets\.TCPClient\s*\([^)]{0,120}\)?/i, also: [/GetStream\s*\(/i, PS_IEX] },
  { id: 'reverse-shell', mitre: 'T1059.004', pattern: /\bfsockopen\s*\([^)]{0,120}\)?/i, also: [/\b(?:exec|system|shell_exec|passthru|proc_open|popen)\s*\(/i] },

  // PHP
  { id: 'php-eval', mitre: 'T1505.003', pattern: /\b(?:eval|assert)\s*\(\s*(?:\$_(?:POST|GET|REQUEST|COOKIE|SERVER)\b|(?:gzinflate|gzuncompress|gzdecode|base64_decode|str_rot13)\s*\()[^;]{0,120}/i },
  { id: 'php-eval', mitre: 'T1505.003', pattern: /\beval\s*\([^;]{0,120}/i, shells: ['php'] },
  { id: 'php-eval', mitre: 'T1505.003', pattern: /\bcreate_function\s*\(|\bpreg_replace\s*\(\s*['"](.).{0,100}\1[imsx]*e[imsx]*['"]/i },

  // persistence
  { id: 'persistence', mitre: 'T1547.001', pattern: /\\(?:CurrentVersion\\(?:Run(?:Once(?:Ex)?|Services(?:Once)?)?|Policies\\Explorer\\Run|Explorer\\(?:User )?Shell Folders)|Windows NT\\CurrentVersion\\Winlogon|Terminal Server\\Wds\\rdpwd|BootVerificationProgram|Control\\Session Manager|shell\\open\\command|Directory\\Background\\shell)\b/i, also: [/\breg(?:\.exe)?\s+(?:add|import)\b|\b(?:Set-ItemProperty|New-ItemProperty|sp|New-Item)\b|RegWrite/i] },
  { id: 'persistence', mitre: 'T1547.001', pattern: /\\Start Menu\\Programs\\Startup\\?[^"'\n]{0,80}/i, also: [/\b(?:Copy-Item|copy|Out-File|Set-Content|New-Item|Move-Item|CreateShortcut|xcopy|mklink)\b|>/i] },
  { id: 'persistence', mitre: 'T1053.005', pattern: /\b(?:Register-ScheduledTask|New-ScheduledTask(?:Action|Trigger)?|PS_ScheduledTask|RegisterByXml)\b/i },
  { id: 'persistence', mitre: 'T1053.003', pattern: /[>]{1,2}\s*\/(?:etc\/cron(?:tab|\.\w+)|var\/spool\/cron)\S*/i },
  { id: 'persistence', mitre: 'T1543.002', pattern: /[>]{1,2}\s*\/(?:etc|usr\/lib|lib)\/systemd\/system\/\S+|\bsystemctl\s+(?:--now\s+)?enable\b[^\n;&|]{0,100}/i },
  { id: 'persistence', mitre: 'T1543.003', pattern: /\bNew-Service\b[^\n;|]{0,150}/i },

  // defence evasion
  { id: 'defense-evasion', mitre: 'T1070.003', pattern: /(?:\brm\b|\btruncate\b|\bln\s+-sf?\s+\/dev\/null|>|\bshred\b)[^\n;&|]{0,60}\.(?:bash|zsh|sh|psql|mysql|python)_history\b|\bhistory\s+-c\b|\bunset\s+HISTFILE\b|\bHISTFILESIZE=0|\bset\s+\+o\s+history\b|\bClear-History\b|HistorySaveStyle\s+SaveNothing|\bHistorySavePath\b|AddToHistoryHandler/i },
  { id: 'defense-evasion', mitre: 'T1070.001', pattern: /\bwevtutil(?:\.exe)?\s+(?:cl|clear-log)\b[^\n&|]{0,60}|\b(?:Clear-EventLog|Remove-EventLog)\b[^\n;|]{0,80}|\bClear-WinEvent\b|\brm\s+(?:-\w+\s+)*\/var\/log\/\S+|>\s*\/var\/log\/(?:wtmp|btmp|lastlog|auth\.log|secure|syslog|messages)\b|\btruncate\s+-s\s*0\s+\S+/i },
  { id: 'defense-evasion', mitre: 'T1562.001', pattern: /\bSet-MpPreference\b[^\n;|]{0,80}-Disable\w+|\bAdd-MpPreference\b[^\n;|]{0,20}-Exclusion\w+[^\n;|]{0,80}|\bDisable(?:AntiSpyware|AntiVirus|RealtimeMonitoring|BehaviorMonitoring|IOAVProtection)\b|\bMpCmdRun(?:\.exe)?\s+-RemoveDefinitions\b/i },
  { id: 'defense-evasion', mitre: 'T1562.001', pattern: /\b(?:sc|net)(?:\.exe)?\s+(?:stop|config|delete)\s+["']?(?:WinDefend|Sense|WdNisSvc|wscsvc|EventLog)\b[^\n&|]{0,40}/i },
  { id: 'defense-evasion', mitre: 'T1562.001', pattern: /\bAmsiUtils\b|\bamsiInitFailed\b|\bAmsiScanBuffer\b|\bamsi\.dll\b/i },
  { id: 'defense-evasion', mitre: 'T1562.004', pattern: /\bnetsh(?:\.exe)?\s+(?:advfirewall\s+set\s+\w+\s+state\s+off|firewall\s+set\s+opmode\s+(?:mode=)?disable)\b|\bSet-NetFirewallProfile\b[^\n;|]{0,80}-Enabled\s+(?:False|0|\$false)\b|\bufw\s+disable\b|\biptables\s+-F\b|\bsystemctl\s+(?:stop|disable)\s+(?:firewalld|ufw)\b/i },
  { id: 'defense-evasion', mitre: 'T1562.001', pattern: /\bsetenforce\s+0\b|\b(?:systemctl\s+(?:stop|disable)|service)\s+(?:auditd|apparmor|falcon-sensor|mdatp|wdavdaemon)\b(?:\s+stop)?/i },

  // credentials
  { id: 'credential-access', mitre: 'T1003', pattern: /\b(?:mimikatz|pypykatz|gsecdump|nanodump|mimipenguin|lazagne|Invoke-Mimikatz|Invoke-PowerDump|PowerDump|xordump|sekurlsa::\w+|lsadump::\w+|Get-ADReplAccount|secretsdump|procdump(?:64)?(?:\.exe)?\s+[^\n]{0,40}lsass)\b/i },
  { id: 'credential-access', mitre: 'T1003.001', pattern: /\blsass\b[^\n]{0,200}/i, also: [/\.dmp\b|\bminidump\b|\s-m[am]\s|\bcreatedump\b|\brdrleakdiag\b/i] },
  { id: 'credential-access', mitre: 'T1003.001', pattern: /\bcomsvcs(?:\.dll)?\s*,?\s*#?(?:MiniDump|24)\b|\brdrleakdiag(?:\.exe)?\b/i },
  { id: 'credential-access', mitre: 'T1003.002', pattern: /\breg(?:\.exe)?\s+(?:save|export)\s+["']?(?:HKLM|HKEY_LOCAL_MACHINE)\\(?:sam|system|security)\b[^\n&]{0,80}|\\config\\SAM\b|\/config\/SAM\b/i },
  { id: 'credential-access', mitre: 'T1003.003', pattern: /\bntds\.dit\b|\bvssadmin(?:\.exe)?\s+create\s+shadow\b|\bshadowcopy\s+call\s+create\b|win32_shadowcopy\)?\.Create\b|\bntdsutil\b[^\n]{0,40}\bifm\b|\besentutl(?:\.exe)?\s+[^\n]{0,20}\/vss\b/i },
  { id: 'credential-access', mitre: 'T1003.008', pattern: /\/etc\/(?:shadow|gshadow|master\.passwd)\b/i },
  { id: 'credential-access', mitre: 'T1555', pattern: /\bcmdkey(?:\.exe)?\s+\/list\b|\bappcmd(?:\.exe)?\s+list\s+apppool\s+\/(?:@t(?:ext)?:\*|text:\*|config)|\\NetworkProvider\\Order\b|\bvaultcmd\b[^\n]{0,20}\/list/i },

  // discovery (tolerated on the benign set: admins do this daily)
  { id: 'discovery', mitre: 'T1087', pattern: /\b(?:Invoke-BloodHound|SharpHound|Invoke-UserHunter|PowerView|SOAPHound|ADRecon|LinEnum|linpeas|Get-NetUser|Get-DomainUser)\b/i },
  { id: 'discovery', mitre: 'T1087', pattern: /\bcat\s+\/etc\/passwd\b|\bgetent\s+passwd\b/i },

  // miners
  { id: 'crypto-miner', mitre: 'T1496', pattern: /\b(?:xmrig|xmr-stak|minerd|cpuminer|cgminer|bfgminer|ethminer|nbminer|lolminer|phoenixminer|t-rex|nanominer|teamredminer|srbminer)\b|\bstratum\+(?:tcp|ssl|tls):\/\/\S+|--donate-level\b|\b(?:coinhive|nicehash|minexmr|supportxmr|moneroocean|nanopool|2miners)\b/i },

  // LOLBin URLs not in an argument of their own
  { id: 'lolbin-download', mitre: 'T1105', pattern: /\bms-appinstaller:\/?\/?\?source=(?:https?|ftp):\/\/\S+/i },
];
