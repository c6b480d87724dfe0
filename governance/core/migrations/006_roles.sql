-- 006_roles: who represents the gemeente where. Government role and participation level per party,
-- acknowledged role signals, and the settings the role signals use.
--
-- DuckDB cannot add a column with a CHECK constraint (ALTER TABLE ... ADD COLUMN ... CHECK is "not supported
-- yet"), so the code lists of the two new party columns are enforced by governance.roles (STANCE_SCHEMA),
-- the one path every form, import and the demo loader goes through.

-- ROB overheidsparticipatietrap: loslaten, faciliteren, stimuleren, regisseren, reguleren.
ALTER TABLE party ADD COLUMN government_role TEXT;
-- Burgerparticipatieladder: informeren, raadplegen, adviseren, coproduceren, meebeslissen.
ALTER TABLE party ADD COLUMN participation_level TEXT;
-- Why this role and level were chosen (politics should choose them explicitly, per party).
ALTER TABLE party ADD COLUMN government_role_notes TEXT;

-- A role signal someone accepted, with the reason. The signal key names the rule and the people and party
-- involved (see governance.rolesignals); a changed situation gets a new key and shouts again.
CREATE SEQUENCE role_signal_ack_id_seq;
CREATE TABLE role_signal_ack (
    id              INTEGER PRIMARY KEY DEFAULT nextval('role_signal_ack_id_seq'),
    signal_key      TEXT NOT NULL UNIQUE,
    rule            TEXT NOT NULL,
    reason          TEXT NOT NULL,
    acknowledged_by TEXT NOT NULL,
    acknowledged_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    version         INTEGER NOT NULL DEFAULT 1
);

-- Defaults of the role signals; changed on the Rollen page (audited).
INSERT INTO setting (key, value) VALUES
    ('roles.max_bodies', '6'),
    ('roles.term_horizon_days', '90'),
    ('roles.portfolio_domains', '{}');
