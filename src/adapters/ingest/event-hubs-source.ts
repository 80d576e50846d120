/**
 * Defender continuous export through Azure Event Hubs. Replicas share the partitions through the
 * blob checkpoint store (one reader per partition, rebalanced when a replica goes away). Delivery
 * is at least once: a batch is checkpointed only after every alert in it was stored and queued, so
 * after a crash it comes again — and is absorbed by the dedupe here (an alert whose last status
 * seen here is the same) and, durably, by the store (same id and status = no new post; an event
 * enqueued before the stored state = no change at all, so a redelivered Active never reopens a
 * Resolved alert). Event bodies may hold one alert, an
 * array of alerts, or a `{ records: [...] }` envelope, in the export (PascalCase) or ARM shape.
 */
import {
  EventHubConsumerClient,
  earliestEventPosition,
  type PartitionContext,
  type ReceivedEventData,
  type Subscription,
  type SubscriptionEventHandlers,
} from '@azure/event-hubs';
import { BlobCheckpointStore } from '@azure/eventhubs-checkpointstore-blob';
import { ContainerClient } from '@azure/storage-blob';
import { alertItems, normalizeAlert } from '../../domain/normalize';
import type { AlertSource, DeliverAlerts } from '../../ports/alert-source';

type Deliver = DeliverAlerts;

export interface EventLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface EventHubsSourceOptions {
  connectionString: string;
  eventHubName?: string;
  consumerGroup?: string;
  checkpointConnectionString: string;
  checkpointContainer: string;
  logger: EventLogger;
}

export class EventHubsAlertSource implements AlertSource {
  readonly name = 'event-hubs';
  private client?: EventHubConsumerClient;
  private subscription?: Subscription;

  constructor(private readonly o: EventHubsSourceOptions) {}

  async start(deliver: Deliver): Promise<void> {
    const container = new ContainerClient(this.o.checkpointConnectionString, this.o.checkpointContainer);
    await container.createIfNotExists();
    const checkpoints = new BlobCheckpointStore(container);
    const group = this.o.consumerGroup ?? EventHubConsumerClient.defaultConsumerGroupName;
    this.client = this.o.eventHubName
      ? new EventHubConsumerClient(group, this.o.connectionString, this.o.eventHubName, checkpoints)
      : new EventHubConsumerClient(group, this.o.connectionString, checkpoints);
    this.subscription = this.client.subscribe(alertEventHandlers(deliver, this.o.logger), {
      startPosition: earliestEventPosition,
      maxBatchSize: 50,
      maxWaitTimeInSeconds: 5,
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.client?.close();
  }
}

export interface HandlerOptions {
  /** Tries per alert before the batch is given up uncheckpointed (it comes again after a restart). */
  attempts?: number;
  backoffMs?: number;
  /** Alerts whose last status is remembered for the in-process dedupe. */
  remember?: number;
}

/** The part that handles events, separate from the client so it can be driven in tests. */
export function alertEventHandlers(deliver: Deliver, logger: EventLogger, options: HandlerOptions = {}): SubscriptionEventHandlers {
  const lastStatus = new RecentStatuses(options.remember ?? 10_000);
  return {
    async processEvents(events: ReceivedEventData[], context: PartitionContext) {
      if (!events.length) return;
      for (const event of events) {
        for (const raw of alertsIn(event, context, logger)) {
          const key = identify(raw);
          if (!key) {
            // A poison event must not block the partition: logged with its position, then passed.
            logger.warn({ partitionId: context.partitionId, sequenceNumber: event.sequenceNumber }, 'Event Hubs: an item is not a Defender alert; skipped');
            continue;
          }
          // Only the same status as last time is skipped: Active again after Resolved (reopened) goes on.
          if (lastStatus.get(key.id) === key.status) continue;
          // Continuous export enqueues an alert when it changes: the enqueued time dates its state,
          // so a redelivered older event cannot overwrite a newer one (update-order.ts).
          const observedAt = enqueuedAt(event);
          await withRetries(() => deliver(raw, `event-hubs:${context.partitionId}`, { observedAt }), options);
          lastStatus.set(key.id, key.status);
        }
      }
      await context.updateCheckpoint(events[events.length - 1]);
    },
    async processError(err: Error, context: PartitionContext) {
      logger.error({ err, partitionId: context.partitionId }, 'Event Hubs: receiving or handling alerts failed; the batch is read again from the last checkpoint');
    },
  };
}

/** The alert objects in one event body; an unreadable body is logged with its position, not dropped silently. */
export function alertsIn(event: ReceivedEventData, context: PartitionContext, logger: EventLogger): unknown[] {
  try {
    let body: unknown = event.body;
    if (body instanceof Uint8Array) body = Buffer.from(body).toString('utf8');
    if (typeof body === 'string') body = JSON.parse(body);
    if (body && typeof body === 'object' && !Array.isArray(body) && Array.isArray((body as { records?: unknown }).records))
      body = (body as { records: unknown[] }).records;
    return alertItems(body);
  } catch (err) {
    logger.warn(
      { err, partitionId: context.partitionId, sequenceNumber: event.sequenceNumber, offset: event.offset },
      'Event Hubs: an event body is not JSON; skipped',
    );
    return [];
  }
}

function enqueuedAt(event: ReceivedEventData): string | undefined {
  const t = event.enqueuedTimeUtc;
  return t instanceof Date && !Number.isNaN(t.getTime()) ? t.toISOString() : undefined;
}

function identify(raw: unknown): { id: string; status: string } | undefined {
  try {
    const alert = normalizeAlert(raw);
    return { id: alert.systemAlertId, status: alert.status };
  } catch {
    return undefined;
  }
}

async function withRetries(work: () => Promise<void>, options: HandlerOptions): Promise<void> {
  const attempts = options.attempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts) throw err;
      await new Promise((r) => setTimeout(r, (options.backoffMs ?? 500) * 2 ** (attempt - 1)));
    }
  }
}

/** A bounded map: the alerts least recently updated are forgotten first. */
class RecentStatuses {
  private readonly statuses = new Map<string, string>();
  constructor(private readonly max: number) {}
  get(id: string): string | undefined {
    return this.statuses.get(id);
  }
  set(id: string, status: string): void {
    this.statuses.delete(id);
    this.statuses.set(id, status);
    if (this.statuses.size > this.max) this.statuses.delete(this.statuses.keys().next().value as string);
  }
}
