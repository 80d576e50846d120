/**
 * `triage-bot start` as a user runs it: a child process from bin/triage-bot.js, local mode, then
 * SIGTERM. And bad configuration: exit 2 with every problem named, nothing started.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { freePort } from '../helpers/free-port';

jest.setTimeout(120_000);

const BIN = path.resolve(__dirname, '../../bin/triage-bot.js');


/** The first SSE snapshot with at least `min` messages (the outbox posts right after start). */
async function snapshotWith(url: string, min: number): Promise<{ card: object }[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const controller = new AbortController();
    const res = await fetch(`${url}api/web/events`, { signal: controller.signal });
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const snapshot = JSON.parse(text.slice('data: '.length, text.indexOf('\n\n'))) as { messages: { card: object }[] };
    if (snapshot.messages.length >= min) return snapshot.messages;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`fewer than ${min} messages in the local channel`);
}

describe('triage-bot start', () => {
  it('serves the local channel with the demo alerts on loopback, says it has no authentication, and stops on SIGTERM', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'start-'));
    const port = await freePort();
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port) };
    const child = spawn(process.execPath, [BIN, 'start'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 900 && !stdout.includes('ready in'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(stderr).toBe('');
      const url = `http://127.0.0.1:${port}/`;
      expect(stdout).toContain(`local channel: ${url}`);
      expect(stdout).toContain('no authentication');
      const messages = await snapshotWith(url, 4);
      expect(JSON.stringify(messages)).toContain('web-vm-01');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    // Default data directory is ./data, relative to where it was started.
    expect(fs.existsSync(path.join(cwd, 'data', 'triage.db'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(cwd, 'data', 'web-channel.json'), 'utf8')).messages.length).toBeGreaterThanOrEqual(4);
  });

  it('reports every configuration problem at once and exits 2 without starting', async () => {
    let stderr = '';
    const code = await main(['start'], {
      stdout: () => {},
      stderr: (s) => (stderr += s),
      env: { PORT: 'eighty', SLACK_SIGNING_SECRET: 'x', DATABASE_URL: 'mysql://nope' },
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/PORT/);
    expect(stderr).toMatch(/SLACK_SIGNING_SECRET|SLACK_BOT_TOKEN/);
    expect(stderr).toMatch(/DATABASE_URL/);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses arguments with a one-line reason', async () => {
    let stderr = '';
    const code = await main(['start', '--port', '1'], { stdout: () => {}, stderr: (s) => (stderr += s), env: {} });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
