/**
 * WRITE_BACK wired by the composition root: with Azure configured (ARM_ENDPOINT at a local ARM
 * server), a lead's vote through handleIntent reaches Defender as the 2022-01-01 state call.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/app/deps';
import { handleIntent } from '../../src/app/handle-intent';
import { buildApp, type BuiltApp } from '../../src/composition-root';
import { loadConfig } from '../../src/config/load-config';
import { ArmWriteBackServer } from '../fakes/arm-write-back-server';
import { flagshipAlert } from '../helpers/alerts';

describe('write-back through the composition root', () => {
  let app: BuiltApp;
  let arm: ArmWriteBackServer;
  let dir: string;

  beforeAll(async () => {
    arm = new ArmWriteBackServer();
    const endpoint = await arm.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-wiring-'));
    const config = loadConfig({
      DATABASE_URL: `sqlite:${path.join(dir, 'triage.db')}`,
      AZURE_SUBSCRIPTION_IDS: '3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c',
      AZURE_CREDENTIAL: 'client-secret',
      AZURE_TENANT_ID: 'tenant',
      AZURE_CLIENT_ID: 'client',
      AZURE_CLIENT_SECRET: 'secret',
      ARM_ENDPOINT: endpoint,
      WRITE_BACK: 'true',
      TRIAGE_LEADS: 'L1',
      SHIFTS: 'Europe/Berlin 07:00,15:00,23:00',
    });
    app = await buildApp(config, { logger: silentLogger });
  });
  afterAll(async () => {
    await app.stop();
    await arm.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends the decision to Defender and carries the shift schedule', async () => {
    expect(app.deps.writeBack).toBeDefined();
    expect(app.deps.settings.shifts).toEqual({ timeZone: 'Europe/Berlin', startMinutes: [420, 900, 1380] });
    const alert = flagshipAlert();
    await app.deps.store.alerts.save(alert);
    const result = await handleIntent(
      { intent: { kind: 'vote', alertId: alert.systemAlertId, verdict: 'false-positive' }, actor: { platform: 'slack', userId: 'L1', displayName: 'lee' }, origin: { platform: 'slack', channelId: 'C1' } },
      app.deps,
    );
    await result.followUp;
    expect(arm.requests).toEqual([{ method: 'POST', path: `${alert.armId}/dismiss`, apiVersion: '2022-01-01', authorization: undefined }]);
    expect((await app.deps.store.alerts.get(alert.systemAlertId))?.status).toBe('Dismissed');
  });
});
