"""The audit check every database fixture runs at teardown (tests/conftest.py) finds a write through the app that
names no user, so a test run that writes anonymously fails."""

from __future__ import annotations

from governance.core.access import Actor, operator
from governance.core.db import Database
from tests.conftest import unaccountable_writes


def _add_person(db: Database, actor: Actor, code: str) -> None:
    person = {"code": code, "name": f"Persoon {code}", "function": "wethouder"}
    db.write(lambda tx: tx.insert("person", person), actor, "register")


def test_an_app_write_without_a_user_is_found(empty_db: Database) -> None:
    start = 0
    _add_person(empty_db, Actor("Iemand", "beheerder", user_id=None, via="app"), "p-anoniem")
    found = unaccountable_writes(empty_db, start)
    assert [(r["actor"], r["via"], r["entity"]) for r in found] == [("Iemand", "app", "person")]


def test_named_users_and_the_command_line_operator_are_accountable(empty_db: Database) -> None:
    _add_person(empty_db, Actor("Bea Beheer", "beheerder", user_id=1, via="app"), "p-bea")
    _add_person(empty_db, operator("beheer"), "p-cli")
    assert unaccountable_writes(empty_db, 0) == []
