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


@pytest.fixture
def demo_db(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private, writable copy of the demo database."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_file, path)
    db = open_database(path)
    yield db
    db.close()


@pytest.fixture
def app_db(demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A demo database copy the app under AppTest uses (through $GOVERNANCE_DB)."""
    path = tmp_path / "app.duckdb"
    shutil.copy(demo_file, path)
    monkeypatch.setenv("GOVERNANCE_DB", str(path))
    yield path
    open_database(path).close()


@pytest.fixture
def served_db(demo_file: Path, tmp_path: Path) -> Path:
    """A demo database copy for a real `streamlit run` in a browser test (tests/server.py)."""
    path = tmp_path / "browser.duckdb"
    shutil.copy(demo_file, path)
    return path


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "empty.duckdb")
    yield db
    db.close()
