/**
 * Where each alert was posted: its card (the root) and the replies worth finding again, per platform and channel.
 */
import type { Platform } from '../domain/intent';
import type { MessageRole } from '../domain/message-role';
import type { MessageRef } from './chat-surface';

export interface MessageRefRecord extends MessageRef {
  alertId: string;
  /** 'root' for the alert's own card; other roles for replies worth finding again. */
  role: MessageRole;
  createdAt: string;
}

export interface MessageRefRepository {
  save(record: MessageRefRecord): Promise<void>;
  /** The root message of an alert on a platform/channel, if posted. */
  findRoot(alertId: string, platform: Platform, channelId?: string): Promise<MessageRefRecord | undefined>;
  listForAlert(alertId: string): Promise<MessageRefRecord[]>;
  /** The alert whose root message this is (a click on a card → its alert). */
  findByMessage(platform: Platform, channelId: string, messageId: string): Promise<MessageRefRecord | undefined>;
}
