-- When the state an alert row holds was true (its update's date: domain/update-order.ts), so an
-- older update (a replayed webhook body, a late poll page, a redelivered event) cannot overwrite
-- a newer one. NULL for rows stored before: the first dated update replaces them.
ALTER TABLE alerts ADD COLUMN state_as_of TEXT;
