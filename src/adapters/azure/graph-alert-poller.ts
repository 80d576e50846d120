/**
 * Polls Microsoft Graph for Defender for Cloud alerts (the Defender portal's alerts_v2):
 *   GET /security/alerts_v2?$filter=serviceSource eq 'microsoftDefenderForCloud' and lastUpdateDateTime ge <cursor>
 * so a poll costs what changed since the last one, not what is retained. One replica per tenant
 * polls (the lease "graph-poll:<tenant>", taken over when its holder stops renewing).
 *   - The cursor is the newest lastUpdateDateTime of the last complete pass (its own poll-state key);
 *     each pass starts a minute before it, because Graph indexes updates with a little delay. A pass
 *     that fails halfway does not move it; an alert that could not be delivered holds it back.
 *   - What was delivered is remembered per alert as a fingerprint (status, severity, incident), so
 *     the overlap and a restart deliver nothing twice, and an update Graph makes for a comment or an
 *     assignment is not news to the channel.
 *   - The incident's title is not on a Graph alert: it is read once per incident (cached) and
 *     delivered with the alert as `incidentDisplayName`.
 */
import { normalizeAlert } from '../../domain/normalize';
import type { AlertSource } from '../../ports/alert-source';
import type { Clock } from '../../ports/clock';
import type { LeaseRepository } from '../../ports/lease';
import type { PollStateRepository, SeenAlert } from '../../ports/poll-state';
import type { PollerLogger } from './defender-poller';
import type { GraphSecurityClient } from './graph-security-client';
import { PollLoop } from './poll-loop';

export const DEFENDER_FOR_CLOUD = 'microsoftDefenderForCloud';
const MINUTE = 60_000;
const INCIDENT_TITLE_TTL_MS = 10 * MINUTE;

export interface GraphAlertPollerOptions {
  client: Pick<GraphSecurityClient, 'alertPages' | 'getIncident'>;
  /** The tenant polled (names the lease and the poll state). */
  tenantId: string;
  pollState: PollStateRepository;
  leases: LeaseRepository;
  owner: string;
  intervalMs: number;
  /** Lease length; default three intervals, at least 30 s. */
  leaseMs?: number;
  /** The first pass reads alerts updated this long ago (default 24 h). */
  lookbackMs?: number;
  /** Each pass re-reads this much before the cursor (default 1 min). */
  overlapMs?: number;
  clock: Clock;
  logger: PollerLogger;
}

type Deliver = (raw: unknown, source: string) => Promise<void>;

export const graphLeaseName = (tenantId: string) => `graph-poll:${tenantId.toLowerCase()}`;
const seenKey = (tenantId: string) => `graph:${tenantId.toLowerCase()}`;
/** The poll-state key whose high-water mark is the cursor. */
export const graphCursorKey = (tenantId: string) => `graph-cursor:${tenantId.toLowerCase()}`;
const cursorKey = graphCursorKey;

export interface GraphPassResult {
  listed: number;
  delivered: number;
  failed: number;
}

export class GraphAlertPoller implements AlertSource {
  readonly name = 'graph-alert-poller';
  private readonly loop: PollLoop;
  private holding = false;
  private readonly titles = new Map<string, { title?: string; at: number }>();

  constructor(private readonly o: GraphAlertPollerOptions) {
    this.loop = new PollLoop(o.intervalMs);
  }

  async start(deliver: Deliver): Promise<void> {
    this.loop.start(() => this.pollIfLeader(deliver));
  }

  /** Stops polling and gives the lease up, so another replica takes over at once. */
  async stop(): Promise<void> {
    await this.loop.stop();
    if (this.holding) await this.o.leases.release(graphLeaseName(this.o.tenantId), this.o.owner).catch(() => undefined);
    this.holding = false;
  }

  async pollIfLeader(deliver: Deliver): Promise<void> {
    try {
      if (await this.holdLease()) await this.poll(deliver);
    } catch (err) {
      this.o.logger.error({ err, tenantId: this.o.tenantId }, 'polling Microsoft Graph alerts failed; next try at the next interval');
    }
  }

