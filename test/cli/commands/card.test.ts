/** `triage-bot card <file> --platform teams|slack` through the real CLI entry (main). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main, type CliIo } from '../../../src/cli/main';
import { checkBlockKitLimits, checkTeamsCardLimits } from '../../../src/adapters/cards/limits';
import { adaptiveCardSchemaErrors } from '../../helpers/adaptive-card-schema';

const demo = path.join(__dirname, '../../../demo/alerts');
const shared = path.join(__dirname, '../../fixtures/defender');
const tmp = mkdtempSync(path.join(tmpdir(), 'card-cli-'));
const flagship = path.join(demo, 'flagship-2-suspicious-powershell.export.json');

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: {} };
  const code = await main(['card', ...args], io);
  return { code, stdout, stderr };
}

describe('triage-bot card', () => {
  it('--platform teams prints the Adaptive Card object of one alert', async () => {
    const { code, stdout, stderr } = await run(flagship, '--platform', 'teams');
    expect([code, stderr]).toEqual([0, '']);
    const card = JSON.parse(stdout) as { type: string; version: string };
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', msteams: { width: 'Full' } });
    expect(adaptiveCardSchemaErrors(card)).toEqual([]);
    expect(checkTeamsCardLimits(card)).toEqual([]);
    expect(stdout).toContain('No Entra ID identity');
  });

  it('--platform slack prints {"text", "blocks"} within the Block Kit limits', async () => {
    const { code, stdout } = await run('--platform=slack', flagship);
    expect(code).toBe(0);
    const msg = JSON.parse(stdout) as { text: string; blocks: { type: string }[] };
    expect(Object.keys(msg)).toEqual(['text', 'blocks']);
    expect(msg.text).toBe('Medium alert: Suspicious PowerShell command line on web-vm-01');
    expect(checkBlockKitLimits(msg)).toEqual([]);
  });

  it('prints a JSON array, one card per alert, for a file holding several alerts', async () => {
    const { code, stdout } = await run(path.join(shared, 'rest-2022-01-01-list-subscription.json'), '--platform', 'slack');
    expect(code).toBe(0);
    const msgs = JSON.parse(stdout) as { text: string }[];
    expect(msgs.map((m) => m.text)).toEqual([
      'High alert: Azure Security Center test alert (not a threat) on vm1',
      expect.stringMatching(/^Medium alert: /),
    ]);
  });

  it.each([
    ['an unknown platform', ['--platform', 'irc', flagship], /^triage-bot card: unknown platform "irc": use teams or slack$/],
    ['no file', ['--platform', 'teams'], /^triage-bot card: expected one alert file, got 0 \(usage: /],
    ['a missing file', [path.join(tmp, 'missing.json')], /^triage-bot card: cannot read .*missing\.json: ENOENT/],
    ['JSON that is not an alert', [writeTmp('pkg.json', '{"name":"x","version":"1"}')], /^triage-bot card: .*pkg\.json: not a Defender alert: /],
    ['a file that is not JSON', [writeTmp('bad.json', '{ nope')], /^triage-bot card: .*bad\.json: not valid JSON \(/],
  ])('%s: exit 2, one line on stderr, nothing on stdout', async (_what, args, message) => {
    const { code, stdout, stderr } = await run(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(message);
  });
});

function writeTmp(name: string, content: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, content);
  return file;
}
