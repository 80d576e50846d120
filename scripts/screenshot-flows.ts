/**
 * The interactions `npm run screenshots` photographs, driven through the local channel page the way
 * an analyst would: the name box, the card's severity choice and buttons, and the command box.
 */
import type { Locator, Page } from 'playwright-core';

const WAIT = { timeout: 30_000 };

/** The root message (card + thread) whose card itself, not its thread, shows `text`. */
export function alertMessage(page: Page, text: string): Locator {
  return page.locator('article.message').filter({ has: page.locator('div.card').filter({ hasText: text }) }).first();
}

/** Acts as `name` from now on, as typing a name in the page's "You are" box does. */
export async function actAs(page: Page, name: string): Promise<void> {
  await page.fill('#user', name);
  await page.press('#user', 'Tab');
}

/**
 * Each voter picks `severity` on the card and clicks the verdict; waits until the card, updated in
 * place, shows that vote in its tally, and after the last one, the decision (quorum 2 by default).
 */
export async function voteAs(page: Page, message: Locator, voters: string[], verdict: string, severity: string): Promise<void> {
  const card = message.locator('div.card');
  for (const voter of voters) {
    await actAs(page, voter);
    await card.locator('select').first().selectOption(severity);
    await card.getByRole('button', { name: verdict }).first().click();
    await card.getByText(`${voter} → ${verdict} (${severity})`).first().waitFor(WAIT);
  }
  await card.getByText(/decided by/).first().waitFor(WAIT);
}

/** Types `text` in the command box and sends it. */
export async function sendCommand(page: Page, text: string): Promise<void> {
  await page.fill('#command-text', text);
  await page.press('#command-text', 'Enter');
}

/**
 * Leaves a handoff note, asks for the handoff, and returns the posted handoff message once its
 * thread holds the note (the thread is posted after the root).
 */
export async function postHandoff(page: Page, author: string, note: string): Promise<Locator> {
  await actAs(page, author);
  await sendCommand(page, `handoff note ${note}`);
  await page.locator('#answers .reply').filter({ hasText: 'Note saved' }).first().waitFor(WAIT);
  await sendCommand(page, 'handoff');
  const handoff = alertMessage(page, 'Shift handoff');
  await handoff.locator('section.thread .reply').filter({ hasText: note }).first().waitFor(WAIT);
  return handoff;
}
