/**
 * Local mode as `npm start` builds it (bundled demo, default settings): the flagship PowerShell
 * alert arrives and, without a click, its thread gets Who?, Correlate and Analyze, marked automatic.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WebMessage } from '../src/adapters/web/web-channel';
import { silentLogger } from '../src/app/deps';
import { buildApp, type BuiltApp } from '../src/composition-root';
import { loadConfig } from '../src/config/load-config';
import { freePort } from './helpers/free-port';

jest.setTimeout(60_000);

const FLAGSHIP = '2516066414359999999_c3a9e1d4-6b27-4f85-a0d2-7e4b9c1f5a63';
let app: BuiltApp;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arrival-'));
  app = await buildApp(loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`, PORT: String(await freePort()) }), { logger: silentLogger });
  await app.start();
});
afterAll(() => app?.stop());

/** The flagship's card and the replies in its thread, once `done` says they are all there. */
async function flagshipThread(done: (replies: WebMessage[]) => boolean): Promise<{ root: WebMessage; replies: WebMessage[] }> {
  const web = app.web!; // the channel itself: deps.surfaces holds it wrapped for metrics
  for (let i = 0; i < 400; i++) {
    const root = web.list().find((m) => m.alertId === FLAGSHIP && m.id === m.threadId);
    const replies = root ? web.list().filter((m) => m.threadId === root.id && m.id !== root.id) : [];
    if (root && done(replies)) return { root, replies };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the flagship thread never got its automatic investigations');
}

const automatic = (m: WebMessage) => JSON.stringify(m.card).includes('Automatic — run on arrival');

it('the flagship alert gets its three investigations without a click', async () => {
  const { replies } = await flagshipThread((r) => r.filter(automatic).length >= 3);
  // The card's fallback text: its title and answer (markdown-escaped: unescaped here).
  const texts = replies.filter(automatic).map((m) => (m.card as { fallbackText: string }).fallbackText.replace(/\\(.)/g, '$1'));
  expect(texts[0]).toMatch(/^Who\? — web-vm-01: svc-backup \(local account\) logged on by RDP from 198\.51\.100\.23/);
  expect(texts[1]).toMatch(/^Correlate — web-vm-01.*Successful RDP brute force/);
  expect(texts[2]).toMatch(/^Analyze — .*203\.0\.113\.45/);
});

/** The card's text with Adaptive Card markdown escapes removed. */
const cardText = (m: WebMessage) => JSON.stringify(m.card).replace(/\\\\(.)/g, '$1');

it('the flagship card shows the three findings lines and the suggestion, updated in place', async () => {
  const web = app.web!; // the channel itself: deps.surfaces holds it wrapped for metrics
  let root: WebMessage | undefined;
  for (let i = 0; i < 400 && !(root && cardText(root).includes('Suggested: ')); i++) {
    await new Promise((r) => setTimeout(r, 50));
    root = web.list().find((m) => m.alertId === FLAGSHIP && m.id === m.threadId);
  }
  const text = cardText(root!);
  // Each line links to its own answer in the thread: an anchor on that reply in the page.
  const { replies } = await flagshipThread((r) => r.filter(automatic).length >= 3);
  const [who, related, command] = replies.filter(automatic).map((m) => ` · [full answer](#message-${m.id})`);
  expect(text).toContain(`"title":"Who","value":"svc-backup (local account) by RDP (logon type 10) from 198.51.100.23 — known bad: rdp-brute-force, after 40 failed logons; no Entra identity${who}"`);
  expect(text).toMatch(/"title":"Related","value":"1 related alert; earliest \\"Successful RDP brute force attack\\" \(High\) at \d\d:\d\d UTC; Sentinel incident #42 · \[full answer\]\(#message-web-/);
  expect(text).toContain(related);
  expect(text).toContain(`"title":"Command","value":"execution-policy-bypass, hidden-window, no-profile, download-cradle, process-start, download-and-execute; 203.0.113.45: unknown — not safe; http://203.0.113.45/update.exe: unknown — not safe${command}"`);
  expect(text).toContain(
    'Suggested: true positive, Medium — a local account with no Entra identity, an RDP logon from 198.51.100.23 (known bad: rdp-brute-force) after 40 failures, ' +
      'an earlier brute-force alert on the same entities (\\"Successful RDP brute force attack\\"), then a download-and-execute from 203.0.113.45 (unknown — not safe); ' +
      'follow-up: detonate update.exe in a sandbox',
  );
  expect(text).toContain('not a vote');
  expect(root!.updatedAt).toBeDefined();
});
