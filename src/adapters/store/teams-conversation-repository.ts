/**
 * Teams conversation references and pending posts, in portable SQL (SQLite and PostgreSQL).
 */
import type { PendingTeamsPost, TeamsConversationKind, TeamsConversationRecord, TeamsConversationStore, TeamsPostState } from '../../ports/teams-conversations';
import type { SqlDb } from './sql-db';

interface ConversationRow {
  conversation_id: string;
  kind: TeamsConversationKind;
  team_id: string | null;
  tenant_id: string | null;
  service_url: string;
  name: string | null;
  reference: string;
  updated_at: string;
}

interface PendingRow {
  id: number | string;
  conversation_id: string;
  alert_id: string;
  created_at: string;
  /** the post's state in one column: NULL waiting, 'claimed:<who>', 'alert-gone', else the posted message id */
  posted_message_id: string | null;
}

const CLAIMED = 'claimed:';
const ALERT_GONE = 'alert-gone';

function postStateOf(stored: string | null): TeamsPostState {
  if (stored === null) return { kind: 'waiting' };
  if (stored === ALERT_GONE) return { kind: 'alert-gone' };
  if (stored.startsWith(CLAIMED)) return { kind: 'claimed', by: stored.slice(CLAIMED.length) };
  return { kind: 'posted', messageId: stored };
}

const toConversation = (r: ConversationRow): TeamsConversationRecord => ({
  conversationId: r.conversation_id,
  kind: r.kind,
  teamId: r.team_id ?? undefined,
  tenantId: r.tenant_id ?? undefined,
  serviceUrl: r.service_url,
  name: r.name ?? undefined,
  reference: r.reference,
  updatedAt: r.updated_at,
});

const toPending = (r: PendingRow): PendingTeamsPost => ({
  id: Number(r.id),
  conversationId: r.conversation_id,
  alertId: r.alert_id,
  createdAt: r.created_at,
  state: postStateOf(r.posted_message_id),
});

export class SqlTeamsConversationStore implements TeamsConversationStore {
  constructor(private readonly db: SqlDb) {}

  async saveConversation(r: TeamsConversationRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO teams_conversations (conversation_id, kind, team_id, tenant_id, service_url, name, reference, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (conversation_id) DO UPDATE SET kind = excluded.kind, team_id = excluded.team_id,
         tenant_id = excluded.tenant_id, service_url = excluded.service_url,
         name = COALESCE(excluded.name, teams_conversations.name), reference = excluded.reference, updated_at = excluded.updated_at`,
      [r.conversationId, r.kind, r.teamId ?? null, r.tenantId ?? null, r.serviceUrl, r.name ?? null, r.reference, r.updatedAt],
    );
  }

  async getConversation(conversationId: string): Promise<TeamsConversationRecord | undefined> {
    const row = await this.db.get<ConversationRow>('SELECT * FROM teams_conversations WHERE conversation_id = $1', [conversationId]);
    return row ? toConversation(row) : undefined;
  }

  async listConversations(): Promise<TeamsConversationRecord[]> {
    const rows = await this.db.all<ConversationRow>('SELECT * FROM teams_conversations ORDER BY updated_at DESC');
    return rows.map(toConversation);
  }

  async enqueuePost(conversationId: string, alertId: string, createdAt: string): Promise<PendingTeamsPost> {
    await this.db.run(
      `INSERT INTO teams_pending_posts (conversation_id, alert_id, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (conversation_id, alert_id) DO NOTHING`,
      [conversationId, alertId, createdAt],
    );
    const row = await this.db.get<PendingRow>('SELECT * FROM teams_pending_posts WHERE conversation_id = $1 AND alert_id = $2', [
      conversationId,
      alertId,
    ]);
    if (!row) throw new Error(`teams_pending_posts: row for ${alertId} vanished right after insert`);
    return toPending(row);
  }

  async waitingPosts(conversationId: string): Promise<PendingTeamsPost[]> {
    const rows = await this.db.all<PendingRow>(
      'SELECT * FROM teams_pending_posts WHERE conversation_id = $1 AND posted_message_id IS NULL ORDER BY id',
      [conversationId],
    );
    return rows.map(toPending);
  }

  async getPost(id: number): Promise<PendingTeamsPost | undefined> {
    const row = await this.db.get<PendingRow>('SELECT * FROM teams_pending_posts WHERE id = $1', [id]);
    return row ? toPending(row) : undefined;
  }

  async claimPost(id: number, claimant: string): Promise<boolean> {
    const { changes } = await this.db.run(
      'UPDATE teams_pending_posts SET posted_message_id = $1 WHERE id = $2 AND posted_message_id IS NULL',
      [`${CLAIMED}${claimant}`, id],
    );
    return changes === 1;
  }

  async releasePost(id: number): Promise<void> {
    await this.db.run('UPDATE teams_pending_posts SET posted_message_id = NULL WHERE id = $1 AND posted_message_id LIKE $2', [id, `${CLAIMED}%`]);
  }

  async markPosted(id: number, messageId: string): Promise<void> {
    await this.db.run('UPDATE teams_pending_posts SET posted_message_id = $1 WHERE id = $2', [messageId, id]);
  }

  async markAlertGone(id: number): Promise<void> {
    await this.db.run('UPDATE teams_pending_posts SET posted_message_id = $1 WHERE id = $2', [ALERT_GONE, id]);
  }
}
