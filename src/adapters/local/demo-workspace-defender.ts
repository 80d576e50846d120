/**
 * DefenderClient over the alerts this bot has already stored. Local mode: the replayed demo alerts,
 * so Correlate finds the earlier brute-force alert without Azure. Connected mode, when the bot polls
 * (ARM subscriptions, Graph): every alert of those subscriptions and of the tenant is stored as it
 * arrives, so a click reads the store (indexed by time and host) instead of listing every alert of a
 * subscription from ARM (17 s a click with 100,000 alerts: bench/correlate.ts).
 */
import { primaryHostName, type Alert } from '../../domain/alert';
import { findRelatedAmong } from '../../domain/investigation';
import type { DefenderClient } from '../../ports/defender-client';
import type { AlertRepository } from '../../ports/alert-repository';

/** The alerts of the window read at most (newest first); the host's own are read apart, so they are never cut. */
const MAX_WINDOW = 20_000;
const MAX_HOST = 5_000;

export class StoreBackedDefenderClient implements DefenderClient {
  constructor(private readonly alerts: AlertRepository) {}

  async listAlerts(): Promise<unknown[]> {
    return [];
  }

  async findRelated(alert: Alert, windowHours: number): Promise<Alert[]> {
    const ms = windowHours * 3_600_000;
    const since = new Date(Date.parse(alert.startTime) - ms).toISOString();
    const until = new Date(Math.max(Date.parse(alert.endTime), Date.parse(alert.startTime)) + ms).toISOString();
    const host = primaryHostName(alert);
    const [sameHost, inWindow] = await Promise.all([
      host ? this.alerts.find({ since, until, hostName: host, limit: MAX_HOST }) : Promise.resolve([]),
      this.alerts.find({ since, until, limit: MAX_WINDOW }),
    ]);
    return findRelatedAmong(alert, [...sameHost, ...inWindow], windowHours).map((r) => r.alert);
  }
}
