import type { LeaseInfo, LeaseRepository } from '../../ports/lease';
import type { SqlDb } from './sql-db';

export class SqlLeaseRepository implements LeaseRepository {
  constructor(private readonly db: SqlDb) {}

  async acquire(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean> {
    // One statement, so two replicas racing for a free lease cannot both win.
    const { changes } = await this.db.run(
      `INSERT INTO leases (name, holder, expires_at, acquired_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET
         holder = excluded.holder,
         expires_at = excluded.expires_at,
         acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at ELSE excluded.acquired_at END
       WHERE leases.holder = excluded.holder OR leases.expires_at < $4`,
      [name, holder, nowMs + ttlMs, nowMs],
    );
    return changes === 1;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.run('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }

  async get(name: string): Promise<LeaseInfo | undefined> {
    const row = await this.db.get<{ name: string; holder: string; expires_at: number }>(
      'SELECT name, holder, expires_at FROM leases WHERE name = $1',
      [name],
    );
    return row ? { name: row.name, holder: row.holder, expiresAt: Number(row.expires_at) } : undefined;
  }
}
