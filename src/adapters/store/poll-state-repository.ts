import type { PollStateRepository, SeenAlert } from '../../ports/poll-state';
import type { SqlDb, SqlValue } from './sql-db';

const CHUNK = 500;

export class SqlPollStateRepository implements PollStateRepository {
  constructor(private readonly db: SqlDb) {}

  async highWater(subscriptionId: string): Promise<string | undefined> {
    const row = await this.db.get<{ high_water: string }>('SELECT high_water FROM poll_state WHERE subscription_id = $1', [
      subscriptionId,
    ]);
    return row?.high_water;
  }

  async seenStatuses(subscriptionId: string, alertIds: string[]): Promise<Map<string, string>> {
    const seen = new Map<string, string>();
    for (let i = 0; i < alertIds.length; i += CHUNK) {
      const ids = alertIds.slice(i, i + CHUNK);
      const marks = ids.map((_, j) => `$${j + 2}`).join(', ');
      const rows = await this.db.all<{ alert_id: string; status: string }>(
        `SELECT alert_id, status FROM poll_seen WHERE subscription_id = $1 AND alert_id IN (${marks})`,
        [subscriptionId, ...ids] as SqlValue[],
      );
      for (const r of rows) seen.set(r.alert_id, r.status);
    }
    return seen;
  }

  async markSeen(subscriptionId: string, alerts: SeenAlert[]): Promise<void> {
    if (!alerts.length) return;
    const newest = alerts.reduce((max, a) => (a.generatedTime > max ? a.generatedTime : max), alerts[0].generatedTime);
    await this.db.transaction(async (tx) => {
      for (const a of alerts) {
        await tx.run(
          `INSERT INTO poll_seen (subscription_id, alert_id, status, generated_time) VALUES ($1, $2, $3, $4)
           ON CONFLICT (subscription_id, alert_id) DO UPDATE SET status = excluded.status`,
          [subscriptionId, a.alertId, a.status, a.generatedTime],
        );
      }
      await tx.run(
        `INSERT INTO poll_state (subscription_id, high_water) VALUES ($1, $2)
         ON CONFLICT (subscription_id) DO UPDATE SET high_water = excluded.high_water
         WHERE poll_state.high_water < excluded.high_water`,
        [subscriptionId, newest],
      );
    });
  }

  async pruneSeen(subscriptionId: string, isoTime: string): Promise<number> {
    const { changes } = await this.db.run('DELETE FROM poll_seen WHERE subscription_id = $1 AND generated_time < $2', [
      subscriptionId,
      isoTime,
    ]);
    return changes;
  }
}
