/**
 * `npm run screenshots`: starts the bot in local mode on a free port with a throw-away database and
 * the bundled demo alerts, opens the local channel in headless Chromium (Debian's, as in the tests),
 * acts on the flagship PowerShell alert as analysts would (scripts/screenshot-flows.ts), and saves
 * pictures for the README:
 *
 *   docs/images/alert-card.png      the flagship alert card
 *   docs/images/who-answer.png      the top of the Who? answer posted in its thread
 *   docs/images/local-channel.png   the top of the page
 *   docs/images/vote-tally.png      the card after two analysts voted: tally and decision
 *   docs/images/handoff.png         a handoff (`handoff note …`, then `handoff`) and its thread
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Locator, type Page } from 'playwright-core';
import { silentLogger } from '../src/app/deps';
import { buildApp } from '../src/composition-root';
import { loadConfig } from '../src/config/load-config';
import { alertMessage, postHandoff, voteAs } from './screenshot-flows';

const OUT = path.resolve(__dirname, '../docs/images');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-screenshots-'));
  const config = loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`, PORT: String(await freePort()) });
  const app = await buildApp(config, { logger: silentLogger });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const { url } = await app.start();
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 }, deviceScaleFactor: 1 });
    await page.goto(url);
    const card = alertMessage(page, 'Suspicious PowerShell');
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'local-channel.png') });
    await card.locator('.card').screenshot({ path: path.join(OUT, 'alert-card.png') });
    await card.getByRole('button', { name: /Who\?/ }).first().click();
    // The answer is posted in the thread by the background work (not the "running…" ack).
    const answer = card.locator('section.thread .reply:not(.ephemeral)').first();
    await answer.waitFor({ timeout: 30_000 });
    await shootTop(page, answer, path.join(OUT, 'who-answer.png'), 900);
    await voteAs(page, card, ['alice', 'bob'], 'True positive', 'Medium');
    await card.locator('.card').screenshot({ path: path.join(OUT, 'vote-tally.png') });
    const handoff = await postHandoff(page, 'alice', 'web-vm-01: svc-backup was brute-forced from 198.51.100.23; reset its password and check the download from 203.0.113.45.');
    await shootTop(page, handoff, path.join(OUT, 'handoff.png'), 1600);
    process.stdout.write(`saved alert-card.png, who-answer.png, local-channel.png, vote-tally.png and handoff.png in ${OUT}\n`);
  } finally {
    await browser.close();
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A picture of the top `maxHeight` pixels of an element (results can be very long). */
async function shootTop(page: Page, element: Locator, file: string, maxHeight: number): Promise<void> {
  await element.scrollIntoViewIfNeeded();
  const box = await element.boundingBox();
  if (!box) throw new Error('the element to photograph is not visible');
  const scrollY = await page.evaluate(() => window.scrollY);
  await page.screenshot({ path: file, fullPage: true, clip: { x: box.x, y: box.y + scrollY, width: box.width, height: Math.min(box.height, maxHeight) } });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`screenshots: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
