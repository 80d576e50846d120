import type { Platform } from '../../domain/intent';
import type { OutboxCounts, OutboxEntry, OutboxKind, OutboxRepository, OutboxRow, OutboxState } from '../../ports/outbox';
import type { SqlDb } from './sql-db';

interface Row {
  id: number;
  alert_id: string;
  platform: Platform;
  channel_id: string;
  kind: OutboxKind;
  anchor_alert_id: string | null;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  created_at: number | string;
}

const toRow = (r: Row): OutboxRow => ({
  id: Number(r.id),
  alertId: r.alert_id,
  platform: r.platform,
  channelId: r.channel_id,
  kind: r.kind,
  anchorAlertId: r.anchor_alert_id ?? undefined,
  state: r.state,
  attempts: Number(r.attempts),
  nextAttemptAt: Number(r.next_attempt_at),
  leaseOwner: r.lease_owner ?? undefined,
  leaseUntil: r.lease_until === null ? undefined : Number(r.lease_until),
  lastError: r.last_error ?? undefined,
  createdAt: Number(r.created_at),
});

export class SqlOutboxRepository implements OutboxRepository {
  constructor(private readonly db: SqlDb) {}

  async enqueue(entries: OutboxEntry[], nowMs: number): Promise<void> {
    if (!entries.length) return;
    await this.db.transaction(async (tx) => {
      for (const e of entries) {
        // Posts and replies are owed once, ever; a counter update is owed again after each new member.
        const onConflict =
          e.kind === 'update'
            ? `DO UPDATE SET state = 'pending', next_attempt_at = excluded.next_attempt_at, attempts = 0
               WHERE outbox.state <> 'pending'`
            : 'DO NOTHING';
        await tx.run(
          `INSERT INTO outbox (alert_id, platform, channel_id, kind, anchor_alert_id, state, attempts, next_attempt_at, created_at)
           VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $6)
           ON CONFLICT (alert_id, platform, channel_id, kind) ${onConflict}`,
          [e.alertId, e.platform, e.channelId, e.kind, e.anchorAlertId ?? null, nowMs],
        );
      }
    });
  }

  async claim(owner: string, limit: number, nowMs: number, leaseMs: number): Promise<OutboxRow[]> {
    // Postgres: replicas claim disjoint rows without waiting on each other. SQLite: one writer anyway.
    const lock = this.db.dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
    const rows = await this.db.all<Row>(
      `UPDATE outbox SET lease_owner = $1, lease_until = $2, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM outbox
         WHERE state = 'pending' AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until < $3)
         ORDER BY id LIMIT $4 ${lock})
       RETURNING *`,
      [owner, nowMs + leaseMs, nowMs, limit],
    );
    return rows.map(toRow).sort((a, b) => a.id - b.id);
  }

  async complete(id: number, owner: string, nowMs: number): Promise<boolean> {
    const { changes } = await this.db.run(
      `UPDATE outbox SET state = 'done', done_at = $3, lease_owner = NULL, lease_until = NULL, last_error = NULL
       WHERE id = $1 AND lease_owner = $2 AND state = 'pending'`,
      [id, owner, nowMs],
    );
    return changes === 1;
  }

  async retry(id: number, owner: string, error: string, nextAttemptAt: number, dead: boolean): Promise<boolean> {
    const { changes } = await this.db.run(
      `UPDATE outbox SET state = $5, next_attempt_at = $4, last_error = $3, lease_owner = NULL, lease_until = NULL
       WHERE id = $1 AND lease_owner = $2 AND state = 'pending'`,
      [id, owner, error.slice(0, 1000), nextAttemptAt, dead ? 'dead' : 'pending'],
    );
    return changes === 1;
  }

  async releaseOwner(owner: string): Promise<number> {
    const { changes } = await this.db.run(
      `UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1 AND state = 'pending'`,
      [owner],
    );
    return changes;
  }

  async forAlert(alertId: string): Promise<OutboxRow[]> {
    const rows = await this.db.all<Row>('SELECT * FROM outbox WHERE alert_id = $1 ORDER BY id', [alertId]);
    return rows.map(toRow);
  }

  async counts(): Promise<OutboxCounts> {
    const rows = await this.db.all<{ state: OutboxState; n: number | string }>(
      'SELECT state, COUNT(*) AS n FROM outbox GROUP BY state',
    );
    const counts: OutboxCounts = { pending: 0, done: 0, dead: 0 };
    for (const r of rows) counts[r.state] = Number(r.n);
    return counts;
  }
}
