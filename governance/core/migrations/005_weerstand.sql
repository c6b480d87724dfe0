-- 005_weerstand: recorded simulations of the weerstandsvermogen (BBV art. 11) for the begroting or jaarstukken.
--
-- A run keeps what the paragraaf reports (beschikbaar, benodigd at the council's certainty level, ratio and NAR
-- class) and what is needed to repeat it (iterations, seed, scope, distribution). The beschikbare capaciteit and
-- the simulation settings themselves live in `setting` (keys 'weerstandscapaciteit' and 'weerstand_simulatie').

CREATE SEQUENCE weerstand_run_id_seq;
CREATE TABLE weerstand_run (
    id              INTEGER PRIMARY KEY DEFAULT nextval('weerstand_run_id_seq'),
    run_at          TIMESTAMP NOT NULL DEFAULT current_timestamp,
    purpose         TEXT NOT NULL CHECK (purpose IN ('begroting', 'jaarstukken', 'overig')),
    year            INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    scope           TEXT NOT NULL CHECK (scope IN ('alle', 'partijen')),
    iterations      INTEGER NOT NULL CHECK (iterations > 0),
    seed            BIGINT NOT NULL CHECK (seed >= 0),
    distribution    TEXT NOT NULL CHECK (distribution IN ('pert', 'triangular')),
    include_exposures BOOLEAN NOT NULL DEFAULT false, -- guarantees and loans simulated as default risks
    risks           INTEGER NOT NULL CHECK (risks >= 0),  -- number of simulated lines
    certainty_pct   DECIMAL(5, 2) NOT NULL CHECK (certainty_pct > 0 AND certainty_pct < 100),
    expected        DECIMAL(18, 2),                -- verwachte waarde of the yearly total
    gross           DECIMAL(18, 2),                -- every risk at its maximum
    available       DECIMAL(18, 2) NOT NULL,       -- beschikbare weerstandscapaciteit
    required        DECIMAL(18, 2) NOT NULL,       -- benodigde weerstandscapaciteit at certainty_pct
    ratio           DECIMAL(12, 4),                -- available / required; NULL when nothing is required
    ratio_class     TEXT NOT NULL CHECK (ratio_class IN ('A', 'B', 'C', 'D', 'E', 'F')),
    levels          JSON,                          -- the certainty table: [{certainty_pct, required, ratio, class}]
    contributions   JSON,                          -- per party its share of `required`
    notes           TEXT,
    version         INTEGER NOT NULL DEFAULT 1
);
