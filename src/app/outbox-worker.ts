/**
 * Drains the durable outbox: claims due rows under a lease (several replicas share the work), sends
 * each through outbox-deliver, and completes, reschedules or buries it. Failures never stop the loop;
 * a surface that says "slow down" (its error carries retryAfterMs) is waited for, others back off.
 */
import type { RetryAfterHint } from '../ports/chat-surface';
import type { OutboxRow } from '../ports/outbox';
import type { AppDeps } from './deps';
import { deliver, type DeliveryOutcome } from './outbox-deliver';

export interface OutboxWorkerOptions {
  /** This replica's name in leases; stable across restarts, so a restart takes its rows back at once. */
  owner: string;
  /** Rows per claim to begin with, and whenever the surfaces are slow (see nextClaimSize). */
  batchSize?: number;
  /** Rows per claim at most, while the surfaces keep up. */
  maxBatchSize?: number;
  /** How long a claimed row is ours; a crashed replica's rows come back after this. */
  leaseMs?: number;
  /** Pause between polls when there is nothing to do. */
  idleMs?: number;
  /** Attempts before a failing row is given up ('dead', with its last error). */
  maxAttempts?: number;
  /** Waits for the group card (storm replies) before giving up. */
  maxWaits?: number;
  /**
   * Rounds in flight at once: the next round is claimed and its cards built while the surfaces are
   * still sending the last one, so a surface that sends from its own thread is never left idle.
   */
  rounds?: number;
  random?: () => number;
  /**
   * A card was posted (its ref recorded): what follows a post without being part of it — the
   * investigations on arrival. Called after the round's commit, so the thread exists for replies;
   * not called for a row found already sent (whoever sent it called it).
   */
  onPosted?: (row: OutboxRow) => void;
}

/** A delivery that threw: retried with backoff (or after the surface's Retry-After). */
type Outcome = DeliveryOutcome | { kind: 'failed'; reason: string; retryInMs: number };

interface Sent {
  row: OutboxRow;
  outcome: Outcome;
}

export class OutboxWorker {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private readonly o: Required<OutboxWorkerOptions>;
  private claimSize: number;
  /** Rows a round of this worker is sending or recording now. */
  private readonly inFlight = new Set<number>();

