/**
 * A newcomer following the README in local mode, in a real browser: `buildApp` as `npm start` builds
 * it (bundled demo, moved to minutes ago), every command of the README's local-channel example block
 * typed in the command box, each answer telling part of the flagship story. Also: the Who? answer
 * fits in one screen before its toggle is opened; private answers sit next to what they answer, are
 * dismissible and survive a reload; a late vote is told plainly and counted nowhere; Reopen.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { silentLogger } from '../../src/app/deps';
import { buildApp, type BuiltApp } from '../../src/composition-root';
import { loadConfig } from '../../src/config/load-config';
import { freePort } from '../helpers/free-port';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

jest.setTimeout(180_000);

const README = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

/** The lines of the README's block marked `<!-- local-channel-examples -->`. */
function readmeExamples(): string[] {
  const after = README.split('<!-- local-channel-examples -->')[1];
  if (!after) throw new Error('README.md has no <!-- local-channel-examples --> block');
  const block = /```text\n([\s\S]*?)\n\s*```/.exec(after)?.[1] ?? '';
  return block.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** What each README command must show: part of the flagship story. */
const STORY: { match: RegExp; expect: RegExp[] }[] = [
  { match: /^investigate web-vm-01 /, expect: [/svc-backup \(local account\) logged on by RDP from 198\.51\.100\.23/, /powershell\.exe connected out to 203\.0\.113\.45:80/, /Successful RDP brute force attack/] },
  { match: /^investigate svc-backup /, expect: [/svc-backup \(local account\) logged on by RDP from 198\.51\.100\.23/] },
  { match: /^investigate 198\.51\.100\.23 /, expect: [/198\.51\.100\.23: known IOC/, /40 failed logons/] },
  { match: /^triage$/, expect: [/Suspicious PowerShell command line/, /web-vm-01/] },
  { match: /^handoff note /, expect: [/Note saved/] },
  { match: /^handoff$/, expect: [/Shift handoff/, /reset svc-backup's password on web-vm-01/] },
  { match: /^help$/, expect: [/investigate/, /triage/] },
];

function rootWith(page: Page, text: string | RegExp): Locator {
  return page.locator('article.message').filter({ has: page.locator('div.card').filter({ has: page.locator('.ac-textBlock').first().filter({ hasText: text }) }) });
}

describe('the README in local mode, in headless Chromium', () => {
  let app: BuiltApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-readme-'));
    app = await buildApp(loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`, PORT: String(await freePort()) }), { logger: silentLogger });
    const { url } = await app.start();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1100, height: 1200 } });
    await page.goto(url);
    await rootWith(page, 'Suspicious PowerShell command line').first().waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the flagship story first', async () => {
    const titles = await page.locator('article.message div.card').evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.split('\n')[0]));
    expect(titles[0]).toMatch(/Successful RDP brute force attack/);
    expect(titles[1]).toMatch(/Suspicious PowerShell command line/);
  });

  it('every command of the README block tells part of the flagship story', async () => {
    const examples = readmeExamples();
    expect(examples.length).toBeGreaterThanOrEqual(5);
    for (const command of examples) {
      const story = STORY.find((s) => s.match.test(command));
      if (!story) throw new Error(`README example "${command}" has no expectation in this test`);
      await page.fill('#user', 'alice');
      await page.press('#user', 'Tab');
      await page.fill('#command-text', command);
      await page.press('#command-text', 'Enter');
      for (const expected of story.expect) {
        await page.locator('#answers, #messages').getByText(expected).first().waitFor({ timeout: 30_000 }).catch(() => {
          throw new Error(`"${command}": nothing on the page matches ${expected}`);
        });
      }
    }
  });

  it('the Who? answer fits in one screen (≤ 1,200 px at the page’s width) before its toggle is opened', async () => {
    const card = rootWith(page, 'Suspicious PowerShell command line').first();
    await card.getByRole('button', { name: 'Who?' }).first().click();
    const answer = card.locator('section.thread .reply:not(.ephemeral)').filter({ hasText: 'Who? —' }).first();
    await answer.waitFor({ timeout: 30_000 });
    const closed = (await answer.boundingBox())!.height;
    expect(closed).toBeLessThanOrEqual(1200);
    expect(await answer.innerText()).not.toContain('// logons'); // the KQL is behind the toggle (the sources list names the tables)
    expect(await answer.innerText()).not.toMatch(/LogonAcc\s+ount/);
    await answer.getByRole('button', { name: /^Details:/ }).click();
    await answer.getByText('// logons', { exact: false }).first().waitFor({ timeout: 10_000 });
    expect((await answer.boundingBox())!.height).toBeGreaterThan(closed);
  });

  it('a private answer sits in the thread it answers, survives a reload and can be dismissed', async () => {
    const card = rootWith(page, 'Successful RDP brute force attack').first();
    await card.getByRole('button', { name: 'Correlate' }).first().click();
    const ack = card.locator('section.thread .reply.ephemeral').filter({ hasText: 'Correlate running' }).first();
    await ack.waitFor({ timeout: 20_000 });
    await page.reload();
    const again = rootWith(page, 'Successful RDP brute force attack').first().locator('section.thread .reply.ephemeral').filter({ hasText: 'Correlate running' }).first();
    await again.waitFor({ timeout: 20_000 });
    await again.getByRole('button', { name: 'Dismiss' }).click();
    await again.waitFor({ state: 'detached', timeout: 10_000 });
    await page.reload();
    await rootWith(page, 'Successful RDP brute force attack').first().waitFor();
    expect(await rootWith(page, 'Successful RDP brute force attack').first().locator('.reply.ephemeral').filter({ hasText: 'Correlate running' }).count()).toBe(0);
  });

  it('after a decision the vote buttons become Reopen; a late vote is told plainly; Reopen opens the vote again', async () => {
    const message = rootWith(page, 'Suspicious PowerShell command line').first();
    const card = message.locator('div.card');
    for (const voter of ['alice', 'bob']) {
      await page.fill('#user', voter);
      await page.press('#user', 'Tab');
      await message.locator('div.card').getByRole('button', { name: 'True positive' }).first().click();
      await card.getByText(`${voter} → True positive`).first().waitFor({ timeout: 20_000 });
    }
    await card.getByText(/decided by alice, bob/).first().waitFor({ timeout: 20_000 });
    expect(await card.getByRole('button', { name: 'True positive' }).count()).toBe(0);
    await card.getByText(/Voting is closed; anyone can reopen it/).first().waitFor();
    await page.fill('#user', 'carol');
    await page.press('#user', 'Tab');
    await card.getByRole('button', { name: /Reopen/ }).click();
    await card.getByRole('button', { name: 'False positive' }).first().waitFor({ timeout: 20_000 });
    expect(await card.innerText()).not.toContain('decided by');
    await message.locator('section.thread').getByText(/@carol reopened the decision/).first().waitFor({ timeout: 20_000 });
  });
});
