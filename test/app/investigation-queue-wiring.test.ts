/**
 * The queue as the composition root builds it in local mode: the demo workspace's investigations go
 * through it, and INVESTIGATION_QUEUE_PER_USER caps one person. (With Azure configured,
 * LOG_ANALYTICS_MAX_CONCURRENT is checked in investigate-wiring.test.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/app/deps';
import { handleIntent } from '../../src/app/handle-intent';
import { buildApp, type BuiltApp } from '../../src/composition-root';
import { loadConfig } from '../../src/config/load-config';
import type { IntentRequest } from '../../src/domain/intent';

function command(target: string, userId: string): IntentRequest {
  return { intent: { kind: 'investigate-target', target, window: '2h' }, actor: { platform: 'web', userId, displayName: userId }, origin: { platform: 'web', channelId: 'soc-alerts' } };
}

describe('the Log Analytics queue from configuration', () => {
  let app: BuiltApp | undefined;
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-queue-'));
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('local mode: the demo workspace goes through the queue, and INVESTIGATION_QUEUE_PER_USER caps one person', async () => {
    app = await buildApp(loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`, LOCAL_DEMO: 'false', INVESTIGATION_QUEUE_PER_USER: '2' }), { logger: silentLogger });
    const answers = await Promise.all([
      ...['web-vm-01', 'web-vm-02', 'web-vm-03', 'web-vm-04'].map((host) => handleIntent(command(host, 'eve'), app!.deps)),
      handleIntent(command('web-vm-05', 'alice'), app.deps),
    ]);
    const texts = answers.map((a) => (a.reply?.kind === 'notice' ? a.reply.text : ''));
    // One command is one investigation for the cap, whatever it runs (a host: Who? and Correlate); it is capped at its target lookup.
    expect(texts.slice(0, 2)).toEqual([expect.stringMatching(/^Who\?, Correlate on host web-vm-01 \(last 2h\) /), expect.stringMatching(/^Who\?, Correlate on host web-vm-02 \(not a host or account the alerts or the workspace know — searched as typed\) \(last 2h\) /)]);
    expect(texts.slice(2, 4)).toEqual([
      'You already have 2 investigations waiting; investigate web-vm-03 (last 2h) was not started. Ask again when one of them has answered.',
      'You already have 2 investigations waiting; investigate web-vm-04 (last 2h) was not started. Ask again when one of them has answered.',
    ]);
    expect(texts[4]).toMatch(/^Who\?, Correlate on host web-vm-05 .*\(last 2h\) /); // someone else is not capped by eve
    await Promise.all(answers.map((a) => a.followUp));
    expect(answers.filter((a) => a.followUp)).toHaveLength(3);
  });
});
