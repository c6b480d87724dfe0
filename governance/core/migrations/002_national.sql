-- 002_national: the national register of gemeenschappelijke regelingen (ROO via Polder) as reference tables, and
-- what ties the gemeente's own register to it.
--
-- national_* tables hold one snapshot of the register and are replaced as a whole by an import (governance.io.national);
-- the replacement is one audited row in national_snapshot. The gemeente's register (party, participation,
-- organisation) keeps, per row that came from the register, the values last taken over (register_values, JSON):
-- a re-import only changes a field whose current value still equals that last value, so what the gemeente entered
-- or edited itself is never overwritten.

CREATE SEQUENCE national_snapshot_id_seq;
CREATE TABLE national_snapshot (
    id              INTEGER PRIMARY KEY DEFAULT nextval('national_snapshot_id_seq'),
    source          TEXT NOT NULL,                 -- file the register was read from
    retrieved       DATE,                          -- when Polder retrieved ROO: the register's "stand"
    loaded_at       TIMESTAMP NOT NULL DEFAULT current_timestamp,
    counts          JSON,
    problems        JSON,                          -- problem code -> count (labels.NATIONAL_PROBLEMS)
    version         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE national_organisation (             -- gemeenten, provincies, waterschappen and other deelnemers
    code            TEXT PRIMARY KEY,              -- TOOI code (gm0654, pv26, ws0155, mnre1109, so0587) or roo-<id>
    roo_id          TEXT,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL,                 -- as organisation.kind
    province        TEXT,                          -- gemeenten: from the CBS list
    inhabitants     INTEGER,                       -- gemeenten: CBS 2025
    kvk             TEXT,
    ended           DATE,                          -- no longer exists (merged, abolished)
    source_url      TEXT
);

CREATE TABLE national_regeling (                 -- every version of every regeling; in_force marks the current one
    roo_id          TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    short_title     TEXT,                          -- citeertitel
    legal_form      TEXT,                          -- our code (party.legal_form), NULL if the register's is unknown
    form_label      TEXT,                          -- samenwerkingsvorm exactly as the register writes it
    purpose         TEXT,                          -- doel
    body_name       TEXT,                          -- regionaal samenwerkingsorgaan: the body that carries it out
    body_roo_id     TEXT,
    seat            TEXT,                          -- town of the body's visiting address
    kvk             TEXT,                          -- the body's KvK number
    in_force_since  DATE,
    ended           DATE,
    previous_roo_id TEXT,
    next_roo_id     TEXT,
    in_force        BOOLEAN NOT NULL,
    source_url      TEXT
);

CREATE TABLE national_participant (              -- deelnemers of the versions in force
    regeling_roo_id TEXT NOT NULL,
    position        INTEGER NOT NULL,
    code            TEXT NOT NULL,                 -- national_organisation.code
    name            TEXT NOT NULL,
    roo_id          TEXT,
    joined          DATE,                          -- toetredingsdatum
    cost_share      DECIMAL(7, 4),                 -- verdeelsleutel in %, decimal comma already converted
    cost_share_text TEXT,                          -- as written in the register
    bodies          TEXT,                          -- participating bestuursorganen
    problem         TEXT,                          -- labels.NATIONAL_PROBLEMS code, or NULL
    PRIMARY KEY (regeling_roo_id, position)
);

CREATE TABLE national_rwt (                      -- private-law organisations of the rwt list a gemeente can add
    roo_id          TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    legal_form      TEXT NOT NULL,                 -- our code: stichting, vereniging, nv, bv, cooperatie, overig
    legal_form_text TEXT,
    kvk             TEXT,
    seat            TEXT,
    source_url      TEXT
);

ALTER TABLE party ADD COLUMN regeling_name TEXT;       -- official name of the regeling (register)
ALTER TABLE party ADD COLUMN executing_body TEXT;      -- the body that carries it out
ALTER TABLE party ADD COLUMN source_url TEXT;          -- organisaties.overheid.nl record
ALTER TABLE party ADD COLUMN register_values JSON;     -- values last taken over from the register
ALTER TABLE participation ADD COLUMN register_values JSON;
ALTER TABLE organisation ADD COLUMN roo_id TEXT;
ALTER TABLE organisation ADD COLUMN province TEXT;
ALTER TABLE organisation ADD COLUMN ended DATE;        -- no longer exists (merged gemeente)
