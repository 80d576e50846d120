-- Decisions written back to Defender: a durable retry queue.
CREATE TABLE IF NOT EXISTS write_backs (
  id {{AUTO_ID}},
  alert_id TEXT NOT NULL,
  target_status TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  last_http_status INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS write_backs_due ON write_backs (state, next_attempt_at);
CREATE INDEX IF NOT EXISTS write_backs_alert ON write_backs (alert_id, id);
