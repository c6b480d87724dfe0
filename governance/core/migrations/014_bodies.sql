-- 014_bodies: the bodies (organen) follow the legal form (governance.roles.bodies), and the C.V. is a legal form.
--
-- New body codes: orgaan (a gemeenschappelijk orgaan is itself the body), overleg (a centrumregeling or regeling
-- zonder meer has no bodies of its own), alv (algemene ledenvergadering), vennoten (vergadering van vennoten of a
-- C.V.); new legal form: cv. The 001 CHECK lists cannot take them and DuckDB cannot drop a CHECK constraint, but
-- dropping the column drops its CHECK. So each column is kept aside, dropped, added again without the list and
-- filled back. The code lists are then enforced by governance (REPRESENTATION_SCHEMA and bodies.refusal,
-- PARTY_SCHEMA), the one path every form, import and the demo goes through. The ALTERs come before the UPDATEs:
-- DuckDB refuses to rebuild an index with updates outstanding in the same transaction.

CREATE TEMP TABLE keep_014_body AS SELECT id, body FROM representation;
CREATE TEMP TABLE keep_014_form AS SELECT id, legal_form FROM party;
ALTER TABLE representation DROP COLUMN body;
ALTER TABLE representation ADD COLUMN body TEXT;
ALTER TABLE party DROP COLUMN legal_form;
ALTER TABLE party ADD COLUMN legal_form TEXT;
UPDATE representation SET body = k.body FROM keep_014_body k WHERE k.id = representation.id;
UPDATE party SET legal_form = k.legal_form FROM keep_014_form k WHERE k.id = party.id;
DROP TABLE keep_014_body;
DROP TABLE keep_014_form;
