-- 022_paragraph_text: the text of BBV art. 15 lid 1 per year and kind — the visie on verbonden partijen in
-- relation to the goals of the begroting, and the beleidsvoornemens about them — written by the gemeente itself.
-- One row per year and document (begroting or jaarstukken); the paragraaf prints it as stored, never a guess.

CREATE SEQUENCE paragraph_text_id_seq;
CREATE TABLE paragraph_text (
    id              INTEGER PRIMARY KEY DEFAULT nextval('paragraph_text_id_seq'),
    year            INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    kind            TEXT NOT NULL CHECK (kind IN ('begroting', 'jaarstukken')),
    vision          TEXT,                         -- art. 15 lid 1 onder a: de visie op verbonden partijen
    intentions      TEXT,                         -- art. 15 lid 1 onder b: de beleidsvoornemens
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    UNIQUE (year, kind)
);
