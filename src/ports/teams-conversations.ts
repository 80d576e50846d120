/**
 * Where the Teams bot may post: a conversation reference per channel (or personal / group chat),
 * captured when the app is installed and refreshed on every incoming activity; Teams gives no
 * other way to learn a channel's service URL. Alerts routed to a channel the bot has not heard
 * from yet wait as pending posts until its reference arrives.
 */
export type TeamsConversationKind = 'channel' | 'personal' | 'groupChat';

export interface TeamsConversationRecord {
  /** Channel conversation id (19:…@thread.tacv2, without `;messageid=`), or a chat id. */
  conversationId: string;
  kind: TeamsConversationKind;
  teamId?: string;
  tenantId?: string;
  serviceUrl: string;
  name?: string;
  /** The SDK's ConversationReference as JSON; opaque to the store. */
  reference: string;
  updatedAt: string;
}

/** Where a waiting post stands. */
export type TeamsPostState =
  | { kind: 'waiting' }
  /** taken for sending by one replica (or turn), so no other posts it too */
  | { kind: 'claimed'; by: string }
  /** posted: the real message id the placeholder stands for */
  | { kind: 'posted'; messageId: string }
  /** its alert was no longer in the store when the channel spoke: nothing to post */
  | { kind: 'alert-gone' };

export interface PendingTeamsPost {
  id: number;
  conversationId: string;
  alertId: string;
  createdAt: string;
  state: TeamsPostState;
}

export interface TeamsConversationStore {
  /** Insert or replace the reference of a conversation. */
  saveConversation(record: TeamsConversationRecord): Promise<void>;
  getConversation(conversationId: string): Promise<TeamsConversationRecord | undefined>;
  listConversations(): Promise<TeamsConversationRecord[]>;
  /** Idempotent per (conversation, alert): returns the existing entry when queued before. */
  enqueuePost(conversationId: string, alertId: string, createdAt: string): Promise<PendingTeamsPost>;
  /** Not yet posted, oldest first. */
  waitingPosts(conversationId: string): Promise<PendingTeamsPost[]>;
  getPost(id: number): Promise<PendingTeamsPost | undefined>;
  /** Takes a waiting post for sending; false when another replica (or turn) already took it. */
  claimPost(id: number, claimant: string): Promise<boolean>;
  /** Gives a claimed post back (sending failed): it waits again. */
  releasePost(id: number): Promise<void>;
  markPosted(id: number, messageId: string): Promise<void>;
  /** A claimed post whose alert is gone: it waits no more, and nothing stands behind its placeholder. */
  markAlertGone(id: number): Promise<void>;
}
