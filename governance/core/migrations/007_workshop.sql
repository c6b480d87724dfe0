-- 007_workshop: werkatelier sessions where participants score risks from their own device.
--
-- Participants are anonymous: a random token in their URL is the only key (it survives reloads and dropped
-- websockets). Scores are unique per item, participant and round: a second vote replaces the first.
-- References are checked in governance.db.Tx (REFERENCES), not with FOREIGN KEY clauses (see 001_core.sql).

CREATE SEQUENCE workshop_session_id_seq;
CREATE TABLE workshop_session (
    id              INTEGER PRIMARY KEY DEFAULT nextval('workshop_session_id_seq'),
    code            TEXT NOT NULL UNIQUE,          -- join code, e.g. K7QX4M (no 0/O/1/I)
    title           TEXT NOT NULL,
    casus           TEXT,                          -- optional case text shown to participants
    perspectives    JSON NOT NULL,                 -- list of perspective names participants may take
    facilitator     TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'gesloten')),
    round           INTEGER NOT NULL DEFAULT 1 CHECK (round BETWEEN 1 AND 9),
    round_open      BOOLEAN NOT NULL DEFAULT true, -- participants may score in the current round
    revealed        BOOLEAN NOT NULL DEFAULT false, -- the projector shows the votes of the current round
    proposals_open  BOOLEAN NOT NULL DEFAULT true, -- participants may add proposals and place dots
    dots            INTEGER NOT NULL DEFAULT 3 CHECK (dots BETWEEN 1 AND 20),
    screen          TEXT NOT NULL DEFAULT 'deelnemen' CHECK (screen IN (  -- what the projector shows
                        'deelnemen', 'scores', 'perspectieven', 'voorstellen', 'krachtenveld')),
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    closed_at       TIMESTAMP,
    version         INTEGER NOT NULL DEFAULT 1
);

CREATE SEQUENCE workshop_item_id_seq;
CREATE TABLE workshop_item (
    id              INTEGER PRIMARY KEY DEFAULT nextval('workshop_item_id_seq'),
    session_id      INTEGER NOT NULL,
    position        INTEGER NOT NULL CHECK (position >= 1),  -- the number shown on the projector
    kind            TEXT NOT NULL CHECK (kind IN ('risk', 'party')),
    risk_id         INTEGER,
    party_id        INTEGER,
    label           TEXT NOT NULL,
    consensus_likelihood INTEGER CHECK (consensus_likelihood IS NULL OR consensus_likelihood >= 1),
    consensus_impact INTEGER CHECK (consensus_impact IS NULL OR consensus_impact >= 1),
    locked_at       TIMESTAMP,
    written_back    TEXT CHECK (written_back IS NULL OR written_back IN ('net', 'gross')),
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (session_id, position)
);

CREATE SEQUENCE workshop_participant_id_seq;
CREATE TABLE workshop_participant (
    id              INTEGER PRIMARY KEY DEFAULT nextval('workshop_participant_id_seq'),
    session_id      INTEGER NOT NULL,
    token           TEXT NOT NULL UNIQUE,
    perspective     TEXT NOT NULL,
    name            TEXT,
    joined_at       TIMESTAMP NOT NULL DEFAULT current_timestamp,
    version         INTEGER NOT NULL DEFAULT 1
);

CREATE SEQUENCE workshop_score_id_seq;
CREATE TABLE workshop_score (
    id              INTEGER PRIMARY KEY DEFAULT nextval('workshop_score_id_seq'),
    session_id      INTEGER NOT NULL,
    item_id         INTEGER NOT NULL,
    participant_id  INTEGER NOT NULL,
    round           INTEGER NOT NULL,
    likelihood      INTEGER NOT NULL CHECK (likelihood >= 1),
    impact          INTEGER NOT NULL CHECK (impact >= 1),
    reason          TEXT,
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (item_id, participant_id, round)
);

CREATE SEQUENCE workshop_proposal_id_seq;
CREATE TABLE workshop_proposal (
    id              INTEGER PRIMARY KEY DEFAULT nextval('workshop_proposal_id_seq'),
    session_id      INTEGER NOT NULL,
    party_id        INTEGER NOT NULL,
    horizon         TEXT NOT NULL CHECK (horizon IN ('kort', 'middellang', 'lang')),
    text            TEXT NOT NULL,
    participant_id  INTEGER,                       -- NULL: added by the facilitator
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    version         INTEGER NOT NULL DEFAULT 1
);

CREATE SEQUENCE workshop_dot_id_seq;
CREATE TABLE workshop_dot (
    id              INTEGER PRIMARY KEY DEFAULT nextval('workshop_dot_id_seq'),
    session_id      INTEGER NOT NULL,
    proposal_id     INTEGER NOT NULL,
    participant_id  INTEGER NOT NULL,
    dots            INTEGER NOT NULL CHECK (dots >= 0), -- a participant may stack dots on one proposal
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (proposal_id, participant_id)
);

CREATE SEQUENCE workshop_stakeholder_id_seq;
CREATE TABLE workshop_stakeholder (
    id              INTEGER PRIMARY KEY DEFAULT nextval('workshop_stakeholder_id_seq'),
    session_id      INTEGER NOT NULL,
    name            TEXT NOT NULL,
    influence       INTEGER NOT NULL CHECK (influence BETWEEN 1 AND 5),  -- invloed
    interest        INTEGER NOT NULL CHECK (interest BETWEEN 1 AND 5),   -- belang
    attitude        TEXT NOT NULL CHECK (attitude IN ('voor', 'neutraal', 'tegen')),
    notes           TEXT,
    version         INTEGER NOT NULL DEFAULT 1
);
