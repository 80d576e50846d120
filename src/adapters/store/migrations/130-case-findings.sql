-- The card is the case: each alert's latest finding per investigation, and where its full answer is.
CREATE TABLE IF NOT EXISTS case_findings (
  alert_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  part_json TEXT NOT NULL,
  answers_json TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (alert_id, kind)
);
