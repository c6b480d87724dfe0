-- 029_signals: the werkatelier's warning-signs exercise (issue 16, point 4).
--
-- The shipped vocabulary of warning signs is data/signals.yaml (keyed, in Dutch); a participant may add a sign of
-- their own per party (workshop_own_sign, stored once per session, party and wording, whoever adds it first), and
-- ticks the signs they recognise per party (workshop_sign_tick: one row per participant, party and sign; a sign's
-- key is the vocabulary key or 'eigen-<id>' of an own sign). workshop_signal_state: per session, whether the
-- exercise is open and whether the projector shows its counts over the chosen screen. workshop_sign_risk: the risk
-- the facilitator made of a sign at a party, once per session, party and sign (a second click finds the first).
-- References are checked in governance.db.Tx (REFERENCES), see 001_core.sql.

CREATE SEQUENCE workshop_signal_state_id_seq;
CREATE TABLE workshop_signal_state (
    id              INTEGER PRIMARY KEY DEFAULT nextval('workshop_signal_state_id_seq'),
    session_id      INTEGER NOT NULL UNIQUE,
    signals_open    BOOLEAN NOT NULL DEFAULT false,
    on_projector    BOOLEAN NOT NULL DEFAULT false,
    version         INTEGER NOT NULL DEFAULT 1
);

CREATE SEQUENCE workshop_own_sign_id_seq;
CREATE TABLE workshop_own_sign (
    id              INTEGER PRIMARY KEY DEFAULT nextval('workshop_own_sign_id_seq'),
    session_id      INTEGER NOT NULL,
    party_id        INTEGER NOT NULL,
    participant_id  INTEGER NOT NULL,             -- who added it first
    text            TEXT NOT NULL,
    wording         TEXT NOT NULL,                -- the text in lower case, spaces collapsed: the same sign once
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (session_id, party_id, wording)
);

CREATE SEQUENCE workshop_sign_tick_id_seq;
CREATE TABLE workshop_sign_tick (
    id              INTEGER PRIMARY KEY DEFAULT nextval('workshop_sign_tick_id_seq'),
    session_id      INTEGER NOT NULL,
    party_id        INTEGER NOT NULL,
    participant_id  INTEGER NOT NULL,
    sign_key        TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (session_id, party_id, participant_id, sign_key)
);

CREATE SEQUENCE workshop_sign_risk_id_seq;
CREATE TABLE workshop_sign_risk (
    id              INTEGER PRIMARY KEY DEFAULT nextval('workshop_sign_risk_id_seq'),
    session_id      INTEGER NOT NULL,
    party_id        INTEGER NOT NULL,
    sign_key        TEXT NOT NULL,
    risk_id         INTEGER NOT NULL,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (session_id, party_id, sign_key)
);
