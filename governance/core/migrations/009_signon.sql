-- 009_signon: how a sign-in session began ('app': a password or a one-time link; 'organisatie': organisation
-- sign-on through OIDC), so the audit rows of its writes say which route the user came in by.
ALTER TABLE auth_session ADD COLUMN via TEXT;
