/** `triage-bot normalize <file>` through the real CLI entry (main) with captured output. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main, type CliIo } from '../../../src/cli/main';

const demo = path.join(__dirname, '../../../demo/alerts');
const shared = path.join(__dirname, '../../fixtures/defender');
const tmp = mkdtempSync(path.join(tmpdir(), 'normalize-cli-'));

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: {} };
  const code = await main(['normalize', ...args], io);
  return { code, stdout, stderr };
}

function tmpFile(name: string, content: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, content);
  return file;
}

describe('triage-bot normalize', () => {
  it('prints one alert file as one pretty JSON object', async () => {
    const { code, stdout, stderr } = await run(path.join(demo, 'flagship-2-suspicious-powershell.export.json'));
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/^\{\n {2}"systemAlertId": "2516066414359999999_c3a9e1d4/);
    expect(JSON.parse(stdout)).toMatchObject({ displayName: 'Suspicious PowerShell command line', shape: 'export' });
  });

  it('prints a list response (here Microsoft\'s published example) as a JSON array, one item per alert', async () => {
    const { code, stdout } = await run(path.join(shared, 'rest-2022-01-01-list-subscription.json'));
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as Array<{ alertType: string }>).map((a) => a.alertType)).toEqual(['VM_EICAR', 'VM_SuspiciousScreenSaver']);
  });

  it('prints a JSON array for an array, even of one alert', async () => {
    const file = tmpFile('one.json', JSON.stringify([{ SystemAlertId: 'a', StartTimeUtc: '2026-11-26T02:16:04Z' }]));
    const { code, stdout } = await run(file);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([expect.objectContaining({ systemAlertId: 'a' })]);
  });

  it.each([
    ['a missing file', () => path.join(tmp, 'missing.json'), /^triage-bot normalize: cannot read .*missing\.json: ENOENT/],
    // The whole reason, naming the file: V8's own message quotes only the first ten characters.
    ['a file that is not JSON', () => tmpFile('bad.json', 'hello, this is not json at all\n\n'), /^triage-bot normalize: .*bad\.json: not valid JSON \(unexpected "h"; it starts with "hello, this is not json at all"\); an alert file holds JSON: one alert object, an array of them, or a list response \{"value": \[\.\.\.\]\}$/],
    ['an empty file', () => tmpFile('empty.json', ''), /^triage-bot normalize: .*empty\.json: not valid JSON \(the file is empty\)/],
    ['{}', () => tmpFile('braces.json', '{}'), /^triage-bot normalize: .*braces\.json: not a Defender alert: no systemAlertId\/SystemAlertId\/name found$/],
    ['JSON that is not an alert', () => tmpFile('pkg.json', '{"name":"x","version":"1"}'), /^triage-bot normalize: .*pkg\.json: not a Defender alert: no systemAlertId\/SystemAlertId\/name found$/],
    ['a list with one bad item', () => tmpFile('list.json', '{"value":[{"SystemAlertId":"a","StartTimeUtc":"2026-11-26T02:16:04Z"},42]}'), /^triage-bot normalize: .*list\.json: item 2: not a Defender alert: expected a JSON object, got a number$/],
  ])('%s: exit 2, one line on stderr, no stack trace, nothing on stdout', async (_what, file, message) => {
    const { code, stdout, stderr } = await run(file());
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(message);
    expect(stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('without a file: usage on stderr, exit 2', async () => {
    expect(await run()).toEqual({ code: 2, stdout: '', stderr: 'usage: triage-bot normalize <alert.json>\n' });
  });
});
