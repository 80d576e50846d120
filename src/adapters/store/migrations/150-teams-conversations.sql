-- Teams: where the bot may post (conversation references), and alerts waiting for their channel.
CREATE TABLE IF NOT EXISTS teams_conversations (
  conversation_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  team_id TEXT,
  tenant_id TEXT,
  service_url TEXT NOT NULL,
  name TEXT,
  reference TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS teams_pending_posts (
  id {{AUTO_ID}},
  conversation_id TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  posted_message_id TEXT,
  UNIQUE (conversation_id, alert_id)
);
CREATE INDEX IF NOT EXISTS teams_pending_waiting ON teams_pending_posts (conversation_id, posted_message_id);
