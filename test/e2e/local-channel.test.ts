/**
 * End to end in a real browser: `buildApp` in local mode (temp SQLite, temp ALERT_REPLAY_DIR with
 * the flagship demo alerts and a hostile one), Debian's Chromium driven by playwright-core.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { BUNDLED_DEMO_DIR } from '../../src/adapters/local/replay-alert-source';
import { buildApp, type BuiltApp } from '../../src/composition-root';
import { silentLogger } from '../../src/app/deps';
import { loadConfig } from '../../src/config/load-config';
import { freePort } from '../helpers/free-port';
import { CHROMIUM_ARGS } from './chromium';

jest.setTimeout(120_000);


const HOSTILE_NAME = 'Hostile <img src=x onerror="window.__xss=1"> alert';
const HOSTILE_DESCRIPTION = '<script>window.__xss=2</script> [click me](javascript:window.__xss=3) ${alert.description}';

/** The flagship brute-force alert, re-identified, with markup in its name and description. */
function hostileAlert(): object {
  const alert = JSON.parse(fs.readFileSync(path.join(BUNDLED_DEMO_DIR, 'flagship-1-rdp-brute-force.arm-2022-01-01.json'), 'utf8'));
  const id = '2516066415500000000_hostile-0000-4000-8000-000000000001';
  alert.name = id;
  alert.id = alert.id.replace(/[^/]+$/, id);
  alert.properties.systemAlertId = id;
  alert.properties.alertDisplayName = HOSTILE_NAME;
  alert.properties.description = HOSTILE_DESCRIPTION;
  // Another alert type: the same type on the same VM within the storm window would (rightly) join the
  // flagship card's thread as a storm member instead of getting a card of its own.
  alert.properties.alertType = 'VM_HostileMarkupTest';
  alert.properties.startTimeUtc = '2026-11-26T01:00:00.0000000Z';
  alert.properties.endTimeUtc = '2026-11-26T01:00:00.0000000Z';
  return alert;
}


/** The root message (article: card + thread) whose card itself, not its thread, shows `text`. */
function cardWith(page: Page, text: string): Locator {
  return page.locator('article.message').filter({ has: page.locator('div.card').filter({ hasText: text }) }).first();
}

describe('local channel in headless Chromium', () => {
  let app: BuiltApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-local-'));
    const replay = path.join(dir, 'alerts');
    fs.mkdirSync(replay);
    for (const file of fs.readdirSync(BUNDLED_DEMO_DIR).filter((f) => f.startsWith('flagship-'))) {
      fs.copyFileSync(path.join(BUNDLED_DEMO_DIR, file), path.join(replay, file));
    }
    fs.writeFileSync(path.join(replay, 'hostile.json'), JSON.stringify(hostileAlert()));
    const config = loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`, ALERT_REPLAY_DIR: replay, PORT: String(await freePort()) });
    app = await buildApp(config, { logger: silentLogger });
    const { url } = await app.start();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(url);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the demo alert cards, rendered by the Adaptive Cards renderer', async () => {
    const card = cardWith(page, 'web-vm-01');
    await card.waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.ac-adaptiveCard').first().waitFor();
    await expect(page.locator('article.message').count()).resolves.toBeGreaterThanOrEqual(3);
    const text = await page.locator('#messages').innerText();
    expect(text).toContain('Suspicious PowerShell');
    expect(text).toContain('svc-backup');
    expect(await page.locator('.warning').innerText()).toContain('No authentication');
  });

  it('shows markup in alert text literally and runs none of it', async () => {
    const hostile = cardWith(page, 'Hostile');
    await hostile.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await hostile.innerText();
    expect(text).toContain('<img src=x onerror="window.__xss=1">');
    expect(text).toContain('<script>window.__xss=2</script>');
    expect(text).toContain('${alert.description}');
    expect(await hostile.locator('img[src="x"], script, a[href^="javascript"]').count()).toBe(0);
    await hostile.hover();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(pageErrors).toEqual([]);
  });

  it('a click on Who? is acknowledged at once and its answer appears in the thread', async () => {
    const card = cardWith(page, 'Suspicious PowerShell');
    await card.getByRole('button', { name: /Who\?/ }).first().click();
    const thread = card.locator('section.thread');
    // The clicker's own acknowledgment, then the result the background work posts for everyone.
    await thread.locator('.reply.ephemeral').first().waitFor({ timeout: 20_000 });
    expect(await thread.locator('.reply.ephemeral').first().innerText()).toMatch(/running/i);
    const answer = thread.locator('.reply:not(.ephemeral)').first();
    await answer.waitFor({ timeout: 30_000 });
    // DESIGN.md's flagship story, from the demo workspace: the local account's RDP logon from outside.
    const text = await answer.innerText();
    expect(text).toContain('svc-backup');
    expect(text).toContain('198.51.100.23');
    expect(text).toMatch(/RDP/);
    expect(pageErrors).toEqual([]);
  });

  it('a vote updates the alert card in place (tally) and is announced in the thread', async () => {
    const card = cardWith(page, 'Successful RDP brute force');
    expect(await card.locator('.card').innerText()).not.toContain('alice');
    await page.fill('#user', 'alice');
    await page.press('#user', 'Tab');
    await card.getByRole('button', { name: 'True positive' }).first().click();
    // The same card element is re-rendered in place with the tally naming the voter.
    await card.locator('.card').filter({ hasText: 'alice' }).waitFor({ timeout: 20_000 });
    const after = await card.locator('.card').innerText();
    expect(after).toContain('alice');
    expect(after).toMatch(/true positive/i);
    await card.locator('section.thread .reply:not(.ephemeral)').filter({ hasText: 'alice' }).first().waitFor({ timeout: 20_000 });
  });

  it('a vote carries the severity picked on the card (the renderer merges inputs into the action data)', async () => {
    // Matched by its title: the RDP card's Findings line names this alert as related.
    const card = page
      .locator('article.message')
      .filter({ has: page.locator('div.card .ac-textBlock').first().filter({ hasText: 'Suspicious PowerShell' }) })
      .first();
    await page.fill('#user', 'bob');
    await page.press('#user', 'Tab');
    const severity = card.locator('select').first();
    expect(await severity.inputValue()).toBe('Medium');
    await severity.selectOption('Low');
    await card.getByRole('button', { name: 'True positive' }).first().click();
    const thread = card.locator('section.thread');
    await thread.getByText(/bob voted True positive \/ Low/i).first().waitFor({ timeout: 20_000 });
    // The card updates in place: the tally names the vote with its severity.
    await card.locator('.card').getByText(/bob → True positive \(Low\)/).first().waitFor({ timeout: 20_000 });
    expect(pageErrors).toEqual([]);
  });

  it('the command box answers "help" with the command list', async () => {
    await page.fill('#command-text', 'help');
    await page.press('#command-text', 'Enter');
    const answer = page.locator('#answers .reply').first();
    await answer.waitFor({ timeout: 10_000 });
    expect(await answer.innerText()).toMatch(/investigate/);
  });
});
