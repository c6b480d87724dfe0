-- 027_day: the werkatelier's shared language and its role exercise (issue 16, points 6 and 3).
--
-- glossary_term: a beheerder's version of a term of the begrippenkader. The shipped default is data/glossary.csv;
-- a row here replaces the shipped term with the same key (or adds a new one); `hidden` takes a shipped term out.
-- workshop_role_view: one participant's placement of the gemeente's role at one party on the ROB
-- overheidsparticipatietrap, and whether the gemeente acts as verbinder, once as rolopvatting (the role the
-- gemeente takes) and once as rolverwachting (the role the partner or others expect); a second placement of the
-- same kind replaces the first. workshop_role_agreement: the role the group agreed on per party, written back to
-- the party when the facilitator chooses. workshop_display: per session, whether the role exercise is open and
-- what the projector shows over the screen of 007 (a term of the begrippenkader, or the role exercise).
-- party.government_connector: whether the gemeente acts as verbinder at the party (NULL: not recorded).
-- Code lists of existing tables are enforced by governance (STANCE_SCHEMA), see 006_roles.sql.

CREATE SEQUENCE glossary_term_id_seq;
CREATE TABLE glossary_term (
    id              INTEGER PRIMARY KEY DEFAULT nextval('glossary_term_id_seq'),
    term_key        TEXT NOT NULL UNIQUE,         -- the key of the shipped term it replaces, or a new key
    term            TEXT NOT NULL,
    basis           TEXT NOT NULL CHECK (basis IN ('wet', 'praktijk', 'model')),
    definition      TEXT NOT NULL,
    source          TEXT,
    hidden          BOOLEAN NOT NULL DEFAULT false,
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    version         INTEGER NOT NULL DEFAULT 1
);

CREATE SEQUENCE workshop_role_view_id_seq;
CREATE TABLE workshop_role_view (
    id              INTEGER PRIMARY KEY DEFAULT nextval('workshop_role_view_id_seq'),
    session_id      INTEGER NOT NULL,
    party_id        INTEGER NOT NULL,
    participant_id  INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('opvatting', 'verwachting')),
    role            TEXT NOT NULL CHECK (role IN ('loslaten', 'faciliteren', 'stimuleren', 'regisseren', 'reguleren')),
    connector       BOOLEAN NOT NULL,             -- the gemeente acts as verbinder
    perspective     TEXT,                         -- the perspective taken for this placement (rollenspel), if any
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (session_id, party_id, participant_id, kind)
);

CREATE SEQUENCE workshop_role_agreement_id_seq;
CREATE TABLE workshop_role_agreement (
    id              INTEGER PRIMARY KEY DEFAULT nextval('workshop_role_agreement_id_seq'),
    session_id      INTEGER NOT NULL,
    party_id        INTEGER NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('loslaten', 'faciliteren', 'stimuleren', 'regisseren', 'reguleren')),
    connector       BOOLEAN,
    written_back    BOOLEAN NOT NULL DEFAULT false,
    locked_at       TIMESTAMP NOT NULL DEFAULT current_timestamp,
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (session_id, party_id)
);

CREATE SEQUENCE workshop_display_id_seq;
CREATE TABLE workshop_display (
    id              INTEGER PRIMARY KEY DEFAULT nextval('workshop_display_id_seq'),
    session_id      INTEGER NOT NULL UNIQUE,
    roles_open      BOOLEAN NOT NULL DEFAULT false,
    projector       TEXT CHECK (projector IS NULL OR projector IN ('begrip', 'rollen')),
    term_key        TEXT,
    version         INTEGER NOT NULL DEFAULT 1
);

ALTER TABLE party ADD COLUMN government_connector BOOLEAN;
