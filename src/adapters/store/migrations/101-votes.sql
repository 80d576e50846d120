-- Every vote ever cast (history); seq orders it.
CREATE TABLE IF NOT EXISTS votes (
  seq {{AUTO_ID}},
  alert_id TEXT NOT NULL,
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  verdict TEXT NOT NULL,
  severity TEXT NOT NULL,
  comment TEXT,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS votes_alert ON votes (alert_id, seq);

-- One live vote per person per alert (the latest), enforced by the key.
CREATE TABLE IF NOT EXISTS live_votes (
  alert_id TEXT NOT NULL,
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  vote_seq BIGINT NOT NULL,
  PRIMARY KEY (alert_id, platform, user_id)
);

-- One row per voted alert; votes on an alert update it first, which serializes them on PostgreSQL
-- (row lock) as SQLite's single writer already does, so each vote sees the exact history before it.
CREATE TABLE IF NOT EXISTS vote_locks (
  alert_id TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