  /** One pass: every alert updated since the cursor, delivered if it is news. */
  async poll(deliver: Deliver): Promise<GraphPassResult> {
    const { tenantId, pollState } = this.o;
    const now = this.o.clock.now().getTime();
    const cursor = await pollState.highWater(cursorKey(tenantId));
    const since = cursor ? Date.parse(cursor) - (this.o.overlapMs ?? MINUTE) : now - (this.o.lookbackMs ?? 24 * 60 * MINUTE);
    const filter = `serviceSource eq '${DEFENDER_FOR_CLOUD}' and lastUpdateDateTime ge ${new Date(since).toISOString()}`;
    const result: GraphPassResult = { listed: 0, delivered: 0, failed: 0 };
    let newest = cursor;
    let heldBack: string | undefined;
    for await (const page of this.o.client.alertPages(filter)) {
      const candidates = page.alerts.flatMap((raw) => this.identify(raw));
      result.listed += candidates.length;
      const seen = await pollState.seenStatuses(seenKey(tenantId), candidates.map((c) => c.seen.alertId));
      const done: SeenAlert[] = [];
      for (const c of candidates) {
        if (!newest || c.seen.generatedTime > newest) newest = c.seen.generatedTime;
        if (seen.get(c.seen.alertId) === c.seen.status) continue;
        try {
          await deliver(await this.withIncidentTitle(c.raw), `graph:${tenantId}`);
          done.push(c.seen);
          result.delivered++;
        } catch (err) {
          result.failed++;
          if (!heldBack || c.seen.generatedTime < heldBack) heldBack = c.seen.generatedTime;
          this.o.logger.error({ err, tenantId, alertId: c.seen.alertId }, 'a Graph alert could not be ingested; it is tried again at the next poll');
        }
      }
      await pollState.markSeen(seenKey(tenantId), done);
      if (this.loop.stopped || !(await this.holdLease())) return result; // another replica took over: stop here, cursor unmoved
    }
    const next = heldBack && newest && heldBack < newest ? heldBack : newest;
    if (next && next !== cursor) await pollState.markSeen(cursorKey(tenantId), [{ alertId: 'cursor', status: 'cursor', generatedTime: next }]);
    if (next) await pollState.pruneSeen(seenKey(tenantId), new Date(Date.parse(next) - 24 * 60 * MINUTE).toISOString());
    return result;
  }

  private async holdLease(): Promise<boolean> {
    const leaseMs = this.o.leaseMs ?? Math.max(3 * this.o.intervalMs, 30_000);
    const got = await this.o.leases.acquire(graphLeaseName(this.o.tenantId), this.o.owner, leaseMs, this.o.clock.now().getTime());
    if (got && !this.holding) this.o.logger.info({ tenantId: this.o.tenantId, owner: this.o.owner }, 'this replica now polls Microsoft Graph for the tenant');
    this.holding = got;
    return got;
  }

  /** The alert's identity and fingerprint; `generatedTime` is its lastUpdateDateTime (the cursor's clock). */
  private identify(raw: unknown): { raw: unknown; seen: SeenAlert }[] {
    try {
      const a = normalizeAlert(raw);
      const updated = (raw as { lastUpdateDateTime?: unknown }).lastUpdateDateTime;
      const lastUpdate = typeof updated === 'string' && Number.isFinite(Date.parse(updated)) ? new Date(updated).toISOString() : a.generatedTime;
      return [{ raw, seen: { alertId: a.systemAlertId, status: [a.status, a.severity, a.xdrIncidentId ?? ''].join('|'), generatedTime: lastUpdate } }];
    } catch (err) {
      this.o.logger.warn({ err, tenantId: this.o.tenantId }, 'Microsoft Graph returned an alert that could not be read; skipped');
      return [];
    }
  }

  private async withIncidentTitle(raw: unknown): Promise<unknown> {
    const incidentId = (raw as { incidentId?: unknown }).incidentId;
    if (typeof incidentId !== 'string' && typeof incidentId !== 'number') return raw;
    const title = await this.incidentTitle(String(incidentId));
    return title ? { ...(raw as object), incidentDisplayName: title } : raw;
  }

  /** A failed read is no title (the alert still flows); tried again after the cache time. */
  private async incidentTitle(id: string): Promise<string | undefined> {
    const now = this.o.clock.now().getTime();
    const cached = this.titles.get(id);
    if (cached && now - cached.at < INCIDENT_TITLE_TTL_MS) return cached.title;
    let title: string | undefined;
    try {
      const incident = (await this.o.client.getIncident(id, false)) as { displayName?: unknown };
      title = typeof incident?.displayName === 'string' ? incident.displayName : undefined;
    } catch (err) {
      this.o.logger.warn({ err, incidentId: id }, 'the XDR incident could not be read (SecurityIncident.Read.All?); the card shows its id only');
    }
    if (this.titles.size > 1000) this.titles.clear();
    this.titles.set(id, { title, at: now });
    return title;
  }
}
