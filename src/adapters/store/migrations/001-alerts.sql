CREATE TABLE IF NOT EXISTS alerts (
  system_alert_id TEXT PRIMARY KEY,
  alert_type TEXT NOT NULL,
  severity TEXT NOT NULL,
  status TEXT NOT NULL,
  host_name TEXT,
  resource_id TEXT,
  subscription_id TEXT,
  start_time TEXT NOT NULL,
  generated_time TEXT NOT NULL,
  received_at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alerts_generated ON alerts (generated_time);
CREATE INDEX IF NOT EXISTS alerts_host ON alerts (host_name);

CREATE TABLE IF NOT EXISTS message_refs (
  platform TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  thread_id TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  role TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (platform, channel_id, message_id)
);
CREATE INDEX IF NOT EXISTS message_refs_alert ON message_refs (alert_id, role);

CREATE TABLE IF NOT EXISTS audit_log (
  id {{AUTO_ID}},
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  alert_id TEXT,
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);
