-- 030_programme: a werkatelier's programme (issue 16, point 1): the exercises of the day in order, opened one at a
-- time by the facilitator. workshop_step: one row per step (position 1..n, the exercise's code; the codes are
-- governance.workshop.programme.EXERCISES, checked there). workshop_session.current_step: the position of the
-- step that is open (NULL: none, or the session has no programme and participants choose the section themselves).

CREATE SEQUENCE workshop_step_id_seq;
CREATE TABLE workshop_step (
    id              INTEGER PRIMARY KEY DEFAULT nextval('workshop_step_id_seq'),
    session_id      INTEGER NOT NULL,
    position        INTEGER NOT NULL CHECK (position >= 1),
    exercise        TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (session_id, position)
);

ALTER TABLE workshop_session ADD COLUMN current_step INTEGER;
