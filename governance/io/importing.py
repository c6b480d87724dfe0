"""Reading an upload and saving a planned import in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from governance import calendar
from governance.core.access import Actor
from governance.core.db import Database, Tx, quote_ident
from governance.io import parse
from governance.io.cells import ADD, CHANGE, Reader
from governance.io.plan import ImportPlan, ImportRejected, ImportStale, Problem, RowPlan, plan
from governance.io.sheets import CODE_ENTITY, PC_REGIMES, SHEETS, Column


# -- import: reading and saving ------------------------------------------------------------------------
def preview(
    db: Reader, data: bytes, filename: str, entity: str | None = None, max_bytes: int = parse.MAX_BYTES
) -> ImportPlan:
    """Read `data` and plan its import without writing anything; a file that cannot be read gives a plan
    with that one problem."""
    try:
        tables = parse.read(data, filename, max_bytes)
    except parse.FileRejected as exc:
        return ImportPlan(filename, problems=[Problem(str(exc))], unreadable=True)
    return plan(db, tables, filename, entity)


def import_file(
    db: Database,
    data: bytes,
    filename: str,
    actor: Actor,
    entity: str | None = None,
    max_bytes: int = parse.MAX_BYTES,
    expected: str | None = None,
) -> ImportPlan:
    """Import `data` in one transaction: all rows or none. Raises ImportRejected (or FileRejected) with
    every problem when anything is wrong; returns the plan that was carried out.

    `expected` is the `fingerprint` of the preview the user confirmed: when the plan made inside the write
    transaction differs (someone saved a form in between), ImportStale carries the new plan and nothing is
    written, so a save made meanwhile is never silently overwritten."""
    tables = parse.read(data, filename, max_bytes)
    reason = f"Import uit '{Path(filename).name}'"

    def run(tx: Tx) -> ImportPlan:
        todo = plan(tx, tables, filename, entity)  # planned again inside the transaction: what is saved is checked
        if not todo.ok:
            raise ImportRejected(todo)
        if expected is not None and todo.fingerprint != expected:
            raise ImportStale(todo)
        apply(tx, todo, reason)
        return todo

    return db.write(run, actor, "import")


def apply(tx: Tx, todo: ImportPlan, reason: str) -> None:
    """Carry out a plan inside an open transaction, sheet by sheet in order so references resolve: the new rows
    of a sheet in one bulk insert (audited row by row, `Tx.insert_many`), changed rows one by one; the audit rows
    of the whole import written by one statement at the end (`Tx.audit_in_bulk`)."""
    ids = {
        ent: {str(r["code"]).lower(): r["id"] for r in tx.rows(f"SELECT id, code FROM {quote_ident(ent)}")}
        for ent in CODE_ENTITY
    }
    ordered = sorted(todo.rows, key=lambda r: (SHEETS.index(r.sheet), r.row))
    with tx.audit_in_bulk():  # one audit row per change, all written by one statement
        for sheet in SHEETS:
            rows = [r for r in ordered if r.sheet is sheet]
            if sheet is PC_REGIMES:
                _regimes(tx, rows, reason)
                continue
            _add(tx, [r for r in rows if r.action == ADD], ids, reason)
            for r in rows:
                if r.action == CHANGE:
                    _change(tx, r, ids, reason)


def _add(tx: Tx, rows: list[RowPlan], ids: dict[str, dict[str, Any]], reason: str) -> None:
    """The new rows of one sheet, grouped by the columns they fill (a bulk insert needs one column set)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for r in rows:
        values = {c.db_field: _db_value(c, r.values[c.field], ids) for c in r.sheet.columns if c.field in r.values}
        groups.setdefault(tuple(values), []).append(values)
    for batch in groups.values():
        entity = rows[0].sheet.entity
        inserted = tx.insert_many(entity, batch, reason=reason)
        if entity in CODE_ENTITY:
            ids[entity].update({str(row["code"]).lower(): row["id"] for row in inserted})
        if entity == "organisation":
            for values in batch:
                if values.get("is_ours"):
                    _remember_ours(tx, values["code"], reason)


def _change(tx: Tx, r: RowPlan, ids: dict[str, dict[str, Any]], reason: str) -> None:
    assert r.existing is not None
    changes = {f: _db_value(r.sheet.column(f), new, ids) for f, (_, new) in r.changes.items()}
    archived = changes.pop("archived_at", ...)
    if changes:
        tx.update(r.sheet.entity, r.existing["id"], changes, reason=reason, system=True)
    if archived is not ...:
        was = r.existing.get("archived_at")
        action = "archive" if was is None else "restore" if archived is None else "update"
        tx.update(
            r.sheet.entity, r.existing["id"], {"archived_at": archived}, reason=reason, action=action, system=True
        )
    if r.sheet.entity == "organisation" and changes.get("is_ours"):
        _remember_ours(tx, r.existing["code"], reason)


def _regimes(tx: Tx, rows: list[RowPlan], reason: str) -> None:
    """The P&C-cyclus sheet is the setting calendar.regimes (the regelingen on the old cycle): the file's rows
    change it, regelingen not in the file keep theirs. One audited setting write, only when something changed."""
    todo = [r for r in rows if r.action in (ADD, CHANGE)]
    if not todo:
        return
    current = calendar.settings(tx)["regimes"]
    regimes = dict(current)
    for r in todo:
        code = str(r.values["party"]).lower()
        if r.values["regime"] == calendar.OLD:
            regimes[code] = calendar.OLD
        else:
            regimes.pop(code, None)
    if regimes == current:
        return  # new regelingen on the 2022 cycle: the default, nothing to store
    tx.put_setting(calendar.REGIMES_KEY, dict(sorted(regimes.items())), None, reason=reason, system=True)


def _db_value(col: Column, value: Any, ids: dict[str, dict[str, Any]]) -> Any:
    if col.ref:
        return None if value is None else ids[col.ref][value]
    if col.field == "archived_at" and isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time())
    return value


def _remember_ours(tx: Tx, code: str, reason: str) -> None:
    import json

    if not tx.get("setting", "our_organisation"):
        tx.insert("setting", {"key": "our_organisation", "value": json.dumps(code)}, reason=reason)


def problem_lines(problems: Iterable[Problem]) -> list[str]:
    return [str(p) for p in problems]
