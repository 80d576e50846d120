/** Where alerts come from (replay files, ARM polling, webhook, Event Hubs). */
export interface AlertSource {
  readonly name: string;
  /** Start delivering raw alert payloads; resolves once started. */
  start(deliver: DeliverAlerts): Promise<void>;
  stop(): Promise<void>;
}

/** What a source knows about one delivery, beyond the payload. */
export interface DeliveryMeta {
  /**
   * When the source saw the alerts in the state they carry (ISO): the start of the poll's list
   * call, the Event Hubs event's enqueued time, the webhook's signed timestamp. Orders updates
   * (domain/update-order.ts); without it, arrival order.
   */
  observedAt?: string;
}

/** Normalize, store and queue a raw payload; resolves once it is durable. */
export type DeliverAlerts = (raw: unknown, source: string, meta?: DeliveryMeta) => Promise<void>;
