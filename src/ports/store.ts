/**
 * Persistence, as repositories per concern. SQLite (one replica) and PostgreSQL (several) implement
 * the same contract; test/adapters/store/ runs one suite against both.
 */
import type { AlertScope } from './alert-scope';
import type { CaseFindingsRepository } from './case-findings';

export type { AlertScope };
import type { Alert, AlertStatus } from '../domain/alert';
import type { Platform } from '../domain/intent';
import type { MessageRef } from './chat-surface';
import type { HandoffRepository } from './handoff-repository';
import type { VoteRepository, WriteBackQueue } from './vote-repository';
import type { LeaseRepository } from './lease';
import type { OutboxRepository } from './outbox';
import type { PollStateRepository } from './poll-state';
import type { StormRepository } from './snooze';

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

export interface MessageRefRecord extends MessageRef {
  alertId: string;
  /** 'root' for the alert's own card; other kinds for replies worth finding again. */
  role: string;
  createdAt: string;
}

export interface MessageRefRepository {
  save(record: MessageRefRecord): Promise<void>;
  /** The root message of an alert on a platform/channel, if posted. */
  findRoot(alertId: string, platform: Platform, channelId?: string): Promise<MessageRefRecord | undefined>;
  listForAlert(alertId: string): Promise<MessageRefRecord[]>;
  /** The alert whose root message this is (a click on a card → its alert). */
  findByMessage(platform: Platform, channelId: string, messageId: string): Promise<MessageRefRecord | undefined>;
}

export interface AuditEntry {
  id?: number;
  at: string;
  actor: string;
  action: string;
  alertId?: string;
  before?: unknown;
  after?: unknown;
}

/** Append-only. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  since(isoTime: string, limit?: number): Promise<AuditEntry[]>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly alerts: AlertRepository;
  readonly messages: MessageRefRepository;
  readonly audit: AuditLog;
  readonly votes: VoteRepository;
  readonly writeBacks: WriteBackQueue;
  readonly handoffs: HandoffRepository;
  /** Ingest: durable outbox, replica leases, Defender poll state, storms and snoozes. */
  readonly outbox: OutboxRepository;
  readonly leases: LeaseRepository;
  readonly pollState: PollStateRepository;
  readonly storms: StormRepository;
  /** The card is the case: each alert's latest findings per investigation. */
  readonly findings: CaseFindingsRepository;
  /**
   * Runs fn with a Store whose reads and writes are one transaction: all of its writes land, or none
   * do. Repositories' own transactions inside it become part of it.
   */
  atomically<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  /** Quick round trip for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
