import { primaryHostName, type Alert, type AlertStatus } from '../../domain/alert';
import { mergeAlertShapes } from '../../domain/alert-merge';
import type { AlertQuery, AlertRepository, SaveAlertOutcome } from '../../ports/store';
import type { SqlDb, SqlValue } from './sql-db';

export class SqlAlertRepository implements AlertRepository {
  constructor(private readonly db: SqlDb) {}

  async save(incoming: Alert): Promise<SaveAlertOutcome> {
    return this.db.transaction(async (tx) => {
      // Two replicas saving two shapes of one alert at once must merge one after the other.
      if (tx.dialect === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(hashtext($1))', [`alert:${incoming.systemAlertId}`]);
      const prev = await tx.get<{ status: AlertStatus; body: string }>('SELECT status, body FROM alerts WHERE system_alert_id = $1', [
        incoming.systemAlertId,
      ]);
      const alert = prev ? mergeAlertShapes(JSON.parse(prev.body) as Alert, incoming) : incoming;
      const body = JSON.stringify(alert);
      const params: SqlValue[] = [
        alert.systemAlertId,
        alert.alertType,
        alert.severity,
        alert.status,
        primaryHostName(alert)?.toLowerCase() ?? null,
        alert.resourceId ?? null,
        alert.subscriptionId ?? null,
        alert.startTime,
        alert.generatedTime,
        new Date().toISOString(),
        body,
      ];
      await tx.run(
        `INSERT INTO alerts (system_alert_id, alert_type, severity, status, host_name, resource_id, subscription_id,
           start_time, generated_time, received_at, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (system_alert_id) DO UPDATE SET status = excluded.status, severity = excluded.severity,
           host_name = excluded.host_name, resource_id = excluded.resource_id, subscription_id = excluded.subscription_id, body = excluded.body`,
        params,
      );
      if (!prev) return { inserted: true, statusChanged: false };
      const outcome: SaveAlertOutcome = { inserted: false, statusChanged: prev.status !== alert.status, previousStatus: prev.status };
      if (body === prev.body) return outcome;
      const enriched = JSON.stringify({ ...alert, status: prev.status }) !== prev.body;
      const merged = body !== JSON.stringify(incoming);
      return { ...outcome, ...(merged ? { alert } : {}), ...(enriched ? { enriched } : {}) };
    });
  }

  async get(systemAlertId: string): Promise<Alert | undefined> {
    const row = await this.db.get<{ body: string }>('SELECT body FROM alerts WHERE system_alert_id = $1', [systemAlertId]);
    return row ? (JSON.parse(row.body) as Alert) : undefined;
  }

  async find(query: AlertQuery): Promise<Alert[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    const add = (clause: string, value: SqlValue) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (query.since) add('generated_time >= ?', query.since);
    if (query.until) add('generated_time < ?', query.until);
    if (query.hostName) add('host_name = ?', query.hostName.toLowerCase());
    params.push(Math.min(query.limit ?? 1000, 100_000));
    const sql = `SELECT body FROM alerts ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
                 ORDER BY generated_time DESC LIMIT $${params.length}`;
    const rows = await this.db.all<{ body: string }>(sql, params);
    return rows.map((r) => JSON.parse(r.body) as Alert);
  }

  async count(): Promise<number> {
    const row = await this.db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM alerts');
    return Number(row?.n ?? 0);
  }
}
