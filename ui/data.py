"""The one place that caches the database and read models for Streamlit.

`database()` is a process-wide resource (one DuckDB connection per process). `read(fn, ...)` caches a
read model across sessions, keyed on the write generations of the tables it read: a committed write bumps the
generation of each table it touched, so nobody sees stale figures after someone else saves, a workshop vote does
not throw away the weerstandsvermogen, and nothing needs to clear caches by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from governance import auth, demo
from governance.core.db import DEFAULT_PATH, Database, default_path, open_database, tracing_reads

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
                f"      {password}\n\n  Meld u daarmee aan en maak eigen accounts met:\n"
                "      python -m governance user add NAAM --role ROL --password-stdin\n  "
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


# The tables each read (function and arguments) used when it last ran; unknown until it has run once.
_TABLES: dict[tuple, frozenset[str]] = {}


@st.cache_data(show_spinner=False, max_entries=512)
def _read(_fn: Callable[..., Any], name: str, path: str, generations: tuple, args: tuple, kwargs: tuple) -> Any:
    with tracing_reads() as seen:
        result = _fn(open_database(path), *args, **dict(kwargs))
    key = _freeze((name, path, args, kwargs))
    if key is not None:
        _TABLES[key] = _TABLES.get(key, frozenset()) | frozenset(seen)
    return result


def _freeze(value: Any) -> Any:
    """A hashable stand-in for arguments (lists, dicts and sets as tuples); None when there is none, and then
    the read is keyed on every write, as before."""
    if isinstance(value, (list, tuple)):
        items = [_freeze(v) for v in value]
        return None if any(i is None and v is not None for i, v in zip(items, value, strict=True)) else tuple(items)
    if isinstance(value, (set, frozenset)):
        return _freeze(sorted(value, key=repr))
    if isinstance(value, dict):
        return _freeze(sorted(value.items(), key=lambda kv: repr(kv[0])))
    try:
        hash(value)
    except TypeError:
        return None
    return value


def read(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`fn(db, *args)` cached until the next write to a table it reads."""
    db = database()
    name = f"{fn.__module__}.{fn.__qualname__}"
    options = tuple(sorted(kwargs.items()))
    key = _freeze((name, str(db.path), args, options))
    tables = _TABLES.get(key) if key is not None else None
    generations = db.table_generations(tables) if tables is not None else (("*", db.generation),)
    return _read(fn, name, str(db.path), generations, args, options)
