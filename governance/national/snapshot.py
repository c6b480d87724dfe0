"""The shipped snapshot of the national register and storing the register in the national_* tables."""

from __future__ import annotations

import decimal
import gzip
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from governance.core.access import Actor
from governance.core.db import Database, Tx, quote_ident, to_jsonable
from governance.core.errors import DomainError
from governance.national.roo import (
    DATE_COLUMNS,
    FORMAT,
    GEMEENTEN_FILE,
    SNAPSHOT_FILE,
    TABLES,
    NationalRegister,
    iter_records,
    normalise,
    parse_date,
    read_gemeenten,
)

# -- the snapshot file -----------------------------------------------------------------------------------------


def write_snapshot(reg: NationalRegister, path: Path = SNAPSHOT_FILE) -> Path:
    """Write the register as one gzip'd JSON file; byte-for-byte the same for the same register."""
    payload = {
        "meta": reg.meta,
        "problems": dict(sorted(reg.problems.items())),
        "examples": dict(sorted(reg.examples.items())),
        "tables": {
            name: {"columns": list(cols), "rows": [[to_jsonable(row[c]) for c in cols] for row in reg.tables[name]]}
            for name, cols in TABLES.items()
        },
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as handle:
        handle.write(text.encode("utf-8"))
    path.write_bytes(buffer.getvalue())
    return path


def read_snapshot(path: Path = SNAPSHOT_FILE) -> NationalRegister:
    try:
        payload = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise DomainError(f"'{path.name}' is geen momentopname van het landelijk register ({exc}).") from None
    if payload.get("meta", {}).get("format") != FORMAT:
        raise DomainError(f"'{path.name}' heeft een onbekend formaat; maak hem opnieuw met build-snapshot.")
    tables = {}
    for name, cols in TABLES.items():
        stored = payload["tables"][name]
        index = [stored["columns"].index(c) for c in cols]
        tables[name] = [{c: _typed(c, row[i]) for c, i in zip(cols, index, strict=True)} for row in stored["rows"]]
    return NationalRegister(
        meta=payload["meta"],
        tables=tables,
        problems=Counter(payload.get("problems") or {}),
        examples=payload.get("examples") or {},
    )


def _typed(column: str, value: Any) -> Any:
    if value is None:
        return None
    if column in DATE_COLUMNS:
        return parse_date(value)
    if column == "cost_share":
        return decimal.Decimal(str(value))
    return value


# -- into the database -----------------------------------------------------------------------------------------


def store(db: Database, reg: NationalRegister, actor: Actor) -> int:
    """Replace the national tables by this register in one audited transaction; returns the snapshot id."""
    return db.write(lambda tx: store_in(tx, reg), actor, "organisation")


def store_in(tx: Tx, reg: NationalRegister) -> int:
    for name, cols in TABLES.items():
        tx.execute(f"DELETE FROM {quote_ident(name)}")
        rows = reg.tables[name]
        if not rows:
            continue
        frame = pd.DataFrame([[row[c] for c in cols] for row in rows], columns=list(cols), dtype=object)
        tx.cursor.register("national_rows", frame)
        try:
            listed = ", ".join(quote_ident(c) for c in cols)
            tx.execute(f"INSERT INTO {quote_ident(name)} ({listed}) SELECT {listed} FROM national_rows")
        finally:
            tx.cursor.unregister("national_rows")
    return int(
        tx.insert(
            "national_snapshot",
            {
                "source": reg.meta.get("source"),
                "retrieved": parse_date(reg.meta.get("retrieved")),
                "counts": json.dumps(reg.counts()),
                "problems": json.dumps(dict(reg.problems)),
            },
            reason="Landelijk register geladen",
        )
    )


def stored(db: Database) -> dict[str, Any] | None:
    """The snapshot currently in the database (source, date, counts), or None."""
    found = db.rows("SELECT * FROM national_snapshot ORDER BY id DESC LIMIT 1")
    return found[0] if found else None


def read(path: str | Path, gemeenten: Path | None = GEMEENTEN_FILE) -> NationalRegister:
    """Read the register from a .tar.gz, its unpacked folder or a snapshot (.json.gz)."""
    path = Path(path)
    if path.is_file() and path.name.endswith(".json.gz"):
        return read_snapshot(path)
    records = [record for _, record in iter_records(path)]
    if not records:
        raise DomainError(
            f"In '{path}' staan geen organisaties van het landelijk register (data/organisaties/*/*.yaml)."
        )
    return normalise(records, path.name, read_gemeenten(gemeenten) if gemeenten else {})
