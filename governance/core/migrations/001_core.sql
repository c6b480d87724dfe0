-- 001_core: the register of verbonden partijen, its figures, people, risks, settings and the audit log.
--
-- No FOREIGN KEY clauses: DuckDB refuses to update a referenced row's indexed columns (duckdb foreign key
-- limitations), which would make a party's name uneditable. References are checked in governance.db.Tx instead.
-- Amounts are euros as DECIMAL(18, 2); percentages are 0-100.

CREATE SEQUENCE organisation_id_seq;
CREATE TABLE organisation (
    id              INTEGER PRIMARY KEY DEFAULT nextval('organisation_id_seq'),
    code            TEXT NOT NULL UNIQUE,          -- e.g. gm0363, pv27, ws0155, or a local code
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL DEFAULT 'gemeente'
                    CHECK (kind IN ('gemeente', 'provincie', 'waterschap', 'rijk', 'regeling', 'overig')),
    inhabitants     INTEGER CHECK (inhabitants IS NULL OR inhabitants >= 0),
    is_ours         BOOLEAN NOT NULL DEFAULT false,
    fictitious      BOOLEAN NOT NULL DEFAULT false,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE SEQUENCE party_id_seq;
CREATE TABLE party (
    id              INTEGER PRIMARY KEY DEFAULT nextval('party_id_seq'),
    code            TEXT NOT NULL UNIQUE,          -- short stable key, used by imports and links
    name            TEXT NOT NULL,
    legal_form      TEXT NOT NULL CHECK (legal_form IN (
                        'openbaar_lichaam', 'bedrijfsvoeringsorganisatie', 'gemeenschappelijk_orgaan',
                        'centrumregeling', 'regeling_zonder_meer', 'nv', 'bv', 'cooperatie', 'stichting',
                        'vereniging', 'overig')),
    bbv_category    TEXT NOT NULL CHECK (bbv_category IN (
                        'gemeenschappelijke_regeling', 'vennootschap_cooperatie', 'stichting_vereniging', 'overig')),
    seat            TEXT,                          -- vestigingsplaats
    kvk             TEXT,
    roo_id          TEXT,                          -- id in the national register (organisaties.overheid.nl)
    interest_held   TEXT,                          -- BBV art. 15 lid 2a: how the interest is held
    public_interest TEXT,                          -- BBV art. 15 lid 2a: openbaar belang
    policy_domain   TEXT,
    programme       TEXT,
    founded         DATE,
    ended           DATE,
    mandatory       BOOLEAN NOT NULL DEFAULT false, -- participation required by law (e.g. veiligheidsregio)
    status          TEXT NOT NULL DEFAULT 'actief'
                    CHECK (status IN ('in_oprichting', 'actief', 'in_liquidatie', 'opgeheven')),
    no_material_risks BOOLEAN NOT NULL DEFAULT false, -- explicitly assessed: no material unmitigated risks
    notes           TEXT,
    archived_at     TIMESTAMP,                     -- archived, never deleted
    version         INTEGER NOT NULL DEFAULT 1,    -- optimistic concurrency
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE SEQUENCE participation_id_seq;
CREATE TABLE participation (
    id              INTEGER PRIMARY KEY DEFAULT nextval('participation_id_seq'),
    party_id        INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL,
    voting_share    DECIMAL(7, 4) CHECK (voting_share IS NULL OR (voting_share >= 0 AND voting_share <= 100)),
    shares          BIGINT CHECK (shares IS NULL OR shares >= 0),
    cost_share      DECIMAL(7, 4) CHECK (cost_share IS NULL OR (cost_share >= 0 AND cost_share <= 100)),
    joined          DATE,
    left_on         DATE,
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (party_id, organisation_id)
);

CREATE SEQUENCE party_year_id_seq;
CREATE TABLE party_year (
    id              INTEGER PRIMARY KEY DEFAULT nextval('party_year_id_seq'),
    party_id        INTEGER NOT NULL,
    year            INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    kind            TEXT NOT NULL CHECK (kind IN ('begroting', 'jaarrekening')),
    interest_begin  DECIMAL(18, 2),                -- financieel belang 1/1
    interest_end    DECIMAL(18, 2),                -- financieel belang 31/12
    contribution    DECIMAL(18, 2) CHECK (contribution IS NULL OR contribution >= 0),
    loans           DECIMAL(18, 2) CHECK (loans IS NULL OR loans >= 0),
    guarantees      DECIMAL(18, 2) CHECK (guarantees IS NULL OR guarantees >= 0),
    dividend        DECIMAL(18, 2) CHECK (dividend IS NULL OR dividend >= 0),
    equity_begin    DECIMAL(18, 2),                -- eigen vermogen 1/1 (may be negative)
    equity_end      DECIMAL(18, 2),
    debt_begin      DECIMAL(18, 2) CHECK (debt_begin IS NULL OR debt_begin >= 0),  -- vreemd vermogen 1/1
    debt_end        DECIMAL(18, 2) CHECK (debt_end IS NULL OR debt_end >= 0),
    result          DECIMAL(18, 2),                -- financieel resultaat
    source_document TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (party_id, year, kind)
);

CREATE SEQUENCE person_id_seq;
CREATE TABLE person (
    id              INTEGER PRIMARY KEY DEFAULT nextval('person_id_seq'),
    code            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    function        TEXT NOT NULL CHECK (function IN (
                        'burgemeester', 'wethouder', 'raadslid', 'gemeentesecretaris', 'ambtenaar', 'overig')),
    portfolio       TEXT,                          -- portefeuille
    email           TEXT,
    archived_at     TIMESTAMP,
    version         INTEGER NOT NULL DEFAULT 1
);

CREATE SEQUENCE representation_id_seq;
CREATE TABLE representation (
    id              INTEGER PRIMARY KEY DEFAULT nextval('representation_id_seq'),
    person_id       INTEGER NOT NULL,
    party_id        INTEGER NOT NULL,
    body            TEXT NOT NULL CHECK (body IN (
                        'ab', 'db', 'voorzitter', 'ava', 'rvc', 'bestuur', 'raad_van_toezicht',
                        'adviescommissie', 'ledenraad', 'accounthouder', 'adviseur')),
    capacity        TEXT NOT NULL CHECK (capacity IN (
                        'eigenaar', 'opdrachtgever', 'klant', 'financier', 'toezichthouder', 'regisseur')),
    start_date      DATE,
    end_date        DATE,
    notes           TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);

CREATE SEQUENCE risk_id_seq;
CREATE TABLE risk (
    id              INTEGER PRIMARY KEY DEFAULT nextval('risk_id_seq'),
    party_id        INTEGER,                       -- NULL: a risk of the gemeente itself, not of a party
    category        TEXT NOT NULL CHECK (category IN ('bestuurlijk', 'beleidsmatig', 'financieel')),
    title           TEXT NOT NULL,
    cause           TEXT,
    consequence     TEXT,
    gross_likelihood INTEGER CHECK (gross_likelihood IS NULL OR gross_likelihood >= 1),
    gross_impact    INTEGER CHECK (gross_impact IS NULL OR gross_impact >= 1),
    net_likelihood  INTEGER CHECK (net_likelihood IS NULL OR net_likelihood >= 1),
    net_impact      INTEGER CHECK (net_impact IS NULL OR net_impact >= 1),
    probability_pct DECIMAL(5, 2) CHECK (probability_pct IS NULL OR (probability_pct >= 0 AND probability_pct <= 100)),
    amount_min      DECIMAL(18, 2) CHECK (amount_min IS NULL OR amount_min >= 0),
    amount_likely   DECIMAL(18, 2) CHECK (amount_likely IS NULL OR amount_likely >= 0),
    amount_max      DECIMAL(18, 2) CHECK (amount_max IS NULL OR amount_max >= 0),
    measures        TEXT,                          -- beheersmaatregelen
    owner           TEXT,
    status          TEXT NOT NULL DEFAULT 'open'
                    CHECK (status IN ('open', 'beheerst', 'geaccepteerd', 'vervallen')),
    next_review     DATE,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE setting (
    key             TEXT PRIMARY KEY,
    value           JSON NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);

CREATE SEQUENCE audit_log_id_seq;
CREATE TABLE audit_log (
    id              BIGINT PRIMARY KEY DEFAULT nextval('audit_log_id_seq'),
    logged_at       TIMESTAMP NOT NULL DEFAULT current_timestamp,
    actor           TEXT NOT NULL,
    action          TEXT NOT NULL CHECK (action IN ('insert', 'update', 'archive', 'restore', 'delete')),
    entity          TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    before          JSON,
    after           JSON,
    reason          TEXT
);
