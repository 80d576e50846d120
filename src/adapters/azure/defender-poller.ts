/**
 * Polls Defender for Cloud: every POLL_INTERVAL_SECONDS, for each subscription whose poll lease this
 * replica holds (one poller per subscription across replicas; taken over when its holder stops
 * renewing), lists all alerts and delivers only new ones and status changes. The Alerts API has no
 * time filter, so the (alert, status) pairs already seen live in the store, with a high-water mark
 * that lets old seen-rows be pruned. An alert is marked seen only after it was delivered (stored and
 * queued), so a crash in between means it is delivered again, which ingest absorbs.
 */
import { normalizeAlert } from '../../domain/normalize';
import type { AlertSource, DeliverAlerts } from '../../ports/alert-source';
import type { Clock } from '../../ports/clock';
import type { LeaseRepository } from '../../ports/lease';
import type { PollStateRepository, SeenAlert } from '../../ports/poll-state';

export interface AlertLister {
  list(subscriptionId: string): Promise<unknown[]>;
}

export interface PollerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface DefenderPollerOptions {
  lister: AlertLister;
  subscriptionIds: string[];
  pollState: PollStateRepository;
  leases: LeaseRepository;
  /** This replica's name in the lease table. */
  owner: string;
  intervalMs: number;
  /** How long a poll lease lasts unless renewed (renewed every tick); default 3 intervals, at least 30 s. */
  leaseMs?: number;
  /** Seen alerts generated this long before the high-water mark are forgotten; older unseen ones are skipped. */
  retentionMs?: number;
  clock: Clock;
  logger: PollerLogger;
  /** The lease of one subscription; default `pollLeaseName` (several tenants: `tenantPollLeaseName`). */
  leaseName?: (subscriptionId: string) => string;
}

type Deliver = DeliverAlerts;

interface Candidate {
  raw: unknown;
  seen: SeenAlert;
}

const DAY_MS = 24 * 3600_000;

export const pollLeaseName = (subscriptionId: string) => `poll:${subscriptionId.toLowerCase()}`;
/** Keyed by tenant and subscription (CUSTOMERS): one replica polls a tenant's subscription, whichever tenant. */
export const tenantPollLeaseName = (tenantId: string, subscriptionId: string) => `poll:${tenantId.toLowerCase()}/${subscriptionId.toLowerCase()}`;

export class DefenderPoller implements AlertSource {
  readonly name = 'defender-poller';
  private timer?: NodeJS.Timeout;
  private tick?: Promise<void>;
  private halted = false;
  private readonly leaseMs: number;
  private readonly retentionMs: number;
  /** Subscriptions whose lease this replica held at the last tick (to log take-overs and release). */
  private readonly held = new Set<string>();
  private readonly leaseName: (subscriptionId: string) => string;

  constructor(private readonly o: DefenderPollerOptions) {
    this.leaseName = o.leaseName ?? pollLeaseName;
    this.leaseMs = o.leaseMs ?? Math.max(3 * o.intervalMs, 30_000);
    this.retentionMs = o.retentionMs ?? 30 * DAY_MS;
  }

  async start(deliver: Deliver): Promise<void> {
    this.halted = false;
    const loop = async () => {
      this.tick = this.pollAll(deliver);
      await this.tick;
      if (!this.halted) this.timer = setTimeout(loop, this.o.intervalMs);
    };
    void loop();
  }

  /** Stops polling and gives the leases up, so another replica takes over at once. */
  async stop(): Promise<void> {
    this.halted = true;
    clearTimeout(this.timer);
    await this.tick;
    for (const sub of this.held) await this.o.leases.release(this.leaseName(sub), this.o.owner).catch(() => undefined);
    this.held.clear();
  }

  /** One round over every subscription this replica may poll; failures are logged per subscription. */
  async pollAll(deliver: Deliver): Promise<void> {
    for (const sub of this.o.subscriptionIds) {
      if (this.halted) return;
      try {
        if (await this.holdLease(sub)) await this.pollSubscription(sub, deliver);
      } catch (err) {
        this.o.logger.error({ err, subscriptionId: sub }, 'polling Defender alerts failed; next try at the next interval');
      }
    }
  }

  private async holdLease(sub: string): Promise<boolean> {
    const got = await this.o.leases.acquire(this.leaseName(sub), this.o.owner, this.leaseMs, this.o.clock.now().getTime());
    if (got && !this.held.has(sub)) this.o.logger.info({ subscriptionId: sub, owner: this.o.owner }, 'this replica now polls the subscription');
    if (got) this.held.add(sub);
    else this.held.delete(sub);
    return got;
  }

  /** Lists the subscription's alerts and delivers what is new; returns how many were delivered. */
  async pollSubscription(sub: string, deliver: Deliver): Promise<number> {
    // The listed states were true at least from the start of the list call on: a poll that ends
    // after a newer update arrived (webhook, Event Hubs) cannot overwrite it (update-order.ts).
    const observedAt = this.o.clock.now().toISOString();
    const raws = await this.o.lister.list(sub);
    const fresh = await this.freshOnly(sub, this.identify(sub, raws));
    let delivered = 0;
    const done: SeenAlert[] = [];
    for (const c of fresh) {
      try {
        await deliver(c.raw, `poll:${sub}`, { observedAt });
        done.push(c.seen);
        delivered++;
      } catch (err) {
        this.o.logger.error({ err, subscriptionId: sub, alertId: c.seen.alertId }, 'a polled alert could not be ingested; it is tried again at the next poll');
      }
      if (done.length >= 100) {
        await this.o.pollState.markSeen(sub, done.splice(0));
        // A long poll renews its lease as it goes; if another replica took over meanwhile, it stops here.
        if (!(await this.holdLease(sub))) break;
      }
    }
    await this.o.pollState.markSeen(sub, done);
    const hw = await this.o.pollState.highWater(sub);
    if (hw) await this.o.pollState.pruneSeen(sub, new Date(Date.parse(hw) - this.retentionMs).toISOString());
    return delivered;
  }

  private identify(sub: string, raws: unknown[]): Candidate[] {
    const out: Candidate[] = [];
    for (const raw of raws) {
      try {
        const a = normalizeAlert(raw);
        out.push({ raw, seen: { alertId: a.systemAlertId, status: a.status, generatedTime: a.generatedTime || a.startTime } });
      } catch (err) {
        this.o.logger.warn({ err, subscriptionId: sub }, 'Defender returned an alert that could not be read; skipped');
      }
    }
    return out;
  }

  private async freshOnly(sub: string, candidates: Candidate[]): Promise<Candidate[]> {
    const seen = await this.o.pollState.seenStatuses(sub, candidates.map((c) => c.seen.alertId));
    const hw = await this.o.pollState.highWater(sub);
    const forgottenBefore = hw ? new Date(Date.parse(hw) - this.retentionMs).toISOString() : undefined;
    return candidates.filter((c) => {
      const status = seen.get(c.seen.alertId);
      if (status !== undefined) return status !== c.seen.status;
      // Unseen but older than what is remembered: it was seen and pruned long ago.
      return !(forgottenBefore && c.seen.generatedTime < forgottenBefore);
    });
  }
}
