"""The Gebruikers page under AppTest (beheerders only) and the user functions it calls, on real DuckDB files:
list, add with a password typed twice, change role, reset a password, disable and enable, link an organisation
account; refused for other roles by governance, audited without the hash, the last active beheerder kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from governance import auth
from governance.core.access import PermissionDenied
from governance.core.db import REDACTED, open_database
from governance.core.errors import ValidationError
from tests import actors
from tests.apptest import ROOT, run

PAGE = "pages/gebruikers.py"
NEW_PASSWORD = "een nieuw wachtwoord van lengte"


def _errors(at) -> list[str]:
    return [e.value for e in at.error]


def _user(path: Path, name: str) -> dict:
    return open_database(path).rows("SELECT * FROM app_user WHERE name = ?", [name])[0]


def _audit(path: Path) -> list[dict]:
    return open_database(path).rows("SELECT * FROM audit_log WHERE entity = 'app_user' ORDER BY id")


def test_a_beheerder_sees_every_user_with_role_status_and_account(app_db: Path) -> None:
    auth.link_email(open_database(app_db), "lezer", "lex@gemeente.example", actors.BEHEERDER)
    at = run(PAGE)
    assert at.title[0].value == "Gebruikers"
    table = at.dataframe[0].value
    assert list(table.columns) == [
        "Gebruikersnaam", "Naam", "Rol", "Actief", "Laatst aangemeld", "Wachtwoord", "Organisatieaccount"
    ]  # fmt: skip
    assert list(table["Gebruikersnaam"]) == ["beheerder", "controller", "facilitator", "lezer"]
    assert list(table["Rol"]) == ["Beheerder", "Controller", "Facilitator", "Lezer"]
    assert set(table["Actief"]) == {"ja"}
    signed = table.set_index("Gebruikersnaam")["Laatst aangemeld"]
    assert signed["beheerder"] != "nog nooit" and signed["controller"] == "nog nooit"  # run() signed in as beheerder
    assert table.set_index("Gebruikersnaam")["Organisatieaccount"]["lezer"] == (
        "lex@gemeente.example (nog niet aangemeld)"
    )
    assert [t.label for t in at.tabs] == ["Gebruiker wijzigen", "Gebruiker toevoegen", "Aanmelden"]


@pytest.mark.parametrize("user", ["controller", "facilitator", "lezer"])
def test_other_roles_do_not_get_the_page(app_db: Path, user: str) -> None:
    at = run(user=user)
    with pytest.raises(ValueError, match="Could not find a navigation page for .*gebruikers.py"):
        at.switch_page(str(ROOT / PAGE))  # not in their navigation
    at.switch_page(str(ROOT / "pages/beheer.py"))  # while the pages they may see are


def test_the_page_itself_refuses_a_lezer_who_reaches_it(app_db: Path) -> None:
    """Even run directly (the navigation check bypassed), the page shows no controls to a lezer."""
    from streamlit.testing.v1 import AppTest

    from tests.apptest import sign_in
    from ui import state

    token = sign_in("lezer")
    entry = (
        "from ui import nav, signin\nnav.shell_started()\nsignin.current()\n"
        f"import runpy\nrunpy.run_path({str(ROOT / PAGE)!r})\n"
    )
    at = AppTest.from_string(entry, default_timeout=60)
    at.session_state[state.TOKEN] = token
    at.run()
    assert not at.exception
    assert [i.value for i in at.info] == ["Alleen een beheerder beheert gebruikers."]
    assert not at.dataframe and not at.button and not at.text_input


def test_add_a_user_with_a_password_typed_twice(app_db: Path) -> None:
    at = run(PAGE)
    at.text_input(key="nieuw-naam").input("Jansen")
    at.text_input(key="nieuw-volledig").input("Jan Jansen")
    at.selectbox(key="nieuw-rol").select("controller")
    at.text_input(key="nieuw-ww").input(NEW_PASSWORD)
    at.text_input(key="nieuw-ww2").input(NEW_PASSWORD + "x")
    at.button(key="FormSubmitter:gebruiker-toevoegen-Gebruiker toevoegen").click().run()
    assert any("Wachtwoord (herhaling)" in e and "is niet gelijk aan het wachtwoord" in e for e in _errors(at))
    assert auth.count(open_database(app_db)) == 4
    at.text_input(key="nieuw-ww").input("te kort")
    at.text_input(key="nieuw-ww2").input("te kort")
    at.button(key="FormSubmitter:gebruiker-toevoegen-Gebruiker toevoegen").click().run()
    assert any("moet minstens 12 tekens hebben" in e for e in _errors(at))
    at.text_input(key="nieuw-ww").input(NEW_PASSWORD)
    at.text_input(key="nieuw-ww2").input(NEW_PASSWORD)
    at.button(key="FormSubmitter:gebruiker-toevoegen-Gebruiker toevoegen").click().run()
    assert not at.exception and not _errors(at)
    assert [s.value for s in at.success] == ["Gebruiker 'jansen' is toegevoegd."]
    assert "jansen" in list(at.dataframe[0].value["Gebruikersnaam"])
    db = open_database(app_db)
    assert auth.sign_in(db, "jansen", NEW_PASSWORD).actor.role == "controller"
    added = _audit(app_db)[-1]
    assert (added["actor"], added["user_id"], added["role"]) == (actors.BEHEERDER.name, 1, "beheerder")
    assert json.loads(added["after"])["password_hash"] == REDACTED


def _pick(at, name: str):
    at.selectbox(key="gebruikers-gekozen").select(name).run()
    return at


def test_change_role_reset_password_disable_enable_and_link(app_db: Path) -> None:
    at = _pick(run(PAGE), "lezer")
    at.selectbox(key="gebruiker-lezer-v1-rol-keuze").select("controller")
    at.button(key="FormSubmitter:gebruiker-lezer-v1-rol-Rol opslaan").click().run()
    assert [s.value for s in at.success] == ["De rol van 'lezer' is nu controller."]
    assert _user(app_db, "lezer")["role"] == "controller"

    token = auth.sign_in(open_database(app_db), "lezer", actors.PASSWORD).token
    at.text_input(key="gebruiker-lezer-v2-ww").input(NEW_PASSWORD)
    at.text_input(key="gebruiker-lezer-v2-ww2").input(NEW_PASSWORD)
    at.button(key="FormSubmitter:gebruiker-lezer-v2-wachtwoord-Wachtwoord opnieuw instellen").click().run()
    assert not _errors(at), _errors(at)
    db = open_database(app_db)
    assert auth.session_actor(db, token) is None  # the user's sign-ins ended
    assert auth.sign_in(db, "lezer", NEW_PASSWORD).token

    at.button(key="gebruiker-lezer-v3-uit").click().run()
    assert _user(app_db, "lezer")["disabled"] is True
    assert at.dataframe[0].value.set_index("Gebruikersnaam")["Actief"]["lezer"] == "nee"
    at.button(key="gebruiker-lezer-v4-aan").click().run()
    assert _user(app_db, "lezer")["disabled"] is False

    at.text_input(key="gebruiker-lezer-v5-email").input("Lex@Gemeente.Example")
    at.button(key="FormSubmitter:gebruiker-lezer-v5-account-Organisatieaccount koppelen").click().run()
    assert _user(app_db, "lezer")["email"] == "lex@gemeente.example"
    assert auth.oidc_actor(db, "lex@gemeente.example", "idp|lex").user_id == _user(app_db, "lezer")["id"]

    rows = _audit(app_db)[-5:]
    assert [r["reason"] for r in rows] == [
        None, "wachtwoord gewijzigd", "gebruiker uitgeschakeld", "gebruiker ingeschakeld",
        "organisatieaccount gekoppeld",
    ]  # fmt: skip
    assert {r["actor"] for r in rows} == {actors.BEHEERDER.name}
    for r in rows:  # the hash never reaches the log, before or after
        for side in (r["before"], r["after"]):
            assert "$argon2" not in side and json.loads(side)["password_hash"] == REDACTED


def test_the_last_active_beheerder_cannot_demote_or_disable_themselves(app_db: Path) -> None:
    at = _pick(run(PAGE), "beheerder")
    assert "Dit bent u zelf." in [c.value for c in at.caption]
    at.selectbox(key="gebruiker-beheerder-v1-rol-keuze").select("lezer")
    at.button(key="FormSubmitter:gebruiker-beheerder-v1-rol-Rol opslaan").click().run()
    assert any("'beheerder' is de laatste actieve beheerder" in e for e in _errors(at))
    at.button(key="gebruiker-beheerder-v1-uit").click().run()
    assert any("is de laatste actieve beheerder" in e for e in _errors(at))
    row = _user(app_db, "beheerder")
    assert (row["role"], row["disabled"]) == ("beheerder", False)
    # with a second beheerder it may
    auth.set_role(open_database(app_db), "controller", "beheerder", actors.BEHEERDER, _user(app_db, "controller"))
    auth.disable_user(open_database(app_db), "beheerder", actors.BEHEERDER)
    assert _user(app_db, "beheerder")["disabled"] is True


def test_the_session_lifetime_is_set_on_the_page(app_db: Path) -> None:
    at = run(PAGE)
    box = at.number_input(key="aanmeldduur-v0-uren")
    assert box.value == 8
    box.set_value(2)
    at.button(key="FormSubmitter:aanmeldduur-Opslaan").click().run()
    assert [s.value for s in at.success] == ["Een aanmelding geldt nu 2 uur."]
    assert auth.session_hours(open_database(app_db)) == 2


@pytest.mark.parametrize("who", [actors.CONTROLLER, actors.FACILITATOR, actors.LEZER], ids=str)
def test_governance_refuses_every_user_change_from_other_roles(demo_db, who) -> None:
    before = demo_db.rows("SELECT * FROM app_user ORDER BY id")
    audit = demo_db.scalar("SELECT count(*) FROM audit_log")
    lezer = _row(demo_db, "lezer")
    for change in (
        lambda: auth.add_user(demo_db, {"name": "nieuw", "role": "beheerder"}, who, NEW_PASSWORD),
        lambda: auth.set_role(demo_db, "lezer", "beheerder", who, lezer),
        lambda: auth.set_password(demo_db, "beheerder", NEW_PASSWORD, who),
        lambda: auth.disable_user(demo_db, "beheerder", who),
        lambda: auth.enable_user(demo_db, "lezer", who),
        lambda: auth.link_email(demo_db, "lezer", "x@y.nl", who),
        lambda: auth.set_session_hours(demo_db, 100, who, None),
    ):
        with pytest.raises(PermissionDenied, match="Er is niets gewijzigd"):
            change()
    assert demo_db.rows("SELECT * FROM app_user ORDER BY id") == before
    assert demo_db.scalar("SELECT count(*) FROM audit_log") == audit


def _row(db, name: str) -> dict:
    return db.rows("SELECT * FROM app_user WHERE name = ?", [name])[0]


def test_linking_a_new_address_forgets_the_old_identity(demo_db) -> None:
    auth.link_email(demo_db, "lezer", "oud@gemeente.example", actors.BEHEERDER)
    assert auth.oidc_actor(demo_db, "oud@gemeente.example", "idp|oud") is not None  # linked by subject now
    auth.link_email(demo_db, "lezer", "nieuw@gemeente.example", actors.BEHEERDER)
    assert auth.oidc_actor(demo_db, "oud@gemeente.example", "idp|oud") is None
    assert auth.oidc_actor(demo_db, "nieuw@gemeente.example", "idp|nieuw").user_id == 4
    with pytest.raises(ValidationError, match="E-mailadres: is geen geldig e-mailadres"):
        auth.link_email(demo_db, "lezer", "geen adres", actors.BEHEERDER)
    with pytest.raises(ValidationError, match="er bestaat al een gebruiker met E-mailadres"):
        auth.link_email(demo_db, "controller", "nieuw@gemeente.example", actors.BEHEERDER)
