import type { InvestigationKind } from '../../domain/intent';
import type { CaseFindingsRepository, StoredFinding } from '../../ports/case-findings';
import type { SqlDb } from './sql-db';

interface Row {
  kind: InvestigationKind;
  part_json: string;
  answers_json: string;
  updated_at: string;
}

const ORDER: Record<InvestigationKind, number> = { identity: 0, correlation: 1, analyze: 2 };

export class SqlCaseFindingsRepository implements CaseFindingsRepository {
  constructor(private readonly db: SqlDb) {}

  async save(alertId: string, f: StoredFinding): Promise<void> {
    await this.db.run(
      `INSERT INTO case_findings (alert_id, kind, part_json, answers_json, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (alert_id, kind) DO UPDATE SET part_json = excluded.part_json, answers_json = excluded.answers_json, updated_at = excluded.updated_at`,
      [alertId, f.kind, JSON.stringify(f.part), JSON.stringify(f.answers), f.updatedAt],
    );
  }

  async list(alertId: string): Promise<StoredFinding[]> {
    const rows = await this.db.all<Row>('SELECT kind, part_json, answers_json, updated_at FROM case_findings WHERE alert_id = $1', [alertId]);
    return rows
      .map((r) => ({ kind: r.kind, part: JSON.parse(r.part_json) as StoredFinding['part'], answers: JSON.parse(r.answers_json) as StoredFinding['answers'], updatedAt: r.updated_at }))
      .sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  }
}
