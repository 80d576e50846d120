-- The customer (CUSTOMERS) each alert belongs to, set at ingest, so the handoff and /triage of one
-- customer read only its alerts; NULL without CUSTOMERS, and for alerts stored before (SOC-wide).
-- A handoff note belongs to the customer of the channel it was left in (NULL: SOC-wide).
ALTER TABLE alerts ADD COLUMN customer TEXT;
ALTER TABLE handoff_notes ADD COLUMN customer TEXT;
CREATE INDEX IF NOT EXISTS alerts_customer_received ON alerts (customer, received_at);
