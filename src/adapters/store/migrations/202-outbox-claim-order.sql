-- The outbox is claimed oldest first (ORDER BY id) among pending rows. With an index on
-- (state, next_attempt_at), every claim read and sorted the whole pending backlog (a burst of
-- thousands of alerts made each claim O(backlog)); (state, id) hands them over in order and the
-- claim stops after its batch. Rows waiting for a retry are skipped on the way.
DROP INDEX IF EXISTS outbox_due;
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (state, id);
