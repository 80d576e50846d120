/**
 * The demo replays as if it had just happened: the flagship PowerShell alert starts five minutes
 * before the first start, the demo workspace moves by the same offset (Who? over "the last 2h"
 * finds the RDP logon), the offset is what the store recorded on a restart, and DEMO_KEEP_TIMES
 * keeps the original times.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_ANCHOR_ALERT_ID } from '../../../src/adapters/local/demo-time-shift';
import { silentLogger } from '../../../src/app/deps';
import { buildApp } from '../../../src/composition-root';
import { loadConfig } from '../../../src/config/load-config';
import { freePort } from '../../helpers/free-port';

async function startAt(dir: string, iso: string, extra: Record<string, string> = {}) {
  const app = await buildApp(loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`, PORT: String(await freePort()), ...extra }), {
    logger: silentLogger,
    clock: { now: () => new Date(iso) },
  });
  await app.start();
  return app;
}

describe('demo time shift', () => {
  it('moves the demo to minutes ago, alerts and workspace alike, and keeps the recorded offset on a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-shift-'));
    let app = await startAt(dir, '2026-12-07T10:00:30.000Z');
    try {
      expect((await app.deps.store.alerts.get(DEMO_ANCHOR_ALERT_ID))?.startTime).toBe('2026-12-07T09:55:00.000Z');
      const logons = await app.deps.logs!.query((await import('../../../src/domain/investigation')).identityQueriesFor(
        (await import('../../../src/domain/investigation')).subjectFromTarget('web-vm-01', { start: '2026-12-07T08:00:00.000Z', end: '2026-12-07T10:00:00.000Z' }),
        { investigationWindowBeforeMinutes: 0, investigationWindowAfterMinutes: 0, correlationWindowHours: 0 },
      )[0]!);
      expect(logons.status === 'success' && logons.tables[0]!.rows.length).toBeGreaterThan(0);
    } finally {
      await app.stop();
    }
    app = await startAt(dir, '2026-12-09T00:00:00.000Z');
    try {
      expect((await app.deps.store.alerts.get(DEMO_ANCHOR_ALERT_ID))?.startTime).toBe('2026-12-07T09:55:00.000Z');
    } finally {
      await app.stop();
    }
  });

  it('DEMO_KEEP_TIMES keeps the 26 Nov 2026 times', async () => {
    const app = await startAt(fs.mkdtempSync(path.join(os.tmpdir(), 'demo-keep-')), '2026-12-07T10:00:00.000Z', { DEMO_KEEP_TIMES: 'true' });
    try {
      expect((await app.deps.store.alerts.get(DEMO_ANCHOR_ALERT_ID))?.startTime).toBe('2026-11-26T02:16:04.000Z');
    } finally {
      await app.stop();
    }
  });
});
