"""The one place that caches the database and read models for Streamlit.

`database()` is a process-wide resource (one DuckDB connection per process). `read(fn, ...)` caches a
read model across sessions, keyed on the database's write generation: every committed write bumps it, so
nobody sees stale figures after someone else saves, and nothing needs to clear caches by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from governance import auth, demo
from governance.core.db import DEFAULT_PATH, Database, default_path, open_database

T = TypeVar("T")


def prepare(path: str | None = None) -> Database:
    """Open (create, migrate) the app's database; the embedded default also gets the demo and, on its very first
    start, a beheerder whose password is printed once on the server's console. Runs at server start (app.py) and
    again, as a no-op, on a page's first use."""
    path = str(Path(path).resolve()) if path else str(default_path().resolve())
    db = open_database(path)
    if path == str(DEFAULT_PATH.resolve()):
        demo.ensure_demo(db)  # the embedded default database starts with the demo (README)
        password = auth.first_start(db)
        if password:  # printed once on the server's console, as Jupyter prints its token (README)
            print(
                f"\n  Eerste start: gebruiker '{auth.FIRST_USER}' (beheerder) aangemaakt met wachtwoord:\n\n"
                f"      {password}\n\n  Meld u daarmee aan en maak onder Beheer > Gebruikers eigen accounts. "
                "Het wachtwoord wordt niet opnieuw getoond.\n",
                flush=True,
            )
    return db


@st.cache_resource(show_spinner=False)
def _database(path: str) -> Database:
    return prepare(path)


def database() -> Database:
    """The app's database: $GOVERNANCE_DB or data/verbonden.duckdb. The default file gets the demo on first start;
    a new database elsewhere stays empty, and the app then opens 'Kies uw organisatie' first."""
    return _database(str(default_path().resolve()))


@st.cache_data(show_spinner=False, max_entries=512)
def _read(_fn: Callable[..., Any], name: str, path: str, generation: int, args: tuple, kwargs: tuple) -> Any:
    return _fn(open_database(path), *args, **dict(kwargs))


def read(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`fn(db, *args)` cached until the next write to the database."""
    db = database()
    name = f"{fn.__module__}.{fn.__qualname__}"
    return _read(fn, name, str(db.path), db.generation, args, tuple(sorted(kwargs.items())))
