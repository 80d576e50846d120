/**
 * Defender times are UTC. A zoneless time must not be read as the machine's local time, so this runs
 * the parser in a child process whose TZ is New York (jest's own process may well be on UTC, where
 * the mistake would not show).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const repo = path.join(__dirname, '../../..');

function parseIn(timeZone: string, inputs: unknown[]): unknown[] {
  const script = `const { toIsoUtc } = require('./src/domain/normalize/times.ts');
    process.stdout.write(JSON.stringify(${JSON.stringify(inputs)}.map(toIsoUtc)));`;
  const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: repo, env: { ...process.env, TZ: timeZone } });
  return JSON.parse(out.toString()) as unknown[];
}

describe('toIsoUtc', () => {
  it('reads zoneless and space-separated times as UTC whatever the local time zone', () => {
    const inputs = ['2026-11-26T02:16:04', '2026-11-26 02:16:04', '2026-11-26T02:16:04.0000000Z', '2026-11-26T03:16:04+01:00', 'soon', 12];
    const expected = ['2026-11-26T02:16:04.000Z', '2026-11-26T02:16:04.000Z', '2026-11-26T02:16:04.000Z', '2026-11-26T02:16:04.000Z', null, null];
    expect(parseIn('America/New_York', inputs)).toEqual(expected);
    expect(parseIn('Asia/Kolkata', inputs)).toEqual(expected);
  });
});
