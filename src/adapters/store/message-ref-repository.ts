import type { Platform } from '../../domain/intent';
import { isMessageRole, type MessageRole } from '../../domain/message-role';
import type { MessageRefRecord, MessageRefRepository } from '../../ports/message-ref-repository';
import type { SqlDb, SqlValue } from './sql-db';

interface Row {
  platform: Platform;
  channel_id: string;
  message_id: string;
  thread_id: string;
  alert_id: string;
  role: string;
  created_at: string;
}

const ROOT: MessageRole = 'root';

/** A stored row as a record; a role this version does not know (written by a newer one) is left out. */
const toRecord = (r: Row): MessageRefRecord | undefined =>
  isMessageRole(r.role)
    ? { platform: r.platform, channelId: r.channel_id, messageId: r.message_id, threadId: r.thread_id, alertId: r.alert_id, role: r.role, createdAt: r.created_at }
    : undefined;

export class SqlMessageRefRepository implements MessageRefRepository {
  constructor(private readonly db: SqlDb) {}

  async save(r: MessageRefRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO message_refs (platform, channel_id, message_id, thread_id, alert_id, role, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (platform, channel_id, message_id) DO NOTHING`,
      [r.platform, r.channelId, r.messageId, r.threadId, r.alertId, r.role, r.createdAt],
    );
  }

  async findRoot(alertId: string, platform: Platform, channelId?: string): Promise<MessageRefRecord | undefined> {
    const params: SqlValue[] = [alertId, platform, ROOT];
    let sql = `SELECT * FROM message_refs WHERE alert_id = $1 AND platform = $2 AND role = $3`;
    if (channelId) {
      params.push(channelId);
      sql += ' AND channel_id = $4';
    }
    const row = await this.db.get<Row>(sql + ' ORDER BY created_at LIMIT 1', params);
    return row ? toRecord(row) : undefined;
  }

  async listForAlert(alertId: string): Promise<MessageRefRecord[]> {
    const rows = await this.db.all<Row>('SELECT * FROM message_refs WHERE alert_id = $1 ORDER BY created_at', [alertId]);
    return rows.flatMap((row) => toRecord(row) ?? []);
  }

  async findByMessage(platform: Platform, channelId: string, messageId: string): Promise<MessageRefRecord | undefined> {
    const row = await this.db.get<Row>(
      'SELECT * FROM message_refs WHERE platform = $1 AND channel_id = $2 AND message_id = $3',
      [platform, channelId, messageId],
    );
    return row ? toRecord(row) : undefined;
  }
}
