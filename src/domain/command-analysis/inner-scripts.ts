/**
 * The scripts a command hands to another interpreter — `cmd /c X`, `powershell -c X` or `-enc X`,
 * `sh -c X`, `python -c X`, `php -r X`, `perl -e X`, `wmic process call create X`, `schtasks /tr X`,
 * `forfiles /c X`, an inline `mshta vbscript:`/`rundll32 javascript:` body, SyncAppvPublishingServer's
 * PowerShell — each to be analysed in its own language, one layer deeper.
 */
import type { ProgramCall } from './command-rules';
import type { Command, Word } from './lexer';
import type { Shell } from './layer-types';
import { resolveParameter, TAKES_VALUE } from './powershell-params';

export interface InnerScript {
  shell: Shell;
  text: string;
  /** An -EncodedCommand payload (decoded by the caller). */
  encoded?: boolean;
}

export function innerScripts(call: ProgramCall, source: string, command: Command): InnerScript[] {
  const a = call.args;
  /** From argument `from` on: one argument is its own text; several are the source as written. */
  const rest = (from: number): string => (from >= a.length ? '' : a.length - from === 1 ? a[from]!.text : source.slice(a[from]!.start, command.end));
  const after = (re: RegExp): number => a.findIndex((w) => re.test(w.text));
  const one = (shell: Shell, text: string | undefined): InnerScript[] => (text?.trim() ? [{ shell, text }] : []);
  switch (call.program) {
    case 'cmd': {
      const i = after(/^\/[ckr]$/i);
      if (i >= 0) return one('cmd', rest(i + 1));
      const glued = a.find((w) => /^\/[ckr]./i.test(w.text));
      return one('cmd', glued?.text.slice(2));
    }
    case 'powershell':
    case 'pwsh':
      return powershellScripts(a, rest);
    case 'sh':
    case 'bash':
    case 'dash':
    case 'zsh':
    case 'ksh':
    case 'ash':
    case 'wsl': {
      const i = after(/^-[a-z]*c[a-z]*$/);
      return i >= 0 ? one('sh', rest(i + 1)) : call.program === 'wsl' ? one('sh', rest(0)) : [];
    }
    case 'python':
    case 'python2':
    case 'python3':
    case 'py':
      return after(/^-c$/) >= 0 ? one('python', rest(after(/^-c$/) + 1)) : [];
    case 'php':
      return after(/^-r$/) >= 0 ? one('php', rest(after(/^-r$/) + 1)) : [];
    case 'perl':
    case 'ruby':
    case 'node':
      return after(/^-[eE]$/) >= 0 ? one('script', rest(after(/^-[eE]$/) + 1)) : [];
    case 'wmic': {
      const i = after(/^create$/i);
      return i > 0 && /^call$/i.test(a[i - 1]!.text) ? one('cmd', rest(i + 1)) : [];
    }
    case 'schtasks':
      return one('cmd', a[after(/^[-/]tr$/i) + 1]?.text);
    case 'forfiles':
      return one('cmd', a[after(/^[-/]c$/i) + 1]?.text);
    case 'mshta':
    case 'rundll32': {
      const i = after(/^(?:vbscript|javascript|about):/i);
      return i >= 0 ? one('script', inlineScript(source.slice(a[i]!.start, command.end))) : [];
    }
    case 'syncappvpublishingserver':
      return one('powershell', rest(0).replace(/^\s*["']?n;/i, ''));
    case 'msdt':
      return a.some((w) => w.text.includes('$(')) ? one('powershell', rest(0)) : [];
    default:
      return [];
  }
}

/** An HTA/JScript body as cmd passes it: `""` is a quote, `%20` a space. */
function inlineScript(raw: string): string {
  return raw.replace(/%([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/""/g, '"');
}

/** -EncodedCommand's payload, -Command's script, or the first bare argument (powershell "IEX …"). */
function powershellScripts(a: Word[], rest: (from: number) => string): InnerScript[] {
  for (let i = 0; i < a.length; i++) {
    const token = a[i]!.text;
    const name = resolveParameter(token);
    if (!name) return [{ shell: 'powershell', text: rest(i) }];
    const inline = /:(.+)$/.exec(token)?.[1];
    if (name === 'EncodedCommand') {
      const value = inline ?? a[i + 1]?.text;
      return value ? [{ shell: 'powershell', text: value, encoded: true }] : [];
    }
    if (name === 'Command') return rest(i + 1).trim() ? [{ shell: 'powershell', text: rest(i + 1) }] : [];
    if (name === 'File') return [];
    if (TAKES_VALUE.has(name) && inline === undefined) i++;
  }
  return [];
}
