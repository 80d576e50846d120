-- A reopening is an entry of the triage history like a vote (kind 'reopen'); what happened during a
-- shift is found by when votes were cast and alerts were received.
ALTER TABLE votes ADD COLUMN kind TEXT NOT NULL DEFAULT 'vote';
CREATE INDEX IF NOT EXISTS votes_at ON votes (at);
CREATE INDEX IF NOT EXISTS alerts_received ON alerts (received_at);
CREATE INDEX IF NOT EXISTS alerts_status_received ON alerts (status, received_at);
