import type { Platform } from '../../domain/intent';
import type { HandoffNote, HandoffRecord, HandoffRepository } from '../../ports/handoff-repository';
import type { AlertScope } from '../../ports/alert-scope';
import { scopeSql } from './scope-sql';
import type { SqlDb } from './sql-db';

interface NoteRow {
  id: number;
  platform: Platform;
  user_id: string;
  display_name: string;
  note: string;
  at: string;
  customer: string | null;
}

interface HandoffRow {
  id: string;
  shift_start: string;
  shift_end: string;
  posted_at: string;
  posted_by: string;
  card_json: string | null;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
}

const toHandoff = (r: HandoffRow): HandoffRecord => ({
  id: r.id,
  shiftStart: r.shift_start,
  shiftEnd: r.shift_end,
  postedAt: r.posted_at,
  postedBy: r.posted_by,
  cardJson: r.card_json ?? undefined,
  acknowledgedBy: r.acknowledged_by ?? undefined,
  acknowledgedAt: r.acknowledged_at ?? undefined,
});

export class SqlHandoffRepository implements HandoffRepository {
  constructor(private readonly db: SqlDb) {}

  async addNote(n: HandoffNote): Promise<void> {
    await this.db.run('INSERT INTO handoff_notes (platform, user_id, display_name, note, at, customer) VALUES ($1, $2, $3, $4, $5, $6)', [
      n.platform,
      n.userId,
      n.displayName,
      n.text,
      n.at,
      n.customer ?? null,
    ]);
  }

  async notes(from: string, to: string, scope?: AlertScope): Promise<HandoffNote[]> {
    const only = scopeSql(scope, 'customer', 3);
    const rows = await this.db.all<NoteRow>(`SELECT * FROM handoff_notes WHERE at >= $1 AND at < $2${only.sql} ORDER BY at, id`, [from, to, ...only.params]);
    return rows.map((r) => ({
      id: Number(r.id),
      platform: r.platform,
      userId: r.user_id,
      displayName: r.display_name,
      text: r.note,
      at: r.at,
      ...(r.customer ? { customer: r.customer } : {}),
    }));
  }

  async claim(h: HandoffRecord): Promise<boolean> {
    const { changes } = await this.db.run(
      `INSERT INTO handoffs (id, shift_start, shift_end, posted_at, posted_by, card_json) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING`,
      [h.id, h.shiftStart, h.shiftEnd, h.postedAt, h.postedBy, h.cardJson ?? null],
    );
    return changes === 1;
  }

  async get(id: string): Promise<HandoffRecord | undefined> {
    const row = await this.db.get<HandoffRow>('SELECT * FROM handoffs WHERE id = $1', [id]);
    return row ? toHandoff(row) : undefined;
  }

  async acknowledge(id: string, by: string, at: string): Promise<HandoffRecord | undefined> {
    await this.db.run('UPDATE handoffs SET acknowledged_by = $2, acknowledged_at = $3 WHERE id = $1 AND acknowledged_by IS NULL', [id, by, at]);
    return this.get(id);
  }
}
