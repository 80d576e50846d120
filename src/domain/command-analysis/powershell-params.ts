/**
 * powershell.exe accepts any unambiguous prefix of a parameter name, a few documented aliases
 * (-ep, -ec), `/` as well as `-`, and dash look-alikes (en dash, em dash) — all used to evade
 * signatures that look for "-ExecutionPolicy". This resolves a switch to its full name.
 */
interface ParamSpec {
  name: string;
  /** The shortest prefix powershell.exe resolves to this parameter. */
  minPrefix: string;
  aliases?: string[];
}

const PARAMS: ParamSpec[] = [
  { name: 'ExecutionPolicy', minPrefix: 'ex', aliases: ['ep'] },
  { name: 'EncodedCommand', minPrefix: 'e', aliases: ['ec'] },
  { name: 'EncodedArguments', minPrefix: 'encodeda', aliases: ['ea'] },
  { name: 'WindowStyle', minPrefix: 'w' },
  { name: 'NoProfile', minPrefix: 'nop' },
  { name: 'NonInteractive', minPrefix: 'noni' },
  { name: 'NoLogo', minPrefix: 'nol' },
  { name: 'NoExit', minPrefix: 'noe' },
  { name: 'Command', minPrefix: 'c' },
  { name: 'ConfigurationName', minPrefix: 'config' },
  { name: 'File', minPrefix: 'f' },
  { name: 'InputFormat', minPrefix: 'i' },
  { name: 'OutputFormat', minPrefix: 'o' },
  { name: 'Version', minPrefix: 'v' },
  { name: 'Sta', minPrefix: 'sta' },
  { name: 'Mta', minPrefix: 'mta' },
];

/** Parameters that take a value (the next token). */
export const TAKES_VALUE = new Set(['ExecutionPolicy', 'EncodedCommand', 'EncodedArguments', 'WindowStyle', 'ConfigurationName', 'InputFormat', 'OutputFormat', 'Version', 'File']);

const SWITCH_PREFIX = /^[-/\u2013\u2014\u2015]/;

/** The full parameter name for a token like "-ep", "/enc", "–NoP"; undefined when it is no switch. */
export function resolveParameter(token: string): string | undefined {
  if (!SWITCH_PREFIX.test(token)) return undefined;
  const t = token.slice(1).toLowerCase().replace(/:.*$/, '');
  if (!t) return undefined;
  const alias = PARAMS.find((p) => p.aliases?.includes(t));
  if (alias) return alias.name;
  // Longest minimum prefix first, so "enc" → EncodedCommand but "encodeda" → EncodedArguments.
  const matches = PARAMS.filter((p) => p.name.toLowerCase().startsWith(t) && t.startsWith(p.minPrefix)).sort(
    (a, b) => b.minPrefix.length - a.minPrefix.length,
  );
  return matches[0]?.name;
}

export function isPowerShellImage(token: string): boolean {
  const base = token.replace(/^["']|["']$/g, '').split(/[\\/]/).pop()!.toLowerCase();
  return /^(powershell|pwsh)(\.exe)?$/.test(base);
}
