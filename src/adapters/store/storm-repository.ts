import { planPlacement, type StormFacts, type StormGroupChange, type StormPlan, type StormRole } from '../../domain/storm/storm-rules';
import type {
  PlaceRequest,
  Snooze,
  SnoozeReport,
  StormGroupInfo,
  StormPlacement,
  StormRepository,
  StormRules,
} from '../../ports/storm-repository';
import type { SqlDb } from './sql-db';

interface PlacementRow {
  alert_id: string;
  storm_key: string;
  role: StormRole;
  group_id: number | null;
  snoozed: number | boolean;
  snoozed_by: string | null;
  placed_at: string;
  anchor_alert_id: string | null;
}

interface GroupRow {
  id: number;
  storm_key: string;
  anchor_alert_id: string;
  member_count: number;
  snoozed_count: number;
  first_at: number;
  last_at: number;
}

interface SnoozeRow {
  storm_key: string;
  anchor_alert_id: string;
  until_at: string;
  set_by: string;
  set_at: string;
}

const PLACEMENT_SELECT = `SELECT p.*, g.anchor_alert_id FROM storm_placements p LEFT JOIN storm_groups g ON g.id = p.group_id`;

const toPlacement = (r: PlacementRow): StormPlacement => ({
  alertId: r.alert_id,
  stormKey: r.storm_key,
  role: r.role,
  anchorAlertId: r.anchor_alert_id ?? undefined,
  snoozed: Boolean(Number(r.snoozed)),
  snoozedBy: r.snoozed_by ?? undefined,
  placedAt: r.placed_at,
});

const toSnooze = (r: SnoozeRow): Snooze => ({
  stormKey: r.storm_key,
  anchorAlertId: r.anchor_alert_id,
  until: r.until_at,
  by: r.set_by,
  setAt: r.set_at,
});

const iso = (ms: number) => new Date(Number(ms)).toISOString();

export class SqlStormRepository implements StormRepository {
  constructor(private readonly db: SqlDb) {}

