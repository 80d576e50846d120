import type { Severity } from '../../domain/alert';
import type { Platform, Verdict } from '../../domain/intent';
import type { TriageEventKind, Vote, VoteRecord, VoterRole } from '../../domain/votes/vote';
import type { AlertScope } from '../../ports/alert-scope';
import type { RecordedVote, VoteRepository } from '../../ports/vote-repository';
import { scopeSql } from './scope-sql';
import type { SqlDb } from './sql-db';

interface Row {
  seq: number;
  alert_id: string;
  platform: Platform;
  user_id: string;
  display_name: string;
  role: VoterRole;
  verdict: Verdict;
  severity: Severity;
  comment: string | null;
  at: string;
  kind: TriageEventKind | null;
}

const toRecord = (r: Row): VoteRecord => ({
  seq: Number(r.seq),
  alertId: r.alert_id,
  voter: { platform: r.platform, userId: r.user_id, displayName: r.display_name },
  role: r.role,
  verdict: r.verdict,
  severity: r.severity,
  comment: r.comment ?? undefined,
  at: r.at,
  ...(r.kind === 'reopen' ? { kind: 'reopen' as const } : {}),
});

const CHUNK = 500;

export class SqlVoteRepository implements VoteRepository {
  constructor(private readonly db: SqlDb) {}

  record(vote: Vote): Promise<RecordedVote> {
    return this.db.transaction(async (tx) => {
      await lockAlert(tx, vote.alertId);
      const before = await historyIn(tx, vote.alertId);
      // A replayed click writes nothing; a reopening is never a replay of a vote (it ends them).
      const live = vote.kind === 'reopen' ? undefined : liveVoteOf(before, vote);
      if (live && sameVote(live, vote)) return { before, after: before, vote: live, unchanged: true };
      const inserted = await tx.get<{ seq: number }>(
        `INSERT INTO votes (alert_id, platform, user_id, display_name, role, verdict, severity, comment, at, kind)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING seq`,
        [vote.alertId, vote.voter.platform, vote.voter.userId, vote.voter.displayName, vote.role, vote.verdict, vote.severity, vote.comment ?? null, vote.at, vote.kind ?? 'vote'],
      );
      const seq = Number(inserted?.seq);
      if (vote.kind !== 'reopen') await tx.run(
        `INSERT INTO live_votes (alert_id, platform, user_id, vote_seq) VALUES ($1, $2, $3, $4)
         ON CONFLICT (alert_id, platform, user_id) DO UPDATE SET vote_seq = excluded.vote_seq`,
        [vote.alertId, vote.voter.platform, vote.voter.userId, seq],
      );
      const recorded: VoteRecord = { ...vote, seq };
      return { before, after: [...before, recorded], vote: recorded };
    });
  }

  history(alertId: string): Promise<VoteRecord[]> {
    return historyIn(this.db, alertId);
  }

  async alertsWithEventsBetween(from: string, to: string, scope?: AlertScope): Promise<string[]> {
    if (!scope) {
      const rows = await this.db.all<{ alert_id: string }>('SELECT DISTINCT alert_id FROM votes WHERE at >= $1 AND at < $2', [from, to]);
      return rows.map((r) => r.alert_id);
    }
    const only = scopeSql(scope, 'alerts.customer', 3);
    const rows = await this.db.all<{ alert_id: string }>(
      `SELECT DISTINCT v.alert_id FROM votes v JOIN alerts ON alerts.system_alert_id = v.alert_id WHERE v.at >= $1 AND v.at < $2${only.sql}`,
      [from, to, ...only.params],
    );
    return rows.map((r) => r.alert_id);
  }

  async histories(alertIds: readonly string[]): Promise<Map<string, VoteRecord[]>> {
    const out = new Map<string, VoteRecord[]>();
    for (let i = 0; i < alertIds.length; i += CHUNK) {
      const ids = alertIds.slice(i, i + CHUNK);
      const marks = ids.map((_, n) => `$${n + 1}`).join(', ');
      const rows = await this.db.all<Row>(`SELECT * FROM votes WHERE alert_id IN (${marks}) ORDER BY seq`, [...ids]);
      for (const row of rows) {
        const list = out.get(row.alert_id) ?? [];
        list.push(toRecord(row));
        out.set(row.alert_id, list);
      }
    }
    return out;
  }
}

/**
 * Serializes votes on one alert: the UPDATE takes a row lock on PostgreSQL that lasts until commit
 * (SQLite transactions are serialized anyway). Reads after it see every vote committed before.
 */
async function lockAlert(tx: SqlDb, alertId: string): Promise<void> {
  await tx.run('INSERT INTO vote_locks (alert_id, version) VALUES ($1, 0) ON CONFLICT (alert_id) DO NOTHING', [alertId]);
  await tx.run('UPDATE vote_locks SET version = version + 1 WHERE alert_id = $1', [alertId]);
}

/** The voter's latest vote in a history (their live vote). */
/** The voter's latest vote since the last reopening (a reopening ends every vote before it). */
function liveVoteOf(history: readonly VoteRecord[], vote: Vote): VoteRecord | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const v = history[i]!;
    if (v.kind === 'reopen') return undefined;
    if (v.voter.platform === vote.voter.platform && v.voter.userId === vote.voter.userId) return v;
  }
  return undefined;
}

function sameVote(a: Vote, b: Vote): boolean {
  return a.verdict === b.verdict && a.severity === b.severity && (a.comment ?? '') === (b.comment ?? '') && a.role === b.role;
}

async function historyIn(db: SqlDb, alertId: string): Promise<VoteRecord[]> {
  const rows = await db.all<Row>('SELECT * FROM votes WHERE alert_id = $1 ORDER BY seq', [alertId]);
  return rows.map(toRecord);
}
