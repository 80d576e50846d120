/** AppDeps for the triage use-case tests: a real store, recording surfaces, a settable clock. */
import type { SqlStore } from '../../src/adapters/store/open-store';
import { defaultSettings, silentLogger, type AppDeps, type AppSettings } from '../../src/app/deps';
import type { DefenderWriteBack } from '../../src/ports/defender-client';
import type { Alert } from '../../src/domain/alert';
import { RecordingSurface } from '../helpers/recording-surface';

export class TestClock {
  constructor(public t: number) {}
  now = () => new Date(this.t);
  advance(ms: number) {
    this.t += ms;
  }
}

export interface TriageTestDeps {
  deps: AppDeps;
  web: RecordingSurface;
  clock: TestClock;
}

export function triageDeps(store: SqlStore, settings: Partial<AppSettings> = {}, writeBack?: DefenderWriteBack): TriageTestDeps {
  const web = new RecordingSurface('web');
  const clock = new TestClock(Date.parse('2026-11-27T02:20:00.000Z'));
  const deps: AppDeps = {
    store,
    surfaces: { web },
    writeBack,
    clock,
    logger: silentLogger,
    settings: { ...defaultSettings, ...settings },
    routes: () => [{ platform: 'web', channelId: 'soc' }],
  };
  return { deps, web, clock };
}

/** Stores an alert and its root card ref, as ingest would have. */
export async function givenPostedAlert(deps: AppDeps, web: RecordingSurface, alert: Alert): Promise<string> {
  await deps.store.alerts.save(alert, { receivedAt: deps.clock.now().toISOString() });
  const ref = await web.post('soc', { kind: 'notice', tone: 'info', text: 'alert card' });
  await deps.store.messages.save({ ...ref, alertId: alert.systemAlertId, role: 'root', createdAt: new Date(0).toISOString() });
  web.calls.length = 0;
  return ref.messageId;
}
