-- 013_risk_statement: an explicit, dated "geen materiële risico's" per party and year (BBV art. 15 lid 2e).
--
-- The art. 15 risk item is complete for a year when the party's material financial risks without measures are
-- assessed for that year (governance.register.bbv), or when the gemeente records, for that party and that year,
-- that there are none. The old party.no_material_risks flag had no year and no date, so it no longer counts.

CREATE SEQUENCE risk_statement_id_seq;
CREATE TABLE risk_statement (
    id              INTEGER PRIMARY KEY DEFAULT nextval('risk_statement_id_seq'),
    party_id        INTEGER NOT NULL,             -- governance.db.REFERENCES: party
    year            INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    stated_on       DATE NOT NULL,                -- when it was established that there are no material risks
    note            TEXT,                         -- on what it rests (e.g. the party's begroting, risk paragraph)
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    UNIQUE (party_id, year)
);
