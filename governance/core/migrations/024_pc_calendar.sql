-- 024_pc_calendar: the P&C documents of a gemeenschappelijke regeling per begrotingsjaar (governance.calendar).
-- The deadlines are computed from the Wgr rules; a row holds what happened and the regeling's own dates: one row
-- per party, year and document (a change, joining or leaving of the regeling: one row per subject).

CREATE SEQUENCE pc_document_id_seq;
CREATE TABLE pc_document (
    id              INTEGER PRIMARY KEY DEFAULT nextval('pc_document_id_seq'),
    party_id        INTEGER NOT NULL,
    year            INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),  -- begrotingsjaar (wijziging: year sent)
    kind            TEXT NOT NULL CHECK (kind IN ('kaders', 'ontwerpbegroting', 'begroting',
                        'voorlopige_jaarrekening', 'jaarrekening', 'wijziging')),
    subject         TEXT NOT NULL DEFAULT '',     -- wijziging: what changes (toetreding, uittreding, ...)
    own_due         DATE,                         -- the regeling's own deadline: overrides the rule
    board_meeting   DATE,                         -- ontwerpbegroting: the AB meeting that adopts the begroting
    sent_on         DATE,                         -- sent by the GR (to the raden, or to GS)
    received_on     DATE,                         -- received by the gemeente
    council_meeting DATE,                         -- the raad meeting that decides on the zienswijze
    opinion         TEXT,                         -- the zienswijze: text or a file reference
    opinion_decision TEXT CHECK (opinion_decision IS NULL OR opinion_decision IN (
                        'zienswijze', 'geen_bezwaar', 'afgezien')),
    answer_received DATE,                         -- the GR board's written, reasoned answer (Wgr since 2022)
    status          TEXT NOT NULL DEFAULT 'verwacht'
                    CHECK (status IN ('verwacht', 'ontvangen', 'in_behandeling', 'afgerond')),
    notes           TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    UNIQUE (party_id, year, kind, subject)
);
