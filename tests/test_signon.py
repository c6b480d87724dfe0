"""How long a sign-in lasts (a beheerder's setting, measured by the gate on every request) and the command line's
`user session-hours`, on real DuckDB files."""

from __future__ import annotations

import json

import pytest

from governance import auth
from governance.cli import main
from governance.core.access import SYSTEM, Actor, PermissionDenied, operator
from governance.core.db import Database
from governance.core.errors import ValidationError

PASSWORD = "correct paard batterij niet"
OP = operator("test")


@pytest.fixture
def anna(empty_db: Database) -> Database:
    auth.add_user(empty_db, {"name": "anna", "role": "controller"}, OP, PASSWORD)
    return empty_db


def _age(db: Database, hours: int) -> None:
    """Move every session's start back by `hours`, as if it had been opened that long ago (its end stays)."""
    db.write(
        lambda tx: tx.execute(f"UPDATE auth_session SET created_at = created_at - INTERVAL {int(hours)} HOUR"),
        SYSTEM,
        "users",
    )


def test_the_default_lifetime_is_eight_hours_and_a_session_within_it_holds(anna: Database) -> None:
    assert auth.session_hours(anna) == 8 and auth.session_setting(anna) is None
    token = auth.sign_in(anna, "anna", PASSWORD).token
    _age(anna, 7)
    assert auth.session_actor(anna, token) is not None


def test_a_shorter_lifetime_ends_sessions_already_open(anna: Database) -> None:
    token = auth.sign_in(anna, "anna", PASSWORD).token
    _age(anna, 2)
    assert auth.session_actor(anna, token) is not None  # 2 of 8 hours
    assert auth.set_session_hours(anna, "1", OP, None) == 1
    assert auth.session_actor(anna, token) is None  # older than the lifetime as it is now
    fresh = auth.sign_in(anna, "anna", PASSWORD).token
    assert auth.session_actor(anna, fresh) is not None


def test_the_lifetime_setting_is_audited_and_checked(anna: Database) -> None:
    auth.set_session_hours(anna, 4, OP, None)
    row = anna.rows("SELECT actor, action, after FROM audit_log WHERE entity = 'setting'")[-1]
    assert (row["actor"], row["action"], json.loads(row["after"])["value"]) == ("test (opdrachtregel)", "insert", "4")
    for wrong, message in (("0", "moet minstens 1 zijn"), ("200", "mag hoogstens 168 zijn"), ("2,5", "geheel getal")):
        with pytest.raises(ValidationError, match=message) as caught:
            auth.set_session_hours(anna, wrong, OP, auth.session_setting(anna))
        assert str(caught.value).startswith("Aanmelden: Duur van een aanmelding (uren):")
    with pytest.raises(PermissionDenied, match="die rol mag niet de instellingen wijzigen"):
        auth.set_session_hours(anna, 2, Actor("Lea", "lezer", 9), auth.session_setting(anna))
    assert auth.session_hours(anna) == 4


def test_the_command_line_shows_and_sets_the_lifetime(anna: Database, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(anna.path)
    assert main(["user", "session-hours", "--db", db]) == 0
    assert capsys.readouterr().out == "Een aanmelding geldt 8 uur.\n"
    assert main(["user", "session-hours", "12", "--db", db]) == 0
    assert "geldt nu 12 uur" in capsys.readouterr().out
    assert main(["user", "session-hours", "0", "--db", db]) == 1
    assert "moet minstens 1 zijn" in capsys.readouterr().err
    assert auth.session_hours(anna) == 12
