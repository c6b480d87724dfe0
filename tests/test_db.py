"""The data layer on real DuckDB files: migrations, all-or-nothing writes, audit, concurrency, errors."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from governance.core import db as dbmod
from governance.core.db import Database, open_database
from governance.core.errors import ConflictError, DatabaseLockedError, NotFoundError, ValidationError
from tests import actors

ROOT = Path(__file__).resolve().parent.parent
PARTY = {
    "code": "gr-test",
    "name": "GR Test",
    "legal_form": "openbaar_lichaam",
    "bbv_category": "gemeenschappelijke_regeling",
}


def count(db: Database, table: str) -> int:
    """Counted through a fresh cursor: what another session would see as committed."""
    return int(db.scalar(f"SELECT count(*) FROM {table}"))


def test_migrations_are_recorded_and_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "m.duckdb"
    first = open_database(path)
    expected = [name for _, name, _ in dbmod.migration_files()]
    assert first.migrations_applied == expected
    assert first.migrate() == []
    first.close()
    again = open_database(path)
    assert again.migrations_applied == []
    rows = again.rows("SELECT version, name FROM schema_migration ORDER BY version")
    assert [r["name"] for r in rows] == expected
    assert len({r["version"] for r in rows}) == len(rows)
    again.close()


def test_one_database_object_per_file(tmp_path: Path) -> None:
    a = open_database(tmp_path / "x.duckdb")
    b = open_database(str(tmp_path / "." / "x.duckdb"))
    assert a is b
    a.close()


def test_write_that_fails_halfway_leaves_nothing(empty_db: Database) -> None:
    def half(tx: dbmod.Tx) -> None:
        tx.insert("party", PARTY)
        assert tx.execute("SELECT count(*) FROM party")[0][0] == 1  # visible inside the transaction
        raise RuntimeError("stroomstoring halverwege")

    with pytest.raises(RuntimeError):
        empty_db.write(half, actors.named("test"), "register")
    with empty_db.cursor() as second:
        assert second.execute("SELECT count(*) FROM party").fetchall()[0][0] == 0
        assert second.execute("SELECT count(*) FROM audit_log").fetchall()[0][0] == 0


def test_driver_error_halfway_rolls_back_and_names_field(empty_db: Database) -> None:
    def two(tx: dbmod.Tx) -> None:
        tx.insert("party", PARTY)
        tx.insert("party", {**PARTY, "name": "Andere naam"})  # same code: unique constraint

    with pytest.raises(ValidationError) as caught:
        empty_db.write(two, actors.named("test"), "register")
    assert str(caught.value) == "Verbonden partij: Code: er bestaat al een verbonden partij met Code gr-test"
    assert count(empty_db, "party") == 0
    assert count(empty_db, "audit_log") == 0


def test_audit_row_in_same_transaction(empty_db: Database) -> None:
    pid = empty_db.write(lambda tx: tx.insert("party", PARTY), actors.named("Controller A"), "register")
    original = empty_db.rows("SELECT * FROM party WHERE id = ?", [pid])[0]
    empty_db.write(
        lambda tx: tx.update("party", pid, {"seat": "Voorbeeld"}, original=original),
        actors.named("Controller B"),
        "register",
    )
    log = empty_db.rows("SELECT actor, action, entity, entity_id, before, after FROM audit_log ORDER BY id")
    assert [(r["actor"], r["action"], r["entity"], r["entity_id"]) for r in log] == [
        ("Controller A", "insert", "party", str(pid)),
        ("Controller B", "update", "party", str(pid)),
    ]
    assert log[0]["before"] is None
    assert json.loads(log[1]["before"])["seat"] is None
    assert json.loads(log[1]["after"])["seat"] == "Voorbeeld"
    assert json.loads(log[1]["after"])["version"] == 2


def test_stale_update_is_refused_with_what_changed(empty_db: Database) -> None:
    pid = empty_db.write(lambda tx: tx.insert("party", PARTY), actors.named("a"), "register")
    seen = empty_db.rows("SELECT * FROM party WHERE id = ?", [pid])[0]
    empty_db.write(
        lambda tx: tx.update("party", pid, {"seat": "Noorddorp"}, original=seen), actors.named("a"), "register"
    )
    with pytest.raises(ConflictError) as caught:
        empty_db.write(
            lambda tx: tx.update("party", pid, {"name": "Mijn naam"}, original=seen), actors.named("b"), "register"
        )
    assert caught.value.changes == {"seat": (None, "Noorddorp")}
    assert "Vestigingsplaats" in str(caught.value)
    assert empty_db.scalar("SELECT name FROM party WHERE id = ?", [pid]) == "GR Test"


def test_reference_to_missing_row_is_refused(empty_db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        empty_db.write(
            lambda tx: tx.insert("party_year", {"party_id": 42, "year": 2025, "kind": "begroting"}),
            actors.named("t"),
            "register",
        )
    assert str(caught.value) == "Jaarcijfers: Verbonden partij: Verbonden partij 42 bestaat niet"


def test_not_null_and_check_become_dutch_messages(empty_db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        empty_db.write(lambda tx: tx.insert("party", {**PARTY, "name": None}), actors.named("t"), "register")
    assert str(caught.value) == "Verbonden partij: Naam: is verplicht"
    pid = empty_db.write(lambda tx: tx.insert("party", PARTY), actors.named("t"), "register")
    with pytest.raises(ValidationError) as caught:
        empty_db.write(
            lambda tx: tx.insert(
                "party_year", {"party_id": pid, "year": 2025, "kind": "begroting", "contribution": -1}
            ),
            actors.named("t"),
            "register",
        )
    assert str(caught.value) == "Jaarcijfers: Bijdrage gemeente: heeft een waarde die niet is toegestaan"


def test_update_of_missing_row(empty_db: Database) -> None:
    with pytest.raises(NotFoundError):
        empty_db.write(lambda tx: tx.update("party", 999, {"name": "x"}, system=True), actors.named("t"), "register")


def test_unknown_column_is_a_programming_error(empty_db: Database) -> None:
    with pytest.raises(ValueError):
        empty_db.write(
            lambda tx: tx.insert("party", {**PARTY, "naam; DROP TABLE party": "x"}), actors.named("t"), "register"
        )
    assert count(empty_db, "party") == 0


def test_twenty_threads_writing_at_once_lose_nothing(empty_db: Database) -> None:
    pid = empty_db.write(lambda tx: tx.insert("party", PARTY), actors.named("setup"), "register")
    per_thread, threads = 25, 20
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def worker(n: int) -> None:
        try:
            start.wait()
            for i in range(per_thread):
                empty_db.write(
                    lambda tx, i=i: tx.insert(
                        "risk", {"party_id": pid, "category": "financieel", "title": f"thread {n} risk {i}"}
                    ),
                    actors.named(f"deelnemer {n}"),
                    "register",
                )
                empty_db.rows("SELECT count(*) FROM risk")  # readers run between the writers
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert errors == []
    assert count(empty_db, "risk") == threads * per_thread
    assert int(empty_db.scalar("SELECT count(DISTINCT title) FROM risk")) == threads * per_thread
    assert int(empty_db.scalar("SELECT count(*) FROM audit_log WHERE entity = 'risk'")) == threads * per_thread


def test_locked_file_gives_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); time.sleep(60)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        with pytest.raises(DatabaseLockedError) as caught:
            open_database(path)
        assert "in gebruik door een ander programma" in str(caught.value)
        cli = subprocess.run(
            [sys.executable, "-m", "governance", "summary", "--db", str(path)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
        assert cli.returncode == 3
        assert cli.stdout == ""
        assert cli.stderr.count("\n") == 1 and "Traceback" not in cli.stderr
        assert cli.stderr.startswith("Fout: De database ")
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)


def test_a_shared_read_is_computed_once_until_a_table_it_read_changes(demo_db: Database) -> None:
    """Database.shared / shared_read: two callers of the same read model after a save compute it once; a write to
    a table it read recomputes it, a write elsewhere does not; an outer traced read learns its tables even on a
    hit; a value computed while someone commits is not kept."""
    calls: list[int] = []

    @dbmod.shared_read
    def parties_named(db: Database, prefix: str) -> list[str]:
        calls.append(1)
        return [r["name"] for r in db.rows("SELECT name FROM party WHERE name LIKE ? ORDER BY name", [prefix + "%"])]

    first = parties_named(demo_db, "G")
    assert parties_named(demo_db, "G") == first and len(calls) == 1
    with dbmod.tracing_reads() as seen:  # a hit still tells the caller's cache what it depends on
        parties_named(demo_db, "G")
    assert "party" in seen and len(calls) == 1
    person = demo_db.rows("SELECT * FROM person ORDER BY id LIMIT 1")[0]
    demo_db.write(
        lambda tx: tx.update("person", person["id"], {"portfolio": "x"}, original=person), actors.CONTROLLER, "register"
    )
    parties_named(demo_db, "G")
    assert len(calls) == 1  # a person's save does not touch what the read read
    party = demo_db.rows("SELECT * FROM party ORDER BY id LIMIT 1")[0]
    demo_db.write(
        lambda tx: tx.update("party", party["id"], {"notes": "y"}, original=party), actors.CONTROLLER, "register"
    )
    parties_named(demo_db, "G")
    assert len(calls) == 2

    @dbmod.shared_read
    def racing(db: Database) -> int:
        calls.append(1)
        found = int(db.scalar("SELECT count(*) FROM party"))
        if len(calls) == 3:  # someone commits while this one computes: its value may already be stale
            row = db.rows("SELECT * FROM party ORDER BY id LIMIT 1")[0]
            db.write(
                lambda tx: tx.update("party", row["id"], {"notes": "z"}, original=row), actors.CONTROLLER, "register"
            )
        return found

    racing(demo_db)
    racing(demo_db)
    assert len(calls) == 4  # the raced value was not kept
    racing(demo_db)
    assert len(calls) == 4
    demo_db.write(lambda tx: parties_named(tx, "G"), actors.CONTROLLER, "register")
    assert len(calls) == 5  # inside a write transaction a shared read reads afresh
