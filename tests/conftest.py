"""Shared fixtures: real DuckDB files in temporary folders, built from the committed demo CSVs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from governance import auth
from governance.core.access import operator
from governance.core.db import Database, open_database
from governance.demo import loader as demo
from tests import actors

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database built once per test run; tests copy it instead of loading the CSVs again."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    db = open_database(path)
    demo.load(db)
    add_users(db)
    db.close()
    return path


def add_users(db: Database) -> None:
    """The test users (tests/actors.py), as a beheerder would add them: ids 1..4, all with actors.PASSWORD."""
    for name, (full_name, role) in actors.USERS.items():
        auth.add_user(db, {"name": name, "full_name": full_name, "role": role}, operator("tests"), actors.PASSWORD)


# Who may write without a signed-in user: the command line's operator, the application's own bookkeeping and an
# anonymous werkatelier participant (known by a token). Everything written through the app names its user.
WITHOUT_USER = ("opdrachtregel", "systeem", "werkatelier")


def unaccountable_writes(db: Database, after_id: int) -> list[dict]:
    """Audit rows written after `after_id` that do not name who wrote them: no actor or role, or written through
    the app (`via` app or organisatie) without a user id."""
    return db.rows(
        "SELECT id, actor, user_id, role, via, action, entity FROM audit_log WHERE id > ? AND ("
        "coalesce(trim(actor), '') = '' OR role IS NULL OR via IS NULL"
        " OR (via NOT IN (SELECT unnest(?::VARCHAR[])) AND user_id IS NULL)) ORDER BY id",
        [after_id, list(WITHOUT_USER)],
    )


def _last_audit_id(path: Path) -> int:
    db = open_database(path)
    try:
        return int(db.scalar("SELECT coalesce(max(id), 0) FROM audit_log"))
    finally:
        db.close()


def _check_accountable(path: Path, after_id: int) -> None:
    """Every row a test wrote has a real user (or a named operator) in the audit log."""
    db = open_database(path)
    try:
        found = unaccountable_writes(db, after_id)
    finally:
        db.close()
    assert not found, f"audit rows without a user: {found[:5]}"


@pytest.fixture
def demo_db(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private, writable copy of the demo database."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_file, path)
    start = _last_audit_id(path)
    db = open_database(path)
    yield db
    assert not unaccountable_writes(db, start), "audit rows without a user"
    db.close()


@pytest.fixture
def app_db(demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A demo database copy the app under AppTest uses (through $GOVERNANCE_DB)."""
    path = tmp_path / "app.duckdb"
    shutil.copy(demo_file, path)
    start = _last_audit_id(path)
    monkeypatch.setenv("GOVERNANCE_DB", str(path))
    yield path
    _check_accountable(path, start)


@pytest.fixture
def served_db(demo_file: Path, tmp_path: Path) -> Iterator[Path]:
    """A demo database copy for a real `streamlit run` in a browser test (tests/server.py)."""
    path = tmp_path / "browser.duckdb"
    shutil.copy(demo_file, path)
    start = _last_audit_id(path)
    yield path
    _check_accountable(path, start)


def onboard(code: str, folder: Path) -> Path:
    """`init --organisation CODE` from the shipped national register, as a controller starts: regelingen only,
    no figures, no profiles, no risks; plus the test users."""
    from governance import cli

    path = folder / f"{code}.duckdb"
    assert cli.main(["init", "--organisation", code, "--db", str(path)]) == 0
    db = open_database(path)
    add_users(db)
    db.close()
    return path


@pytest.fixture(scope="session")
def onboarded_files(tmp_path_factory: pytest.TempPathFactory):
    """`onboarded_files(code)`: a freshly onboarded gemeente's database file, built once per run per code."""
    built: dict[str, Path] = {}

    def get(code: str = "gm0654") -> Path:
        if code not in built:
            built[code] = onboard(code, tmp_path_factory.mktemp(code))
        return built[code]

    return get


@pytest.fixture
def onboarded_app(onboarded_files, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of a freshly onboarded gemeente (gm0654) that the app under AppTest uses."""
    path = tmp_path / "gemeente.duckdb"
    shutil.copy(onboarded_files("gm0654"), path)
    start = _last_audit_id(path)
    monkeypatch.setenv("GOVERNANCE_DB", str(path))
    yield path
    _check_accountable(path, start)


@pytest.fixture
def onboarded_db(onboarded_files, tmp_path: Path) -> Iterator[Database]:
    """A private, writable copy of a freshly onboarded gemeente (gm0654)."""
    path = tmp_path / "gemeente.duckdb"
    shutil.copy(onboarded_files("gm0654"), path)
    start = _last_audit_id(path)
    db = open_database(path)
    yield db
    assert not unaccountable_writes(db, start), "audit rows without a user"
    db.close()


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "empty.duckdb")
    yield db
    db.close()
