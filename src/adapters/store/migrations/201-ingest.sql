-- Durable outbox: every message owed to a channel, claimed under a lease (times are epoch ms).
CREATE TABLE IF NOT EXISTS outbox (
  id {{AUTO_ID}},
  alert_id TEXT NOT NULL,
  platform TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  anchor_alert_id TEXT,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  lease_owner TEXT,
  lease_until BIGINT,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  done_at BIGINT
);
CREATE UNIQUE INDEX IF NOT EXISTS outbox_key ON outbox (alert_id, platform, channel_id, kind);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (state, next_attempt_at);

-- Named leases shared by replicas (one poller per subscription).
CREATE TABLE IF NOT EXISTS leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  acquired_at BIGINT NOT NULL
);

-- Defender polling: high-water mark and (alert, status) seen, per subscription.
CREATE TABLE IF NOT EXISTS poll_state (
  subscription_id TEXT PRIMARY KEY,
  high_water TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS poll_seen (
  subscription_id TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  status TEXT NOT NULL,
  generated_time TEXT NOT NULL,
  PRIMARY KEY (subscription_id, alert_id)
);

-- Alert storms and snoozes.
CREATE TABLE IF NOT EXISTS storm_groups (
  id {{AUTO_ID}},
  storm_key TEXT NOT NULL,
  anchor_alert_id TEXT NOT NULL UNIQUE,
  member_count INTEGER NOT NULL,
  snoozed_count INTEGER NOT NULL DEFAULT 0,
  first_at BIGINT NOT NULL,
  last_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS storm_groups_key ON storm_groups (storm_key, last_at);
CREATE TABLE IF NOT EXISTS storm_placements (
  alert_id TEXT PRIMARY KEY,
  storm_key TEXT NOT NULL,
  role TEXT NOT NULL,
  group_id BIGINT,
  alert_at BIGINT NOT NULL,
  snoozed INTEGER NOT NULL DEFAULT 0,
  snoozed_by TEXT,
  placed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS storm_placements_key ON storm_placements (storm_key, alert_at);
CREATE TABLE IF NOT EXISTS snoozes (
  storm_key TEXT PRIMARY KEY,
  anchor_alert_id TEXT NOT NULL,
  until_at TEXT NOT NULL,
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL
);