  constructor(
    private readonly deps: AppDeps,
    options: OutboxWorkerOptions,
  ) {
    const o = { batchSize: 10, maxBatchSize: 50, leaseMs: 60_000, idleMs: 250, maxAttempts: 8, maxWaits: 600, rounds: 2, random: Math.random, onPosted: () => {}, ...options };
    this.o = { ...o, maxBatchSize: Math.max(o.batchSize, o.maxBatchSize) };
    this.claimSize = this.o.batchSize;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.deps.store.outbox.releaseOwner(this.o.owner);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** This replica's name in leases (the poller uses the same). */
  get owner(): string {
    return this.o.owner;
  }

  /** New rows were queued: look now instead of at the next idle tick. */
  kick(): void {
    this.wake?.();
  }

  /** One claim-and-send round; the number of rows handled. */
  async drainOnce(): Promise<number> {
    const rows = await this.claim();
    await this.handleRound(rows);
    return rows.length;
  }

  private claim(): Promise<OutboxRow[]> {
    return this.deps.store.outbox.claim(this.o.owner, this.claimSize, this.deps.clock.now().getTime(), this.o.leaseMs);
  }

  private async handleRound(claimed: OutboxRow[]): Promise<void> {
    const started = performance.now(); // the surfaces' real pace, whatever deps.clock says
    // A row whose lease ran out while an earlier round of ours still holds it (waiting in a paced
    // channel, say) comes back in a claim: that round sends and records it, this one must not.
    const rows = claimed.filter((r) => !this.inFlight.has(r.id));
    for (const r of rows) this.inFlight.add(r.id);
    try {
      // Cards first (their refs recorded): storm replies and counter updates in the same batch need
      // their group card posted.
      await this.settle(await Promise.all(rows.filter((r) => r.kind === 'post').map((row) => this.send(row))));
      await this.settle(await Promise.all(rows.filter((r) => r.kind !== 'post').map((row) => this.send(row))));
    } finally {
      for (const r of rows) this.inFlight.delete(r.id);
    }
    if (rows.length) this.claimSize = nextClaimSize(rows.length, performance.now() - started, this.o);
  }

  /** Drains until nothing is due (tests, shutdown). */
  async drainAll(): Promise<void> {
    while ((await this.drainOnce()) > 0);
  }

  private async run(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    while (this.running) {
      if (inFlight.size >= this.o.rounds) {
        await Promise.race(inFlight);
        continue;
      }
      const rows = await this.claim().catch((err: unknown) => this.roundFailed(err, []));
      if (rows.length) {
        const round: Promise<void> = this.handleRound(rows)
          .catch((err: unknown) => void this.roundFailed(err, rows))
          .finally(() => inFlight.delete(round));
        inFlight.add(round);
      } else if (inFlight.size) await Promise.race(inFlight);
      else if (this.running) await this.sleep(this.o.idleMs);
    }
    await Promise.all(inFlight);
  }

  /** A round that could not claim or record: its rows come back when their lease ends. */
  private roundFailed(err: unknown, rows: OutboxRow[]): OutboxRow[] {
    this.deps.logger.error({ err, rows: rows.length }, 'outbox round failed');
    return [];
  }

  private async send(row: OutboxRow): Promise<Sent> {
    const outcome: Outcome = await deliver(row, this.deps).catch((err: unknown) => this.failure(row, err));
    return { row, outcome };
  }

  /**
   * Records a round's outcomes in one transaction: each post's ref lands with its row's completion,
   * so a retry either finds the ref or the row is done (one commit per round, not per row: a commit
   * is a good part of a post's cost, measured by `npm run bench`).
   */
  private async settle(sent: Sent[]): Promise<void> {
    if (!sent.length) return;
    const now = this.deps.clock.now().getTime();
    await this.deps.store.atomically(async (store) => {
      for (const { row, outcome } of sent) {
        if (outcome.kind === 'done') {
          if (outcome.record) await store.messages.save(outcome.record);
          await store.outbox.complete(row.id, this.o.owner, now);
        } else {
          await store.outbox.retry(row.id, this.o.owner, outcome.reason, now + this.retryInMs(outcome), this.isDead(row, outcome));
        }
      }
    });
    for (const { row, outcome } of sent) {
      if (outcome.kind !== 'done') this.logRetry(row, outcome);
      else if (row.kind === 'post' && outcome.how !== 'already-sent') this.o.onPosted(row);
    }
  }

  private isDead(row: OutboxRow, outcome: Exclude<Outcome, { kind: 'done' }>): boolean {
    const limit = outcome.kind === 'wait' ? this.o.maxWaits : this.o.maxAttempts;
    return outcome.kind === 'give-up' || row.attempts >= limit;
  }

  private retryInMs(outcome: Exclude<Outcome, { kind: 'done' }>): number {
    return outcome.kind === 'give-up' ? 0 : outcome.retryInMs;
  }

  private logRetry(row: OutboxRow, outcome: Exclude<Outcome, { kind: 'done' }>): void {
    const log = { alertId: row.alertId, kind: row.kind, platform: row.platform, channelId: row.channelId, reason: outcome.reason };
    if (this.isDead(row, outcome)) this.deps.logger.error(log, 'outbox gave up on a message: it stays in the outbox as dead');
    else if (outcome.kind !== 'wait') this.deps.logger.warn({ ...log, retryInMs: this.retryInMs(outcome) }, 'outbox will retry');
  }

  private failure(row: OutboxRow, err: unknown): Outcome {
    const reason = err instanceof Error ? err.message : String(err);
    const hint = (err as Partial<RetryAfterHint> | undefined)?.retryAfterMs;
    const retryAfterMs = typeof hint === 'number' && Number.isFinite(hint) && hint >= 0 ? hint : undefined;
    const backoff = Math.min(60_000, 1000 * 2 ** Math.max(0, row.attempts - 1)) * (0.5 + this.o.random() / 2);
    return { kind: 'failed', reason, retryInMs: retryAfterMs ?? backoff };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

/**
 * How many rows the next claim takes, from the pace of the round just done. Every claim costs a
 * write and a commit, and so does every round's record, whatever its size: a fast surface fed ten
 * rows at a time spent more on claiming than on sending (`npm run bench`: ingest 7.4 s with claims
 * of 10, 4.9 s with claims of up to 50). But a claimed row must be sent within its lease, or
 * another claim takes it: so the claim is only as large as lets every round in flight finish, at
 * the pace just seen (queueing behind the other rounds included), within a quarter of the lease.
 * A paced surface (Slack: one post a second per channel) keeps `batchSize`; a quick one gets up to
 * `maxBatchSize`.
 */
export function nextClaimSize(
  rows: number,
  elapsedMs: number,
  o: Pick<Required<OutboxWorkerOptions>, 'batchSize' | 'maxBatchSize' | 'leaseMs' | 'rounds'>,
): number {
  const msPerRow = Math.max(elapsedMs, 1) / Math.max(rows, 1);
  const fitsInLease = Math.floor(o.leaseMs / (4 * o.rounds * msPerRow));
  return Math.min(o.maxBatchSize, Math.max(o.batchSize, fitsInLease));
}
