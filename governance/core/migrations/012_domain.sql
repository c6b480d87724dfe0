-- 012_domain: which parties are verbonden partijen (art. 1 BBV), and what the BBV and the Wgr ask of each.
--
-- A verbonden partij needs both a bestuurlijk belang (zeggenschap: a seat in an orgaan, voting rights) and a
-- financieel belang (money lost on bankruptcy, or liability). Both are recorded per party with their ground;
-- NULL means not yet assessed. The status (ja / nee (samenwerking) / nog te beoordelen) is derived from them by
-- governance.register.verbonden, never stored, so it cannot disagree with its grounds. DuckDB cannot add a
-- column with a CHECK constraint, so the code lists are enforced by register.PARTY_SCHEMA.

ALTER TABLE party ADD COLUMN control_interest BOOLEAN;      -- bestuurlijk belang: NULL = nog te beoordelen
ALTER TABLE party ADD COLUMN control_ground TEXT;           -- labels.CONTROL_GROUNDS
ALTER TABLE party ADD COLUMN financial_interest BOOLEAN;    -- financieel belang: NULL = nog te beoordelen
ALTER TABLE party ADD COLUMN financial_ground TEXT;         -- labels.FINANCIAL_GROUNDS
ALTER TABLE party ADD COLUMN centre_municipality BOOLEAN;   -- centrumregeling: the gemeente itself is the centrumgemeente
ALTER TABLE party ADD COLUMN vp_notes TEXT;                 -- why: the assessment's note (or onboarding's reason)
