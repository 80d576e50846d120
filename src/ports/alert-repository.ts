/**
 * Alerts as stored: one alert per id whatever shape it came in, with when the bot first received it.
 */
import type { Alert, AlertStatus } from '../domain/alert';
import type { AlertScope } from './alert-scope';

export interface SaveAlertOutcome {
  /** first time this alert id was seen */
  inserted: boolean;
  /** seen before with another status */
  statusChanged: boolean;
  previousStatus?: AlertStatus;
  /**
   * The alert as stored now, when that is not the alert given: another shape of it was stored
   * before, and the two were merged (domain/alert-merge.ts).
   */
  alert?: Alert;
  /** Something besides the status changed (e.g. a newer shape added the XDR incident): re-render the card. */
  enriched?: boolean;
  /** an update older than the stored state (SaveAlertOptions.asOf): nothing was changed */
  outdated?: boolean;
}

export interface SaveAlertOptions {
  /**
   * When the state this update carries was true (ISO; see domain/update-order.ts). An update older
   * than the stored state changes nothing; without it the update applies (arrival order).
   */
  asOf?: string;
  /** When the bot received it (ISO, default now); kept from the first save: when the bot first had the alert. */
  receivedAt?: string;
}

export interface AlertQuery {
  /** generatedTime or startTime >= since (ISO) */
  since?: string;
  until?: string;
  hostName?: string;
  limit?: number;
}

/** An alert with when the bot first received it (the shift it came in is decided by this). */
export interface ReceivedAlert {
  alert: Alert;
  receivedAt: string;
}

export interface AlertRepository {
  /** Stores the alert, merged with what is stored under its id (one alert whatever the shape it came in). */
  save(alert: Alert, options?: SaveAlertOptions): Promise<SaveAlertOutcome>;
  get(systemAlertId: string): Promise<Alert | undefined>;
  /** Newest first. */
  find(query: AlertQuery): Promise<Alert[]>;
  count(): Promise<number>;
  /** Alerts first received in [from, to), in the order received, at most `limit`; `total` counts them all. */
  receivedBetween(from: string, to: string, limit: number, scope?: AlertScope): Promise<{ alerts: ReceivedAlert[]; total: number }>;
  /** Ids of alerts open in Defender (not Resolved/Dismissed) received before `asOf`, oldest generated first. */
  openIds(asOf: string, limit: number, scope?: AlertScope): Promise<{ ids: string[]; total: number }>;
  /** Ids of alerts open in Defender, received before `asOf`, with a vote or reopening cast before `asOf`. */
  openWithTriageEvents(asOf: string, scope?: AlertScope): Promise<string[]>;
  /** Several alerts by id, with their received times, in the order of `ids` (unknown ids are left out). */
  getMany(ids: readonly string[]): Promise<ReceivedAlert[]>;
}
