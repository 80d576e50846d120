/**
 * The queue as the composition root builds it from configuration: in local mode the demo
 * workspace's investigations go through it (INVESTIGATION_QUEUE_PER_USER caps them), and with Azure
 * configured LOG_ANALYTICS_MAX_CONCURRENT bounds what reaches the workspace.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/app/deps';
import { handleIntent } from '../../src/app/handle-intent';
import { buildApp, type BuiltApp } from '../../src/composition-root';
import { loadConfig } from '../../src/config/load-config';
import type { IntentRequest } from '../../src/domain/intent';
import { FakeLogAnalytics } from '../fakes/log-analytics-server';
import { flagshipPowerShellAlert } from '../domain/investigation/flagship';
import { click } from './investigate-test-deps';

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
    expect(texts.slice(0, 2)).toEqual([expect.stringMatching(/^Who\? on host web-vm-01 \(last 2h\) /), expect.stringMatching(/^Who\? on host web-vm-02 \(last 2h\) /)]);
    expect(texts.slice(2, 4)).toEqual([
      'You already have 2 investigations waiting; Who? on host web-vm-03 (last 2h) was not started. Ask again when one of them has answered.',
      'You already have 2 investigations waiting; Who? on host web-vm-04 (last 2h) was not started. Ask again when one of them has answered.',
    ]);
    expect(texts[4]).toMatch(/^Who\? on host web-vm-05 \(last 2h\) /); // someone else is not capped by eve
    await Promise.all(answers.map((a) => a.followUp));
    expect(answers.filter((a) => a.followUp)).toHaveLength(3);
  });

  test('Azure configured: LOG_ANALYTICS_MAX_CONCURRENT bounds the queries in flight', async () => {
    const la = await new FakeLogAnalytics().start();
    try {
      la.delayMs = 100;
      const config = loadConfig({
        DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`,
        LOG_ANALYTICS_WORKSPACE_ID: '8c1d2e3f-4a5b-4c6d-9e7f-0a1b2c3d4e5f',
        LOG_ANALYTICS_ENDPOINT: la.url,
        LOG_ANALYTICS_MAX_CONCURRENT: '2',
        AZURE_CREDENTIAL: 'client-secret',
        AZURE_TENANT_ID: 'tenant',
        AZURE_CLIENT_ID: 'client',
        AZURE_CLIENT_SECRET: 'secret',
      });
      app = await buildApp(config, { logger: silentLogger });
      await app.deps.store.alerts.save(flagshipPowerShellAlert());
      const out = await handleIntent(click(flagshipPowerShellAlert().systemAlertId, 'identity'), app.deps);
      await out.followUp;
      expect(la.requests.length).toBeGreaterThan(2);
      expect(la.maxInFlight).toBe(2);
    } finally {
      await la.stop();
    }
  });
});
