-- 023_finance: financial signals accepted with a reason, and a party's reserve against its own norm.
--
-- The thresholds of the financial signals live in `setting` (key 'finance_signals'); none is stored until
-- someone saves them, so the defaults in governance.finance.settings apply.

-- A financial signal someone accepted, with the reason. The key names the rule, the party and the year (see
-- governance.finance.signals); another year or another party gets a new key and shouts again.
CREATE SEQUENCE finance_signal_ack_id_seq;
CREATE TABLE finance_signal_ack (
    id              INTEGER PRIMARY KEY DEFAULT nextval('finance_signal_ack_id_seq'),
    signal_key      TEXT NOT NULL UNIQUE,
    rule            TEXT NOT NULL,
    reason          TEXT NOT NULL,
    acknowledged_by TEXT NOT NULL,
    acknowledged_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    version         INTEGER NOT NULL DEFAULT 1
);

-- The reserve a party holds (its algemene reserve or weerstandsvermogen) and the norm the party set for it
-- itself, per year and document. Optional: only where a controller entered them.
CREATE SEQUENCE party_reserve_id_seq;
CREATE TABLE party_reserve (
    id              INTEGER PRIMARY KEY DEFAULT nextval('party_reserve_id_seq'),
    party_id        INTEGER NOT NULL,
    year            INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    kind            TEXT NOT NULL CHECK (kind IN ('begroting', 'jaarrekening')),
    reserve         DECIMAL(18, 2),
    norm            DECIMAL(18, 2) CHECK (norm IS NULL OR norm >= 0),
    source_document TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (party_id, year, kind)
);
