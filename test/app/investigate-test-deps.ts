/** AppDeps for the investigation tests: a real SQLite store with the flagship alerts posted, a recording surface. */
import { openStore, type SqlStore } from '../../src/adapters/store/open-store';
import { defaultSettings, silentLogger, type AppDeps } from '../../src/app/deps';
import type { IntentRequest, InvestigationKind } from '../../src/domain/intent';
import type { CardModel, InvestigationResultView } from '../../src/ports/card-model';
import type { DefenderClient } from '../../src/ports/defender-client';
import type { LogsQuery } from '../../src/ports/logs-query';
import { RecordingSurface } from '../helpers/recording-surface';
import { flagshipBruteForceAlert, flagshipPowerShellAlert } from '../domain/investigation/flagship';

export const POWERSHELL_ID = flagshipPowerShellAlert().systemAlertId;
export const BRUTE_FORCE_ID = flagshipBruteForceAlert().systemAlertId;

export interface InvestigateHarness {
  deps: AppDeps;
  web: RecordingSurface;
  store: SqlStore;
  roots: Record<string, string>;
}

export async function investigateHarness(logs: LogsQuery | undefined, defender: (store: SqlStore) => DefenderClient | undefined): Promise<InvestigateHarness> {
  const store = await openStore('sqlite::memory:');
  const web = new RecordingSurface('web');
  const deps: AppDeps = {
    store,
    surfaces: { web },
    logs,
    defender: defender(store),
    clock: { now: () => new Date('2026-11-26T03:00:00.000Z') },
    logger: silentLogger,
    settings: defaultSettings,
    routes: () => [{ platform: 'web', channelId: 'soc' }],
  };
  const roots: Record<string, string> = {};
  for (const alert of [flagshipBruteForceAlert(), flagshipPowerShellAlert()]) {
    await store.alerts.save(alert);
    const ref = await web.post('soc', { kind: 'notice', tone: 'info', text: 'alert card' });
    await store.messages.save({ ...ref, alertId: alert.systemAlertId, role: 'root', createdAt: alert.generatedTime });
    roots[alert.systemAlertId] = ref.messageId;
  }
  web.calls.length = 0;
  return { deps, web, store, roots };
}

export function click(alertId: string, investigation: InvestigationKind): IntentRequest {
  return {
    intent: { kind: 'investigate', alertId, investigation },
    actor: { platform: 'web', userId: 'analyst-1', displayName: 'Analyst One' },
    origin: { platform: 'web', channelId: 'soc' },
  };
}

export function resultsIn(web: RecordingSurface, rootId: string): InvestigationResultView[] {
  return web.replies(rootId).flatMap((c: CardModel) => (c.kind === 'investigation-result' ? [c.result] : []));
}
