-- 025_agenda: "koers houden" per verbonden partij — why the gemeente takes part (motives, and whether each is
-- being met), what the collaboration should deliver (intended versus achieved results), the evaluations held and
-- planned, and the ontwikkelagenda: actions with an owner, a deadline, a status and a horizon. An action comes
-- from a controller's hand or from a werkatelier's accepted verbetervoorstel (session and proposal kept).

CREATE SEQUENCE party_motive_id_seq;
CREATE TABLE party_motive (
    id              INTEGER PRIMARY KEY DEFAULT nextval('party_motive_id_seq'),
    party_id        INTEGER NOT NULL,
    motive          TEXT NOT NULL,                 -- e.g. 'schaalvoordeel', 'kwaliteit', 'wettelijke plicht'
    met             TEXT NOT NULL DEFAULT 'onbekend' CHECK (met IN ('ja', 'deels', 'nee', 'onbekend')),
    explanation     TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE SEQUENCE party_result_id_seq;
CREATE TABLE party_result (
    id              INTEGER PRIMARY KEY DEFAULT nextval('party_result_id_seq'),
    party_id        INTEGER NOT NULL,
    intended        TEXT NOT NULL,                 -- the beoogde resultaat
    achieved        TEXT,                          -- what was behaald, in words
    assessment      TEXT NOT NULL DEFAULT 'onbekend' CHECK (assessment IN ('ja', 'deels', 'nee', 'onbekend')),
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE SEQUENCE party_evaluation_id_seq;
CREATE TABLE party_evaluation (
    id              INTEGER PRIMARY KEY DEFAULT nextval('party_evaluation_id_seq'),
    party_id        INTEGER NOT NULL,
    held_on         DATE NOT NULL,
    conclusion      TEXT,
    next_planned    DATE,                          -- the next evaluation as agreed; NULL: held_on + the interval setting
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE SEQUENCE agenda_action_id_seq;
CREATE TABLE agenda_action (
    id              INTEGER PRIMARY KEY DEFAULT nextval('agenda_action_id_seq'),
    party_id        INTEGER NOT NULL,
    action          TEXT NOT NULL,
    owner           TEXT,
    deadline        DATE,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'bezig', 'gereed', 'vervallen')),
    horizon         TEXT NOT NULL CHECK (horizon IN ('kort', 'middellang', 'lang')),
    source          TEXT NOT NULL DEFAULT 'handmatig' CHECK (source IN ('handmatig', 'werkatelier')),
    session_id      INTEGER,                       -- the werkatelier it came from
    proposal_id     INTEGER UNIQUE,                -- the accepted verbetervoorstel: accepted once
    notes           TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    UNIQUE (party_id, action)                      -- the Excel sheet matches an action on party and text
);