  async place(req: PlaceRequest, rules: StormRules): Promise<StormPlacement> {
    return this.db.transaction(async (tx) => {
      // Serialize placements of one key across replicas (Postgres); SQLite transactions are serial already.
      if (tx.dialect === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(hashtext($1))', [req.stormKey]);
      const existing = await tx.get<PlacementRow>(`${PLACEMENT_SELECT} WHERE p.alert_id = $1`, [req.alertId]);
      if (existing) return toPlacement(existing);
      const plan = planPlacement(await stormFacts(tx, req, rules));
      await executePlan(tx, req, plan);
      const row = await tx.get<PlacementRow>(`${PLACEMENT_SELECT} WHERE p.alert_id = $1`, [req.alertId]);
      return toPlacement(row!);
    });
  }

  async placement(alertId: string): Promise<StormPlacement | undefined> {
    const row = await this.db.get<PlacementRow>(`${PLACEMENT_SELECT} WHERE p.alert_id = $1`, [alertId]);
    return row ? toPlacement(row) : undefined;
  }

  async groupOfAnchor(anchorAlertId: string): Promise<StormGroupInfo | undefined> {
    const g = await this.db.get<GroupRow>('SELECT * FROM storm_groups WHERE anchor_alert_id = $1', [anchorAlertId]);
    if (!g) return undefined;
    return {
      anchorAlertId: g.anchor_alert_id,
      stormKey: g.storm_key,
      count: Number(g.member_count),
      snoozedCount: Number(g.snoozed_count),
      firstAt: iso(g.first_at),
      lastAt: iso(g.last_at),
    };
  }

  async setSnooze(s: Snooze): Promise<void> {
    await this.db.transaction(async (tx) => {
      // A snooze set on a lone card makes that card a group card, so snoozed alerts have a counter to land on.
      const placed = await tx.get<{ alert_at: number }>('SELECT alert_at FROM storm_placements WHERE alert_id = $1', [
        s.anchorAlertId,
      ]);
      const at = placed ? Number(placed.alert_at) : Date.parse(s.setAt);
      const inserted = await tx.run(
        `INSERT INTO storm_groups (storm_key, anchor_alert_id, member_count, snoozed_count, first_at, last_at)
         VALUES ($1, $2, 1, 0, $3, $3) ON CONFLICT (anchor_alert_id) DO NOTHING`,
        [s.stormKey, s.anchorAlertId, at],
      );
      if (inserted.changes && placed) {
        await tx.run(
          `UPDATE storm_placements SET role = 'anchor', group_id = (SELECT id FROM storm_groups WHERE anchor_alert_id = $1)
           WHERE alert_id = $1`,
          [s.anchorAlertId],
        );
      }
      await tx.run(
        `INSERT INTO snoozes (storm_key, anchor_alert_id, until_at, set_by, set_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (storm_key) DO UPDATE SET anchor_alert_id = excluded.anchor_alert_id, until_at = excluded.until_at,
           set_by = excluded.set_by, set_at = excluded.set_at`,
        [s.stormKey, s.anchorAlertId, s.until, s.by, s.setAt],
      );
    });
  }

  async activeSnooze(stormKey: string, nowIso: string): Promise<Snooze | undefined> {
    const row = await this.db.get<SnoozeRow>('SELECT * FROM snoozes WHERE storm_key = $1 AND until_at > $2', [stormKey, nowIso]);
    return row ? toSnooze(row) : undefined;
  }

  async snoozedSince(sinceIso: string, limit = 1000): Promise<StormPlacement[]> {
    const rows = await this.db.all<PlacementRow>(
      `${PLACEMENT_SELECT} WHERE p.snoozed = 1 AND p.placed_at >= $1 ORDER BY p.placed_at LIMIT $2`,
      [sinceIso, limit],
    );
    return rows.map(toPlacement);
  }

  async snoozesDuring(sinceIso: string, untilIso: string): Promise<SnoozeReport[]> {
    // One snooze row per key (the latest); held alerts are counted, not listed, so a storm of any size fits.
    const held = `SELECT COUNT(*) FROM storm_placements p
      WHERE p.storm_key = s.storm_key AND p.snoozed = 1 AND p.placed_at >= $1 AND p.placed_at < $2`;
    const rows = await this.db.all<SnoozeRow & { held: number | string }>(
      `SELECT s.*, (${held}) AS held FROM snoozes s
       WHERE (s.until_at > $1 AND s.set_at < $2) OR (${held}) > 0
       ORDER BY s.set_at, s.storm_key`,
      [sinceIso, untilIso],
    );
    return rows.map((r) => ({ ...toSnooze(r), held: Number(r.held) }));
  }
}

/** What the domain needs to place an alert: the key's active snooze, open group and recent singles. */
async function stormFacts(tx: SqlDb, req: PlaceRequest, rules: StormRules): Promise<StormFacts> {
  const at = Date.parse(req.alertTime);
  const windowMs = rules.windowMinutes * 60_000;
  const snooze = await tx.get<{ set_by: string; group_id: number | null }>(
    `SELECT s.set_by, g.id AS group_id FROM snoozes s LEFT JOIN storm_groups g ON g.anchor_alert_id = s.anchor_alert_id
     WHERE s.storm_key = $1 AND s.until_at > $2`,
    [req.stormKey, req.now],
  );
  const open = await tx.get<{ id: number }>('SELECT id FROM storm_groups WHERE storm_key = $1 AND last_at >= $2 ORDER BY id DESC LIMIT 1', [
    req.stormKey,
    at - windowMs,
  ]);
  const singlesAround = `FROM storm_placements WHERE storm_key = $1 AND role = 'single' AND alert_at >= $2 AND alert_at <= $3`;
  const around = [req.stormKey, at - windowMs, at + windowMs];
  const singles = await tx.get<{ n: number | string }>(`SELECT COUNT(*) AS n ${singlesAround}`, around);
  const earliest = await tx.get<{ alert_id: string; alert_at: number }>(`SELECT alert_id, alert_at ${singlesAround} ORDER BY alert_at, placed_at, alert_id LIMIT 1`, around);
  return {
    alertId: req.alertId,
    alertAt: at,
    snooze: snooze ? { by: snooze.set_by, groupId: snooze.group_id === null ? undefined : Number(snooze.group_id) } : undefined,
    openGroupId: open ? Number(open.id) : undefined,
    recentSingles: Number(singles?.n ?? 0),
    earliestSingle: earliest ? { alertId: earliest.alert_id, alertAt: Number(earliest.alert_at) } : undefined,
    threshold: rules.threshold,
  };
}

/** Writes the domain's plan as it is: the group change, then the alert's placement. */
async function executePlan(tx: SqlDb, req: PlaceRequest, plan: StormPlan): Promise<void> {
  const groupId = await applyGroupChange(tx, req.stormKey, plan.group);
  const { role, snoozed, snoozedBy } = plan.placement;
  await tx.run(
    `INSERT INTO storm_placements (alert_id, storm_key, role, group_id, alert_at, snoozed, snoozed_by, placed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [req.alertId, req.stormKey, role, groupId, Date.parse(req.alertTime), snoozed ? 1 : 0, snoozedBy ?? null, req.now],
  );
}

/** The group the alert lands in (null: none). */
async function applyGroupChange(tx: SqlDb, stormKey: string, change: StormGroupChange): Promise<number | null> {
  if (change.kind === 'none') return null;
  if (change.kind === 'join') {
    await tx.run(
      `UPDATE storm_groups SET member_count = member_count + 1, snoozed_count = snoozed_count + $2,
         last_at = CASE WHEN last_at < $3 THEN $3 ELSE last_at END WHERE id = $1`,
      [change.groupId, change.snoozed ? 1 : 0, change.at],
    );
    return change.groupId;
  }
  const g = await tx.get<{ id: number }>(
    `INSERT INTO storm_groups (storm_key, anchor_alert_id, member_count, snoozed_count, first_at, last_at)
     VALUES ($1, $2, $3, 0, $4, $5) RETURNING id`,
    [stormKey, change.anchorAlertId, change.count, change.firstAt, change.lastAt],
  );
  const groupId = Number(g!.id);
  if (change.adopt) await tx.run(`UPDATE storm_placements SET role = 'anchor', group_id = $1 WHERE alert_id = $2`, [groupId, change.adopt]);
  return groupId;
}
