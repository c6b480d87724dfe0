-- 031_forcefield: the krachtenveld per side (intern: the gemeente's own organisation and bestuur; extern: the
-- omgevingskrachtenveld), with stakeholders proposed by participants that the facilitator accepts or rejects
-- (issue 16 point 5). DuckDB cannot add a column with a CHECK constraint: the values are checked in
-- governance.workshop.forcefield, the only writer.
ALTER TABLE workshop_stakeholder ADD COLUMN side TEXT DEFAULT 'extern';          -- intern / extern
ALTER TABLE workshop_stakeholder ADD COLUMN status TEXT DEFAULT 'geaccepteerd';  -- voorgesteld / geaccepteerd / afgewezen
ALTER TABLE workshop_stakeholder ADD COLUMN participant_id INTEGER;              -- who proposed it (NULL: the facilitator)
ALTER TABLE workshop_session ADD COLUMN forces_open BOOLEAN DEFAULT false;       -- participants may propose stakeholders
