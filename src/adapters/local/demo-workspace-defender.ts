/**
 * Local-mode DefenderClient: "Defender" is the alerts this bot has already ingested (the replayed
 * demo alerts), so Correlate finds the earlier brute-force alert without Azure. Nothing to poll.
 */
import type { Alert } from '../../domain/alert';
import { findRelatedAmong } from '../../domain/investigation';
import type { DefenderClient } from '../../ports/defender-client';
import type { AlertRepository } from '../../ports/store';

const MAX_CANDIDATES = 1000;

export class StoreBackedDefenderClient implements DefenderClient {
  constructor(private readonly alerts: AlertRepository) {}

  async listAlerts(): Promise<unknown[]> {
    return [];
  }

  async findRelated(alert: Alert, windowHours: number): Promise<Alert[]> {
    const ms = windowHours * 3_600_000;
    const since = new Date(Date.parse(alert.startTime) - ms).toISOString();
    const until = new Date(Math.max(Date.parse(alert.endTime), Date.parse(alert.startTime)) + ms).toISOString();
    const candidates = await this.alerts.find({ since, until, limit: MAX_CANDIDATES });
    return findRelatedAmong(alert, candidates, windowHours).map((r) => r.alert);
  }
}
