-- 008_auth: signed-in users with a role, their sign-in sessions and sign-in events; the audit log names the user.
--
-- Passwords are stored only as argon2id hashes; a session cookie only as its SHA-256. Sign-in sessions and
-- events are bookkeeping, not register data: they are written without an audit row, and no secret ever
-- reaches the audit log (governance.core.db redacts it).

CREATE SEQUENCE app_user_id_seq;
CREATE TABLE app_user (
    id              INTEGER PRIMARY KEY DEFAULT nextval('app_user_id_seq'),
    name            TEXT NOT NULL UNIQUE,          -- gebruikersnaam, lower case
    full_name       TEXT,
    email           TEXT UNIQUE,                   -- organisation sign-on (OIDC) finds the user by it
    role            TEXT NOT NULL CHECK (role IN ('beheerder', 'controller', 'facilitator', 'lezer')),
    password_hash   TEXT,                          -- argon2id; NULL: organisation sign-on only
    oidc_subject    TEXT UNIQUE,                   -- issuer + subject once the user signed on through OIDC
    disabled        BOOLEAN NOT NULL DEFAULT false,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at      TIMESTAMP,
    version         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE auth_session (
    token_hash      TEXT PRIMARY KEY,              -- SHA-256 of the token in the browser's cookie
    user_id         INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('sessie', 'eenmalig')),  -- a sign-in, or a one-time link
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    expires_at      TIMESTAMP NOT NULL,
    used_at         TIMESTAMP,                     -- a one-time link, once used
    revoked_at      TIMESTAMP                      -- Afmelden, or the user disabled
);

CREATE SEQUENCE auth_event_id_seq;
CREATE TABLE auth_event (
    id              BIGINT PRIMARY KEY DEFAULT nextval('auth_event_id_seq'),
    logged_at       TIMESTAMP NOT NULL DEFAULT current_timestamp,
    user_name       TEXT NOT NULL,                 -- as typed: also for names that do not exist
    user_id         INTEGER,
    event           TEXT NOT NULL CHECK (event IN (
                        'aangemeld', 'mislukt', 'vertraagd', 'afgemeld', 'eenmalige link', 'geweigerd')),
    detail          TEXT
);
CREATE INDEX auth_event_user ON auth_event (user_name, logged_at);

ALTER TABLE audit_log ADD COLUMN user_id INTEGER;
ALTER TABLE audit_log ADD COLUMN role TEXT;
ALTER TABLE audit_log ADD COLUMN via TEXT;
