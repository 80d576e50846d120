/**
 * The one factory of AppDeps, used by the app (composition-root.ts) and by the CLI commands that
 * run use cases (cli/commands/investigate.ts): settings from the configuration, the features, the
 * investigation ports (the demo workspace in local mode, Azure when configured) and the Log
 * Analytics queue, all with the process's one Azure credential. The app then adds what only a
 * running bot has (surfaces, routing, metrics, the outbox, write-back, Graph).
 */
import type { TokenCredential } from '@azure/core-auth';
import type { AppDeps, AppSettings, Logger, Route } from '../app/deps';
import { appFeatures } from '../app/features';
import { InvestigationQueue } from '../app/investigation-queue';
import type { Config } from '../config/load-config';
import type { Alert } from '../domain/alert';
import { shiftsFromConfig } from '../domain/handoff/shifts';
import { portalForArmEndpoint } from '../domain/portal-links';
import type { Clock } from '../ports/clock';
import type { Store } from '../ports/store';

export interface AppDepsOptions {
  logger: Logger;
  clock: Clock;
  /** The process's one Azure credential (sharedAzureCredential), asked for only when Azure is used. */
  azureCredential: () => TokenCredential;
  /** How far the demo workspace is moved in time (local mode; 0: as recorded). */
  demoShiftMs?: number;
  /** Channels a given alert is posted to; none when nothing posts (the CLI). */
  routes?: (alert: Alert) => Route[] | Promise<Route[]>;
}

/** AppDeps with its investigation queue always made (readiness asks it too). */
export type BuiltDeps = AppDeps & { investigations: InvestigationQueue };

export async function createAppDeps(config: Config, store: Store, options: AppDepsOptions): Promise<BuiltDeps> {
  const deps: BuiltDeps = {
    store,
    surfaces: {},
    clock: options.clock,
    logger: options.logger,
    settings: settingsOf(config),
    routes: options.routes ?? (() => []),
    features: appFeatures(),
    // Every Log Analytics query of every investigation (the demo workspace's too) takes its turn here.
    investigations: new InvestigationQueue({
      maxConcurrent: config.LOG_ANALYTICS_MAX_CONCURRENT,
      perUser: config.INVESTIGATION_QUEUE_PER_USER,
      maxWaitMs: config.INVESTIGATION_QUEUE_MAX_WAIT_SECONDS * 1000,
    }),
  };
  if (config.demoWorkspace) Object.assign(deps, await localInvestigations(store, options.demoShiftMs ?? 0));
  else Object.assign(deps, (require('../adapters/azure/investigation-ports') as typeof import('../adapters/azure/investigation-ports')).azureInvestigationPorts(config, options.azureCredential));
  return deps;
}

/** One credential per process, made when first needed (local mode never loads @azure/identity). */
export function sharedAzureCredential(config: Config, given?: TokenCredential): () => TokenCredential {
  let credential = given;
  return () => {
    credential ??= (require('../adapters/azure/credentials') as typeof import('../adapters/azure/credentials')).createAzureCredential(config).credential;
    return credential;
  };
}

/** Local mode: Log Analytics is the bundled demo workspace, "Defender" is the alerts already ingested. */
async function localInvestigations(store: Store, shiftMs: number): Promise<Pick<AppDeps, 'logs' | 'defender'>> {
  const { DemoWorkspace } = require('../adapters/local/demo-workspace') as typeof import('../adapters/local/demo-workspace');
  const { StoreBackedDefenderClient } = require('../adapters/local/demo-workspace-defender') as typeof import('../adapters/local/demo-workspace-defender');
  return { logs: new DemoWorkspace(undefined, shiftMs), defender: new StoreBackedDefenderClient(store.alerts) };
}

export function settingsOf(config: Config): AppSettings {
  return {
    investigationWindowBeforeMinutes: config.INVESTIGATION_WINDOW_BEFORE_MINUTES,
    investigationWindowAfterMinutes: config.INVESTIGATION_WINDOW_AFTER_MINUTES,
    correlationWindowHours: config.CORRELATION_WINDOW_HOURS,
    voteQuorum: config.VOTE_QUORUM,
    analysts: config.TRIAGE_ANALYSTS,
    leads: config.TRIAGE_LEADS,
    writeBack: config.WRITE_BACK,
    stormWindowMinutes: config.STORM_WINDOW_MINUTES,
    stormThreshold: config.STORM_THRESHOLD,
    shifts: shiftsFromConfig(config.SHIFTS),
    handoffRoutes: config.HANDOFF_CHANNELS,
    snoozeMaxHours: config.SNOOZE_MAX_HOURS,
    azurePortalUrl: config.AZURE_PORTAL_URL ?? portalForArmEndpoint(config.ARM_ENDPOINT),
    autoInvestigateMinSeverity: config.AUTO_INVESTIGATE_MIN_SEVERITY,
    suggestPreselect: config.SUGGEST_PRESELECT,
  };
}
