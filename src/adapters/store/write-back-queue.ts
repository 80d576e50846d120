import type { AlertStatus } from '../../domain/alert';
import type { WriteBackQueue, WriteBackRecord, WriteBackState } from '../../ports/write-back-queue';
import type { SqlDb } from './sql-db';

interface Row {
  id: number;
  alert_id: string;
  target_status: AlertStatus;
  requested_by: string;
  state: WriteBackState;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  last_http_status: number | null;
  created_at: string;
  updated_at: string;
}

const toRecord = (r: Row): WriteBackRecord => ({
  id: Number(r.id),
  alertId: r.alert_id,
  targetStatus: r.target_status,
  requestedBy: r.requested_by,
  state: r.state,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error ?? undefined,
  lastHttpStatus: r.last_http_status === null ? undefined : Number(r.last_http_status),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class SqlWriteBackQueue implements WriteBackQueue {
  constructor(private readonly db: SqlDb) {}

  enqueue(alertId: string, targetStatus: AlertStatus, requestedBy: string, now: string): Promise<WriteBackRecord> {
    return this.db.transaction(async (tx) => {
      await tx.run(`UPDATE write_backs SET state = 'superseded', updated_at = $2 WHERE alert_id = $1 AND state = 'pending'`, [alertId, now]);
      const row = await tx.get<Row>(
        `INSERT INTO write_backs (alert_id, target_status, requested_by, state, attempts, next_attempt_at, created_at, updated_at)
         VALUES ($1, $2, $3, 'pending', 0, $4, $4, $4) RETURNING *`,
        [alertId, targetStatus, requestedBy, now],
      );
      if (!row) throw new Error('write-back was not stored');
      return toRecord(row);
    });
  }

  async claimDue(now: string, leaseUntil: string, limit = 20): Promise<WriteBackRecord[]> {
    const due = await this.db.all<Row>(
      `SELECT * FROM write_backs WHERE state = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2`,
      [now, limit],
    );
    const claimed: WriteBackRecord[] = [];
    for (const row of due) {
      // Optimistic claim: only the replica whose UPDATE still sees the old time gets it.
      const { changes } = await this.db.run(
        `UPDATE write_backs SET next_attempt_at = $1 WHERE id = $2 AND state = 'pending' AND next_attempt_at = $3`,
        [leaseUntil, row.id, row.next_attempt_at],
      );
      if (changes === 1) claimed.push(toRecord({ ...row, next_attempt_at: leaseUntil }));
    }
    return claimed;
  }

  async update(
    id: number,
    c: Pick<WriteBackRecord, 'state' | 'attempts' | 'nextAttemptAt' | 'updatedAt'> & { lastError?: string; lastHttpStatus?: number },
  ): Promise<void> {
    // A write-back superseded meanwhile by a newer decision stays superseded.
    await this.db.run(
      `UPDATE write_backs SET state = $2, attempts = $3, next_attempt_at = $4, updated_at = $5, last_error = $6, last_http_status = $7
       WHERE id = $1 AND state <> 'superseded'`,
      [id, c.state, c.attempts, c.nextAttemptAt, c.updatedAt, c.lastError ?? null, c.lastHttpStatus ?? null],
    );
  }

  async latestFor(alertId: string): Promise<WriteBackRecord | undefined> {
    const row = await this.db.get<Row>('SELECT * FROM write_backs WHERE alert_id = $1 ORDER BY id DESC LIMIT 1', [alertId]);
    return row ? toRecord(row) : undefined;
  }
}
