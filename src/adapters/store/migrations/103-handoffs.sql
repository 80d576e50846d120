CREATE TABLE IF NOT EXISTS handoff_notes (
  id {{AUTO_ID}},
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  note TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS handoff_notes_at ON handoff_notes (at);

CREATE TABLE IF NOT EXISTS handoffs (
  id TEXT PRIMARY KEY,
  shift_start TEXT NOT NULL,
  shift_end TEXT NOT NULL,
  posted_at TEXT NOT NULL,
  posted_by TEXT NOT NULL,
  card_json TEXT,
  acknowledged_by TEXT,
  acknowledged_at TEXT
);
