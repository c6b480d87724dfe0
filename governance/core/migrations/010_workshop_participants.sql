-- 010_workshop_participants: the facilitator's hold on who takes part in a werkatelier.
--
-- A session may cap its number of participants (NULL: no cap). A participant the facilitator removed keeps their
-- row (so the audit log and the per-minute join count stay true) but no longer counts: their token stops working,
-- their scores and dots are deleted in the same transaction. Limits are checked in governance.workshop.participants
-- inside the write transaction, not with CHECK clauses (DuckDB cannot add those to an existing table).

ALTER TABLE workshop_session ADD COLUMN max_participants INTEGER;    -- NULL: as many as join
ALTER TABLE workshop_participant ADD COLUMN removed_at TIMESTAMP;   -- NULL: taking part
ALTER TABLE workshop_participant ADD COLUMN removed_by TEXT;        -- the facilitator who removed them
