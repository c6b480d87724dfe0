-- 004_risks: beheersmaatregelen per risk, and the risk-profile assessments that set how closely a party is steered.
--
-- The risk table itself is in 001_core.sql; its likelihood and impact are checked against the configured
-- risk matrix (setting 'risk_matrix') by governance.risks, because the scale is a setting, not a constant.
-- The history of a risk is its rows in audit_log (entity 'risk' and 'risk_measure').

CREATE SEQUENCE risk_measure_id_seq;
CREATE TABLE risk_measure (
    id              INTEGER PRIMARY KEY DEFAULT nextval('risk_measure_id_seq'),
    risk_id         INTEGER NOT NULL,             -- governance.db.REFERENCES: risk
    description     TEXT NOT NULL,
    owner           TEXT,
    status          TEXT NOT NULL DEFAULT 'gepland'
                    CHECK (status IN ('gepland', 'in_uitvoering', 'gereed', 'vervallen')),
    due_date        DATE,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- One row per assessment of a party with the rubric (setting 'profile_rubric'). Scores and the rubric as it
-- was are kept, so an old assessment still reads the same after the rubric changes.
CREATE SEQUENCE profile_assessment_id_seq;
CREATE TABLE profile_assessment (
    id              INTEGER PRIMARY KEY DEFAULT nextval('profile_assessment_id_seq'),
    party_id        INTEGER NOT NULL,             -- governance.db.REFERENCES: party
    assessed_on     DATE NOT NULL,
    scores          JSON NOT NULL,                -- {criterion code: score 1-5}
    rubric          JSON NOT NULL,                -- the criteria, weights and thresholds used
    belang_score    DECIMAL(4, 2) NOT NULL,       -- weighted mean of the belang criteria, 1-5
    risk_score      DECIMAL(4, 2) NOT NULL,       -- weighted mean of the risico criteria, 1-5
    total_score     DECIMAL(4, 2) NOT NULL,       -- weighted mean of all criteria, 1-5
    profile_class   TEXT NOT NULL CHECK (profile_class IN ('laag', 'midden', 'hoog')),
    next_assessment DATE NOT NULL,                -- herbeoordeling uiterlijk
    assessor        TEXT,
    notes           TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);
