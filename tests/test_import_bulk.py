"""The import writes each sheet in one statement and its audit rows in one statement (issue 17 point 4), and is
still audited row by row, in the order of the changes, and all-or-nothing."""

from __future__ import annotations

import json

import pytest

from governance import io
from governance.core.db import Database
from governance.core.errors import ValidationError
from governance.io.sheets import SHEETS
from tests import actors


def test_every_imported_row_has_its_own_audit_row_in_sheet_order(demo_db: Database, empty_db: Database) -> None:
    data = io.zip_bytes(demo_db)
    before = empty_db.scalar("SELECT coalesce(max(id), 0) FROM audit_log")
    done = io.import_file(empty_db, data, "demo.zip", actors.CONTROLLER)
    audit = empty_db.rows("SELECT * FROM audit_log WHERE id > ? ORDER BY id", [before])
    added = [r for r in done.rows if r.action == io.ADD]
    data_rows = [a for a in audit if a["entity"] != "setting"]
    assert len(data_rows) == len(added) > 400
    assert {a["actor"] for a in audit} == {actors.CONTROLLER.name}
    assert {a["user_id"] for a in audit} == {actors.CONTROLLER.user_id}
    assert {a["action"] for a in data_rows} == {"insert"}
    order = [e for i, e in enumerate(a["entity"] for a in data_rows) if i == 0 or data_rows[i - 1]["entity"] != e]
    assert order == [s.entity for s in SHEETS if any(r.sheet is s for r in added)]
    for a in data_rows:  # the row as stored, under the key it was stored with
        after = json.loads(a["after"])
        assert str(after["id"]) == a["entity_id"]
    parties = {json.loads(a["after"])["code"] for a in data_rows if a["entity"] == "party"}
    assert parties == {r["code"] for r in empty_db.rows("SELECT code FROM party")}


def test_a_failure_inside_the_bulk_audit_leaves_nothing(empty_db: Database, monkeypatch) -> None:
    audit = empty_db.scalar("SELECT count(*) FROM audit_log")

    def run(tx):
        with tx.audit_in_bulk():
            tx.insert("organisation", {"code": "gm9999", "name": "Gemeente Test", "kind": "gemeente"})
            assert tx.cursor.execute("SELECT count(*) FROM audit_log").fetchall()[0][0] == audit  # held
            raise ValidationError([], "test")

    with pytest.raises(ValidationError):
        empty_db.write(run, actors.CONTROLLER, "import")
    assert empty_db.scalar("SELECT count(*) FROM audit_log") == audit
    assert empty_db.scalar("SELECT count(*) FROM organisation WHERE code = 'gm9999'") == 0


def test_bulk_audit_writes_the_held_rows_in_order(empty_db: Database) -> None:
    def run(tx):
        with tx.audit_in_bulk():
            first = tx.insert("organisation", {"code": "gm9998", "name": "Gemeente Een", "kind": "gemeente"})
            tx.update("organisation", first, {"name": "Gemeente Twee"}, system=True)
        return first

    key = empty_db.write(run, actors.CONTROLLER, "import")
    rows = empty_db.rows(
        "SELECT action, after FROM audit_log WHERE entity = 'organisation' AND entity_id = ? ORDER BY id", [str(key)]
    )
    assert [r["action"] for r in rows] == ["insert", "update"]
    assert json.loads(rows[1]["after"])["name"] == "Gemeente Twee"


def test_schema_read_once_matches_each_table(empty_db: Database) -> None:
    assert "code" in empty_db.columns("party") and "name" in empty_db.columns("party")
    assert empty_db.column_types("party")["code"].upper().startswith("VARCHAR")
    assert ("code",) in empty_db.unique_keys("party")
    with pytest.raises(ValueError, match="no table"):
        empty_db.columns("no_such_table")
