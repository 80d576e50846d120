/**
 * A round, then `intervalMs` of rest, then the next round, until stopped; stopping waits for the
 * round in progress, so a stopped poller delivers nothing after `stop()` returns. (The Defender
 * poller has the same loop inline; it could use this one.)
 */
export class PollLoop {
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private halted = false;

  constructor(private readonly intervalMs: number) {}

  get stopped(): boolean {
    return this.halted;
  }

  start(round: () => Promise<void>): void {
    this.halted = false;
    const loop = async () => {
      this.round = round();
      await this.round;
      if (!this.halted) this.timer = setTimeout(loop, this.intervalMs);
    };
    void loop();
  }

  async stop(): Promise<void> {
    this.halted = true;
    clearTimeout(this.timer);
    await this.round;
  }
}
