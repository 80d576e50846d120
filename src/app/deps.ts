/**
 * What the use cases may use: ports only. The composition root builds one of these.
 */
import type { AccessPolicy } from '../domain/access-policy';
import type { Alert } from '../domain/alert';
import type { AutoInvestigateThreshold } from '../domain/auto-investigate';
import type { Customer } from '../domain/customers';
import type { AlertScope } from '../ports/alert-scope';
import type { ShiftSchedule } from '../domain/handoff/shifts';
import type { Intent, IntentRequest, Platform } from '../domain/intent';
import type { AlertCardState, CardModel } from '../ports/card-model';
import type { ChatSurface } from '../ports/chat-surface';
import type { Clock } from '../ports/clock';
import type { CommandAnalyzer } from '../ports/command-analyzer';
import type { DefenderClient, DefenderWriteBack } from '../ports/defender-client';
import type { LogsQuery, LogsWorkspace } from '../ports/logs-query';
import type { WorkspaceAllowlist } from '../domain/investigation/workspace-choice';
import type { WorkspaceLocator } from '../ports/workspace-locator';
import type { Store } from '../ports/store';
import type { XdrIncidents } from '../ports/xdr-incidents';
import type { InvestigationQueue } from './investigation-queue';

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/** Settings the use cases read (a subset of Config, so app/ does not depend on config/). */
export interface AppSettings {
  investigationWindowBeforeMinutes: number;
  investigationWindowAfterMinutes: number;
  correlationWindowHours: number;
  voteQuorum: number;
  analysts: string[];
  leads: string[];
  writeBack: boolean;
  /** Alert storms: alerts of one type on one resource within this many minutes are grouped (default 30). */
  stormWindowMinutes?: number;
  /** …once there are at least this many (default 3). */
  stormThreshold?: number;
  /** Shift schedule for handoffs (SHIFTS); absent: three 8-hour UTC shifts for /handoff, no scheduler. */
  shifts?: ShiftSchedule;
  /** Where handoffs are posted (scheduled ones, and /handoff from outside a channel); default: none. */
  handoffRoutes?: Route[];
  /** Who may act where (authorize.ts): triage channels, organisations, the empty roster; default: any channel, no organisation check. */
  access?: AccessSettings;
  /** The longest snooze allowed, in hours (SNOOZE_MAX_HOURS, default 24). */
  snoozeMaxHours?: number;
  /** Alerts at or above this severity are investigated when posted (AUTO_INVESTIGATE_MIN_SEVERITY); absent or 'off': none. */
  autoInvestigateMinSeverity?: AutoInvestigateThreshold;
  /** SUGGEST_PRESELECT: the vote controls start at the suggested severity (default off). */
  suggestPreselect?: boolean;
  /**
   * The customers this bot triages for (CUSTOMERS); absent or empty: one SOC, as before. Each alert's
   * routing, roster, quorum, shifts and handoff are its customer's (customer-scope.ts).
   */
  customers?: readonly Customer[];
  /** The customers whose alerts a request may read (set per request by authorize); absent: every alert. */
  scope?: AlertScope;
  /** The Azure portal our card buttons open (AZURE_PORTAL_URL, or the cloud of ARM_ENDPOINT); default the public one. */
  azurePortalUrl?: string;
}

/** The access policy without the roster (that is `analysts` / `leads`). */
export type AccessSettings = Omit<AccessPolicy, 'roster'>;

export const DEFAULT_SNOOZE_MAX_HOURS = 24;

export const defaultSettings: AppSettings = {
  investigationWindowBeforeMinutes: 60,
  investigationWindowAfterMinutes: 30,
  correlationWindowHours: 24,
  voteQuorum: 2,
  analysts: [],
  leads: [],
  writeBack: false,
};

export interface WorkspaceSelection {
  allow: WorkspaceAllowlist;
  /** LOG_ANALYTICS_WORKSPACE_ID (with LOG_ANALYTICS_WORKSPACE_RESOURCE_ID): the fallback, always allowed. */
  configured?: LogsWorkspace;
  /** Diagnostic settings of the alert's resource (ARM); absent: resource logs are searched in the fallback. */
  locator?: WorkspaceLocator;
}

/** Where a new alert goes on one surface. */
export interface Route {
  platform: Platform;
  channelId: string;
}

export interface AppDeps {
  store: Store;
  surfaces: Partial<Record<Platform, ChatSurface>>;
  logs?: LogsQuery;
  /**
   * Which workspace an alert's investigation searches (its own, its resource's diagnostic setting's,
   * the configured one) and which it may (LOG_ANALYTICS_WORKSPACES). Absent: always `logs`'s own.
   */
  workspaces?: WorkspaceSelection;
  /** The Log Analytics queue every investigation's queries wait in (absent: one per process, default limits). */
  investigations?: InvestigationQueue;
  defender?: DefenderClient;
  writeBack?: DefenderWriteBack;
  /** Defender XDR incidents (Graph), for Correlate. */
  xdrIncidents?: XdrIncidents;
  /** Command lines are analysed here (a worker with a time and memory limit); absent: in the process, bounded by the domain's caps. */
  commandAnalyzer?: CommandAnalyzer;
  clock: Clock;
  logger: Logger;
  settings: AppSettings;
  /** Channels a given alert is posted to (the caller has the alert: routing needs no store read). */
  routes(alert: Alert): Route[] | Promise<Route[]>;
  /** The use cases and what each feature adds to the card, built by the composition root (absent: every feature, app/features.ts). */
  features?: AppFeatures;
}

/** Adds a feature's live state (votes, storms, findings, running investigations) to an alert's card. */
export type CardStateContributor = (alert: Alert, state: AlertCardState, deps: AppDeps) => Promise<void>;

/** Which use case answers each Intent (an Intent without one is answered "not available yet"). */
export type UseCaseRegistry = { readonly [K in Intent['kind']]?: UseCase<K> };

/** The app's features, passed in: nothing registers itself at import. */
export interface AppFeatures {
  readonly useCases: UseCaseRegistry;
  /** In order: each contributor sees what the ones before it added. */
  readonly cardState: readonly CardStateContributor[];
}

/**
 * A use case answers in two phases: `reply` at once (the ack the clicker sees: Teams invoke
 * response, Slack ephemeral, web), and `followUp`, slow work that posts to the thread itself.
 */
export interface UseCaseResult {
  reply?: CardModel;
  /** The alert card as it should look now (updated in place on every surface). */
  alertCard?: CardModel;
  followUp?: Promise<void>;
  /** Only the asker may see the reply (asked outside the triage channels, or a refusal): never post it in a channel. */
  private?: boolean;
}

export type UseCase<K extends Intent['kind']> = (
  request: IntentRequest & { intent: Extract<Intent, { kind: K }> },
  deps: AppDeps,
) => Promise<UseCaseResult>;
