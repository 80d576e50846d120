/**
 * Persistence, as repositories per concern (each port in its own file). SQLite (one replica) and
 * PostgreSQL (several) implement the same contract; test/adapters/store/ runs one suite against both.
 * The Store gathers them so a use case can make several writes one transaction (`atomically`).
 */
import type { AlertRepository } from './alert-repository';
import type { AlertScope } from './alert-scope';
import type { AuditLog } from './audit-log';
import type { CaseFindingsRepository } from './case-findings';

export type { AlertScope };
import type { HandoffRepository } from './handoff-repository';
import type { LeaseRepository } from './lease';
import type { MessageRefRepository } from './message-ref-repository';
import type { OutboxRepository } from './outbox';
import type { PollStateRepository } from './poll-state';
import type { StormRepository } from './storm-repository';
import type { VoteRepository } from './vote-repository';
import type { WriteBackQueue } from './write-back-queue';

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
