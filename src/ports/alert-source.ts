/** Where alerts come from (replay files, ARM polling, webhook, Event Hubs). */
export interface AlertSource {
  readonly name: string;
  /** Start delivering raw alert payloads; resolves once started. */
  start(deliver: (raw: unknown, source: string) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}
