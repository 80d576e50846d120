/**
 * The local channel page with more history than one snapshot: it shows the newest threads, oldest
 * first as a chat channel does, says how many replies it leaves out, and "Show older alerts" brings
 * the rest in above, in order; private answers stay beside what they answer, whichever page it is on.
 * Real page (public/app.js, the official renderer) in Debian's Chromium, against mountWebChannel.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderAdaptiveCard } from '../../src/adapters/cards/render-adaptive-card';
import { createHttpHost, type HttpHost } from '../../src/adapters/http/http-host';
import { WebChannel } from '../../src/adapters/web/web-channel';
import { mountWebChannel } from '../../src/adapters/web/web-routes';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

jest.setTimeout(120_000);

describe('local channel page: history a page at a time', () => {
  let host: HttpHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const channel = new WebChannel({ render: renderAdaptiveCard });
    const roots = [];
    for (let i = 0; i < 45; i++) roots.push(await channel.post('alerts', { kind: 'notice', tone: 'info', text: `Alert number ${i}` }, { alertId: `a${i}` }));
    for (let i = 0; i < 25; i++) await channel.reply(roots[44]!, { kind: 'notice', tone: 'info', text: `Member ${i}` }, { alertId: `m${i}`, role: 'storm-member' });
    // Private answers: to a click on an old card (its thread is not in the first page), to a typed
    // command, and someone else's in the newest thread (never shown here; it pushes no reply out).
    channel.addPrivate({ channelId: 'alerts', threadId: roots[5]!.messageId }, 'analyst', { kind: 'notice', tone: 'info', text: 'Private answer about alert 5' });
    channel.addPrivate({ channelId: 'alerts' }, 'analyst', { kind: 'notice', tone: 'info', text: 'Private answer to triage' }, 'triage');
    channel.addPrivate({ channelId: 'alerts', threadId: roots[44]!.messageId }, 'someone-else', { kind: 'notice', tone: 'info', text: 'Not yours' });
    host = createHttpHost();
    mountWebChannel(host.app, channel, { handle: async () => ({ followUp: Promise.resolve() }), logWarn: () => {} });
    const { port } = await host.listen(0, '127.0.0.1');
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  const shownAlerts = () => page.locator('article.message > .card').allInnerTexts();

  it('shows the 30 newest threads, oldest first, and how many replies of a thread it leaves out', async () => {
    await page.getByRole('button', { name: /Show older alerts \(15 more threads\)/ }).waitFor({ timeout: 60_000 });
    const cards = await shownAlerts();
    expect(cards).toHaveLength(30);
    expect(cards[0]).toContain('Alert number 15');
    expect(cards[29]).toContain('Alert number 44');
    await expect(page.locator('.thread .reply:not(.ephemeral)').count()).resolves.toBe(20);
    await expect(page.locator('.thread').last().innerText()).resolves.toContain('5 earlier replies in this thread are not shown here');
    // The answer to the typed command is with the command; nobody else's answer is shown.
    await expect(page.locator('#answers').innerText()).resolves.toMatch(/triage[\s\S]*Private answer to triage/);
    await expect(page.getByText('Not yours').count()).resolves.toBe(0);
  });

  it('"Show older alerts" adds the older threads above, in order, with their private answers, and goes away at the first alert', async () => {
    // The button is above the oldest thread shown.
    await expect(page.locator('#messages > :first-child').innerText()).resolves.toMatch(/Show older alerts/);
    await page.getByRole('button', { name: /Show older alerts/ }).click();
    await page.locator('article.message').nth(44).waitFor();
    const cards = await shownAlerts();
    expect(cards).toHaveLength(45);
    expect(cards.map((c) => Number(/Alert number (\d+)/.exec(c)?.[1]))).toEqual(Array.from({ length: 45 }, (_, k) => k));
    await expect(page.locator('article.message').nth(5).locator('.thread').innerText()).resolves.toContain('Private answer about alert 5');
    await expect(page.getByRole('button', { name: /Show older alerts/ }).count()).resolves.toBe(0);
  });

  it('keeps private answers across a reload until dismissed', async () => {
    await page.reload();
    await page.getByText('Private answer to triage').waitFor({ timeout: 60_000 });
    await page.locator('#answers').getByRole('button', { name: 'Dismiss' }).click();
    await page.getByText('Private answer to triage').waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('button', { name: /Show older alerts/ }).waitFor({ timeout: 60_000 });
    await expect(page.getByText('Private answer to triage').count()).resolves.toBe(0);
  });
});
