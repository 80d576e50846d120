/**
 * Story 2 end to end in a real browser (headless Chromium, local mode): the key vault, storage and
 * AKS alerts of demo/alerts/story2-* as cards in their plans' vocabulary, and Who? on each answered
 * from its own plan's tables of the demo workspace, with the sources it searched.
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

jest.setTimeout(120_000);

// As in local-channel.test.ts (importing a test file would run its tests here too).
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function cardWith(page: Page, text: string): Locator {
  return page.locator('article.message').filter({ has: page.locator('div.card').filter({ hasText: text }) }).first();
}

async function whoAnswer(card: Locator): Promise<string> {
  await card.getByRole('button', { name: /Who\?/ }).first().click();
  const answer = card.locator('section.thread .reply:not(.ephemeral)').first();
  await answer.waitFor({ timeout: 30_000 });
  return answer.innerText();
}

describe('story 2 in the local channel (headless Chromium)', () => {
  let app: BuiltApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-story2-'));
    const replay = path.join(dir, 'alerts');
    fs.mkdirSync(replay);
    for (const file of fs.readdirSync(BUNDLED_DEMO_DIR).filter((f) => f.startsWith('story2-'))) fs.copyFileSync(path.join(BUNDLED_DEMO_DIR, file), path.join(replay, file));
    const config = loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`, ALERT_REPLAY_DIR: replay, PORT: String(await freePort()) });
    app = await buildApp(config, { logger: silentLogger });
    const { url } = await app.start();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1100, height: 1600 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(url);
    await cardWith(page, 'Privileged container detected').waitFor({ state: 'visible', timeout: 60_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows each card in its plan’s vocabulary: no "Host", no local-account warning', async () => {
    const kv = await cardWith(page, 'Access from a suspicious IP address to a key vault').locator('.card').innerText();
    expect(kv).toContain('Key vault');
    expect(kv).toContain('kv-prod-payments');
    expect(kv).toContain('Entra ID service principal');
    expect(kv).toContain('Anonymizing VPN exit node');
    const storage = await cardWith(page, 'stprodinvoices01').locator('.card').innerText();
    expect(storage).toContain('Storage account');
    expect(storage).toContain('SAS token');
    const aks = await cardWith(page, 'Privileged container detected').locator('.card').innerText();
    expect(aks).toContain('Cluster / namespace / pod');
    expect(aks).toContain('aks-prod-01 / payments / billing-debug-5d8f7c9b6-x2kqp');
    expect(aks).toContain('debug (privileged)');
    for (const text of [kv, storage, aks]) {
      expect(text).not.toMatch(/\bHost\b/);
      expect(text).not.toContain('local account only');
    }
    expect(pageErrors).toEqual([]);
  });

  it('Who? on the key vault answers from AZKVAuditLogs and the service principal sign-ins', async () => {
    const text = await whoAnswer(cardWith(page, 'Access from a suspicious IP address to a key vault'));
    expect(text).toContain('sp-billing-sync (service principal) ran SecretList ×1, SecretGet ×1 from 198.51.100.77');
    expect(text).toContain('invoices-storage-key');
    expect(text).toContain('Sources searched');
    expect(text).toContain('AZKVAuditLogs');
    expect(text).toContain('AADServicePrincipalSignInLogs');
    expect(text).not.toContain('SecurityEvent');
  });

  it('Who? on the storage account answers from StorageBlobLogs: SAS from the same IP', async () => {
    const text = await whoAnswer(cardWith(page, 'stprodinvoices01'));
    expect(text).toContain('198.51.100.77 sent 4 requests (ListBlobs ×1, GetBlob ×3) with a SAS token signed by key1');
    expect(text).toContain('StorageBlobLogs');
    expect(text).not.toContain('SecurityEvent');
  });

  it('Who? on the AKS cluster answers from AKSAudit, and says what is not collected here', async () => {
    const text = await whoAnswer(cardWith(page, 'Privileged container detected'));
    expect(text).toContain('sp-billing-sync created pods payments/billing-debug-5d8f7c9b6-x2kqp from 198.51.100.77');
    expect(text).toContain('AKSAudit');
    expect(text).toContain('not collected here — turn on Container insights on the cluster');
    expect(text).not.toContain('SecurityEvent');
    expect(pageErrors).toEqual([]);
  });
});
