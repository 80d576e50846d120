/**
 * Teams end to end through Microsoft's own local Teams client: `buildApp` with anonymous Teams and
 * no workspace (the README's Teams demo), the Microsoft 365 Agents Playground (`@microsoft/
 * m365agentsplayground`, offline) as the client, driven in Debian's Chromium. The alert cards appear
 * in a team channel, Who? answers in the alert's thread from the demo workspace (labelled), a vote
 * refreshes the card, and `investigate web-vm-01 2h` typed in personal chat tells the flagship story.
 *
 * The Playground reads `.m365agentsplayground.yml` from its working directory (the team channel's
 * id is set there) and takes its web port with `-p`; each run gets free ports, a fresh database and
 * a fresh Playground (its history lives in the page, so the test uses one page throughout).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { BUNDLED_DEMO_DIR } from '../../src/adapters/local/replay-alert-source';
import { silentLogger } from '../../src/app/deps';
import { buildApp, type BuiltApp } from '../../src/composition-root';
import { loadConfig } from '../../src/config/load-config';
import { freePort } from '../helpers/free-port';
import { CHROMIUM_ARGS } from './chromium';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../..');
const CHANNEL = '19:soc-alerts@thread.tacv2';
const PLAYGROUND_CLI = require.resolve('@microsoft/m365agentsplayground/cli.js');

async function startPlayground(botPort: number, port: number): Promise<ChildProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-'));
  fs.copyFileSync(path.join(ROOT, 'test/fixtures/agents-playground/.m365agentsplayground.yml'), path.join(dir, '.m365agentsplayground.yml'));
  const child = spawn(process.execPath, [PLAYGROUND_CLI, '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', String(port), '--dt'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the Agents Playground did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(`Listening on ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`the Agents Playground exited (${code}): ${out}`)));
  });
  return child;
}

/** One channel post (the card and its thread) whose text includes `text`. */
function post(page: Page, text: string): Locator {
  return page.locator('.fui-Card').filter({ has: page.getByText(text) }).first();
}

describe('Teams in the Microsoft 365 Agents Playground', () => {
  let app: BuiltApp;
  let playground: ChildProcess | undefined;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-teams-'));
    const botPort = await freePort();
    const config = loadConfig({
      DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`,
      PORT: String(botPort),
      TEAMS_ALLOW_ANONYMOUS: 'true',
      // Connected mode: an empty roster lets nobody vote (issue 17); the README's Playground block lets everyone.
      TRIAGE_ANALYSTS: '*',
      TEAMS_ALERT_CHANNEL: CHANNEL,
      ALERT_REPLAY_DIR: BUNDLED_DEMO_DIR,
    });
    app = await buildApp(config, { logger: silentLogger });
    await app.start();
    const port = await freePort();
    playground = await startPlayground(botPort, port);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    await page.goto(`http://127.0.0.1:${port}/`);
  });

  afterAll(async () => {
    await browser?.close();
    playground?.kill();
    await app?.stop();
  });

  it('posts the alert cards in the team channel once the channel speaks to the bot', async () => {
    await page.getByText('General').first().click();
    for (const title of ['Successful RDP brute force attack', 'Suspicious PowerShell command line']) await post(page, title).waitFor({ timeout: 30_000 });
    expect(await post(page, 'Suspicious PowerShell command line').innerText()).toContain('No Entra ID identity');
  });

  it('Who? is clicked and its answer, from the labelled demo workspace, appears in the alert’s thread', async () => {
    const card = post(page, 'Suspicious PowerShell command line');
    await card.getByRole('button', { name: 'Who?' }).first().click();
    await card.getByText(/logged on by RDP from 198\.51\.100\.23/).first().waitFor({ timeout: 30_000 });
    const text = await card.innerText();
    expect(text).toMatch(/svc-backup \(local account\) logged on by RDP from 198\.51\.100\.23 at \d\d:\d\d, 3 min before, after 40 failed logons/);
    expect(text).toContain('powershell.exe connected out to 203.0.113.45:80');
    expect(text).toContain('DEMO DATA');
    expect(text).not.toContain('Log Analytics is not configured');
  });

  it('a vote refreshes the card in place', async () => {
    const card = post(page, 'Successful RDP brute force attack');
    await card.getByRole('button', { name: 'True positive' }).first().click();
    await card.getByText(/Alex Wilber → True positive/).first().waitFor({ timeout: 30_000 });
    expect(await card.innerText()).toMatch(/True positive: 1/);
  });

  it('investigate web-vm-01 2h, typed in personal chat, tells the flagship story', async () => {
    await page.getByText('Personal Chat').first().click();
    await page.locator('[contenteditable=true][role=textbox]').last().click();
    await page.keyboard.type('investigate web-vm-01 2h');
    await page.keyboard.press('Enter');
    await page.getByText(/logged on by RDP from 198\.51\.100\.23/).first().waitFor({ timeout: 30_000 });
    await page.getByText(/Correlate — web-vm-01/).first().waitFor({ timeout: 30_000 });
    expect(await page.locator('body').innerText()).toContain('powershell.exe connected out to 203.0.113.45:80');
  });
});
