import type { AuditEntry, AuditLog } from '../../ports/audit-log';
import type { SqlDb } from './sql-db';

interface Row {
  id: number;
  at: string;
  actor: string;
  action: string;
  alert_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

const parse = (s: string | null): unknown => (s === null ? undefined : JSON.parse(s));

export class SqlAuditLog implements AuditLog {
  constructor(private readonly db: SqlDb) {}

  async append(e: AuditEntry): Promise<void> {
    await this.db.run(
      'INSERT INTO audit_log (at, actor, action, alert_id, before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6)',
      [
        e.at,
        e.actor,
        e.action,
        e.alertId ?? null,
        e.before === undefined ? null : JSON.stringify(e.before),
        e.after === undefined ? null : JSON.stringify(e.after),
      ],
    );
  }

  async since(isoTime: string, limit = 100_000): Promise<AuditEntry[]> {
    const rows = await this.db.all<Row>('SELECT * FROM audit_log WHERE at >= $1 ORDER BY id LIMIT $2', [isoTime, limit]);
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      actor: r.actor,
      action: r.action,
      alertId: r.alert_id ?? undefined,
      before: parse(r.before_json),
      after: parse(r.after_json),
    }));
  }
}
