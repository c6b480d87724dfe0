"""Users, passwords, sign-in with slow-down, sessions, one-time links, organisation sign-on and the permission check
of the write path, on real DuckDB files."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from governance import auth
from governance.auth import sessions
from governance.core.access import SYSTEM, Actor, PermissionDenied, operator
from governance.core.db import REDACTED, Database
from governance.core.errors import ValidationError

PASSWORD = "correct paard batterij niet"
OP = operator("test")


@pytest.fixture
def anna(empty_db: Database) -> Database:
    auth.add_user(empty_db, {"name": "Anna", "role": "controller", "full_name": "Anna de Vries"}, OP, PASSWORD)
    return empty_db


def test_password_is_stored_as_argon2id_and_never_in_the_audit_log(anna: Database) -> None:
    stored = anna.scalar("SELECT password_hash FROM app_user WHERE name = 'anna'")
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    after = json.loads(anna.scalar("SELECT after FROM audit_log WHERE entity = 'app_user'"))
    assert after["password_hash"] == REDACTED and after["name"] == "anna"
    assert PASSWORD not in anna.scalar("SELECT string_agg(CAST(after AS TEXT), '') FROM audit_log")


def test_a_short_password_is_refused_with_the_field(empty_db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        auth.add_user(empty_db, {"name": "bob", "role": "lezer"}, OP, "te kort")
    assert str(caught.value.errors[0]).startswith("Wachtwoord: moet minstens 12 tekens hebben")
    assert auth.count(empty_db) == 0


def test_sign_in_gives_a_session_that_names_the_user_and_role(anna: Database) -> None:
    result = auth.sign_in(anna, "ANNA ", PASSWORD)
    assert result.message is None and result.token
    assert result.actor == Actor("Anna de Vries (anna)", "controller", 1, "app")
    assert auth.session_actor(anna, result.token) == result.actor
    assert anna.scalar("SELECT count(*) FROM auth_session WHERE token_hash = ?", [result.token]) == 0  # hashed
    auth.sign_out(anna, result.token)
    assert auth.session_actor(anna, result.token) is None
    assert [e["event"] for e in auth.events(anna)] == ["afgemeld", "aangemeld"]


def test_wrong_passwords_are_slowed_down_after_five_and_logged(anna: Database) -> None:
    for _ in range(auth.MAX_FAILURES):
        wrong = auth.sign_in(anna, "anna", "fout wachtwoord!")
        assert wrong.message == "De gebruikersnaam of het wachtwoord klopt niet."
    refused = auth.sign_in(anna, "anna", PASSWORD)  # even the right password, for a while
    assert refused.token is None and refused.message.startswith("Te veel mislukte pogingen")
    events = [e["event"] for e in auth.events(anna)]
    assert events == ["vertraagd"] + ["mislukt"] * auth.MAX_FAILURES
    # the window passes: the right password works again
    anna.write(
        lambda tx: tx.execute("UPDATE auth_event SET logged_at = logged_at - INTERVAL 20 MINUTE"), SYSTEM, "users"
    )
    assert auth.sign_in(anna, "anna", PASSWORD).token


def test_unknown_names_are_slowed_down_the_same_way(empty_db: Database) -> None:
    for _ in range(auth.MAX_FAILURES):
        assert auth.sign_in(empty_db, "niemand", "wat dan ook").message.startswith("De gebruikersnaam")
    assert auth.sign_in(empty_db, "niemand", "wat dan ook").message.startswith("Te veel mislukte pogingen")


def test_an_expired_or_disabled_session_signs_nobody_in(anna: Database) -> None:
    token = auth.sign_in(anna, "anna", PASSWORD).token
    anna.write(lambda tx: tx.execute("UPDATE auth_session SET expires_at = now() - INTERVAL 1 MINUTE"), SYSTEM, "users")
    assert auth.session_actor(anna, token) is None
    token = auth.sign_in(anna, "anna", PASSWORD).token
    auth.disable_user(anna, "anna", OP)
    assert auth.session_actor(anna, token) is None
    assert auth.sign_in(anna, "anna", PASSWORD).message == "Dit account is uitgeschakeld. Vraag een beheerder."


def test_a_session_lasts_the_configured_hours(anna: Database) -> None:
    result = auth.sign_in(anna, "anna", PASSWORD)
    assert result.expires - dt.datetime.now() > dt.timedelta(hours=auth.SESSION_HOURS - 0.1)
    anna.write(lambda tx: tx.put_setting(sessions.SETTING_HOURS, 1, None), OP, "settings")
    shorter = auth.sign_in(anna, "anna", PASSWORD)
    assert dt.timedelta(minutes=59) < shorter.expires - dt.datetime.now() <= dt.timedelta(hours=1)


def test_a_one_time_link_works_once(anna: Database) -> None:
    link = auth.one_time_link(anna, "anna")
    first = auth.redeem_link(anna, link)
    assert first.actor is not None and auth.session_actor(anna, first.token) == first.actor
    assert auth.redeem_link(anna, link).message == "Deze aanmeldlink is al gebruikt of verlopen."
    assert auth.session_actor(anna, link) is None  # the link itself is no session


def test_organisation_sign_on_finds_only_users_the_beheerder_added(empty_db: Database) -> None:
    auth.add_user(empty_db, {"name": "griffier", "role": "lezer", "email": "Griffie@Gemeente.nl"}, OP)
    actor = auth.oidc_actor(empty_db, "griffie@gemeente.nl", "idp|123")
    assert actor is not None and (actor.role, actor.via) == ("lezer", "organisatie")
    assert auth.oidc_actor(empty_db, "ander@gemeente.nl", "idp|123") == actor  # linked by subject now
    assert auth.oidc_actor(empty_db, "vreemde@elders.nl", "idp|999") is None
    assert auth.events(empty_db)[0]["event"] == "geweigerd"


def test_a_lezer_cannot_write_whatever_the_page_shows(anna: Database) -> None:
    lezer = Actor("Lea (lea)", "lezer", 7)
    with pytest.raises(PermissionDenied, match="aangemeld als lezer; die rol mag niet gebruikers beheren"):
        auth.add_user(anna, {"name": "nieuw", "role": "beheerder"}, lezer, PASSWORD)
    with pytest.raises(PermissionDenied):
        anna.write(lambda tx: tx.insert("setting", {"key": "x", "value": "1"}), lezer, "settings")
    assert anna.scalar("SELECT count(*) FROM app_user") == 1
    assert anna.scalar("SELECT count(*) FROM setting WHERE key = 'x'") == 0


def test_every_audit_row_names_user_role_and_route(anna: Database) -> None:
    row = anna.rows("SELECT actor, user_id, role, via FROM audit_log")[0]
    assert row == {"actor": "test (opdrachtregel)", "user_id": None, "role": "beheerder", "via": "opdrachtregel"}


def test_an_organisation_sign_on_becomes_a_session_of_our_own(empty_db: Database) -> None:
    auth.add_user(empty_db, {"name": "griffier", "role": "lezer", "email": "griffie@gemeente.nl"}, OP)
    handed = auth.oidc_sign_in(empty_db, "Griffie@Gemeente.nl", "https://idp|42")
    assert handed.token and handed.actor is not None and handed.actor.role == "lezer"
    assert auth.session_actor(empty_db, handed.token) is None  # the hand-over token itself is no session
    session = auth.redeem_handoff(empty_db, handed.token)
    assert session.actor is not None and auth.session_actor(empty_db, session.token) == session.actor
    assert session.actor.via == "organisatie"  # the audit rows of this session say how the user came in
    assert auth.redeem_handoff(empty_db, handed.token).token is None  # once
    assert [(e["event"], e["detail"]) for e in auth.events(empty_db)] == [
        ("aangemeld", "organisatieaccount griffie@gemeente.nl")
    ]
    assert auth.users(empty_db)["last_sign_in"].notna().all()


def test_an_unknown_organisation_account_gets_no_session_and_is_logged(empty_db: Database) -> None:
    refused = auth.oidc_sign_in(empty_db, "vreemde@elders.nl", "https://idp|9")
    assert refused.token is None and refused.message == sessions.UNKNOWN_ACCOUNT
    assert refused.message.startswith("Uw organisatieaccount heeft geen toegang tot dit dashboard")
    assert [(e["user_name"], e["event"]) for e in auth.events(empty_db)] == [("vreemde@elders.nl", "geweigerd")]
    assert empty_db.scalar("SELECT count(*) FROM auth_session") == 0
