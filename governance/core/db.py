"""The DuckDB file: one connection per process, a cursor per unit of work, one audited write path.

Every change in the application (a form, an import, a workshop vote, the CLI) runs as
`db.write(fn, actor, permission)`: `fn` gets a `Tx` and changes rows through `Tx.insert/update/archive/delete`,
which write the audit row in the same transaction. Writers are serialised by a process-wide lock, so many
Streamlit sessions can write at once without DuckDB's "connection is busy" or write-write conflicts.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import json
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd

from governance.core import labels
from governance.core.access import Actor
from governance.core.errors import (
    ConflictError,
    DatabaseLockedError,
    DomainError,
    FieldError,
    NotFoundError,
    StorageError,
    ValidationError,
)

T = TypeVar("T")
Params = Sequence[Any] | Mapping[str, Any]  # positional ? or named $name parameters

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "verbonden.duckdb"
ENV_VAR = "GOVERNANCE_DB"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# Columns that point at another table; DuckDB's own FOREIGN KEY would block updates (see 001_core.sql).
REFERENCES: dict[tuple[str, str], str] = {
    ("participation", "party_id"): "party",
    ("participation", "organisation_id"): "organisation",
    ("party_year", "party_id"): "party",
    ("representation", "person_id"): "person",
    ("representation", "party_id"): "party",
    ("risk", "party_id"): "party",
    ("workshop_item", "session_id"): "workshop_session",
    ("workshop_item", "risk_id"): "risk",
    ("workshop_item", "party_id"): "party",
    ("workshop_participant", "session_id"): "workshop_session",
    ("workshop_score", "session_id"): "workshop_session",
    ("workshop_score", "item_id"): "workshop_item",
    ("workshop_score", "participant_id"): "workshop_participant",
    ("workshop_proposal", "session_id"): "workshop_session",
    ("workshop_proposal", "party_id"): "party",
    ("workshop_proposal", "participant_id"): "workshop_participant",
    ("workshop_dot", "session_id"): "workshop_session",
    ("workshop_dot", "proposal_id"): "workshop_proposal",
    ("workshop_dot", "participant_id"): "workshop_participant",
    ("workshop_stakeholder", "session_id"): "workshop_session",
    ("risk_measure", "risk_id"): "risk",
    ("risk_statement", "party_id"): "party",
    ("profile_assessment", "party_id"): "party",
    ("party_motive", "party_id"): "party",
    ("party_result", "party_id"): "party",
    ("party_evaluation", "party_id"): "party",
    ("agenda_action", "party_id"): "party",
    ("agenda_action", "session_id"): "workshop_session",
    ("agenda_action", "proposal_id"): "workshop_proposal",
    ("party_reserve", "party_id"): "party",
    ("workshop_role_view", "session_id"): "workshop_session",
    ("workshop_role_view", "party_id"): "party",
    ("workshop_role_view", "participant_id"): "workshop_participant",
    ("workshop_role_agreement", "session_id"): "workshop_session",
    ("workshop_role_agreement", "party_id"): "party",
    ("workshop_display", "session_id"): "workshop_session",
    ("workshop_step", "session_id"): "workshop_session",
    ("workshop_signal_state", "session_id"): "workshop_session",
    ("workshop_own_sign", "session_id"): "workshop_session",
    ("workshop_own_sign", "party_id"): "party",
    ("workshop_own_sign", "participant_id"): "workshop_participant",
    ("workshop_sign_tick", "session_id"): "workshop_session",
    ("workshop_sign_tick", "party_id"): "party",
    ("workshop_sign_tick", "participant_id"): "workshop_participant",
    ("workshop_sign_risk", "session_id"): "workshop_session",
    ("workshop_sign_risk", "party_id"): "party",
    ("workshop_sign_risk", "risk_id"): "risk",
    ("pc_document", "party_id"): "party",
}

_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")

# Secrets never reach the audit log (nor an export of it): these fields are replaced by a marker.
SECRET_FIELDS: dict[str, frozenset[str]] = {
    "app_user": frozenset({"password_hash"}),
    "workshop_participant": frozenset({"token"}),  # a participant token is their identity: whoever has it votes
}
SECRET_SETTINGS = frozenset({"workshop_secret", "workshop_facilitator"})
REDACTED = "[geheim, niet vastgelegd]"


def redact(entity: str, row: dict[str, Any]) -> dict[str, Any]:
    """The row as the audit log may keep it: secret fields replaced by a marker."""
    hidden = SECRET_FIELDS.get(entity, frozenset())
    if entity == "setting" and row.get("key") in SECRET_SETTINGS:
        hidden = frozenset({"value"})
    return {k: (REDACTED if k in hidden and v is not None else v) for k, v in row.items()}


def quote_ident(name: str) -> str:
    """Quote a table or column name; only plain lower-case identifiers are accepted, never user text."""
    if not _IDENT.match(name):
        raise ValueError(f"not an identifier: {name!r}")
    return f'"{name}"'


def _bind(params: Params) -> list[Any] | dict[str, Any]:
    return dict(params) if isinstance(params, Mapping) else list(params)


def default_path() -> Path:
    """The database file: $GOVERNANCE_DB if set, else data/verbonden.duckdb next to the code."""
    return Path(os.environ.get(ENV_VAR) or DEFAULT_PATH)


def to_jsonable(value: Any) -> Any:
    """Values as they go into the audit log and JSON output: dates as ISO text, decimals as numbers."""
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    return value


class Tx:
    """One write transaction. Row changes made through it are validated against the schema and audited."""

    def __init__(self, db: Database, cursor: duckdb.DuckDBPyConnection, actor: Actor):
        self._db = db
        self.cursor = cursor
        self.actor = actor
        self.entity: str | None = None  # what is being written, for error messages
        self.touched: set[str] = set()  # tables this transaction wrote: their read caches are stale after it
        self._pending_audit: list[list[Any]] | None = None  # audit rows held for one statement (`audit_in_bulk`)

    def execute(self, sql: str, params: Params = ()) -> list[tuple]:
        self._touch(sql)
        return self.cursor.execute(sql, _bind(params)).fetchall()

    def rows(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        self._touch(sql)
        cur = self.cursor.execute(sql, _bind(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def get(self, entity: str, row_id: Any) -> dict[str, Any] | None:
        found = self.rows(f"SELECT * FROM {quote_ident(entity)} WHERE {quote_ident(self._key(entity))} = ?", [row_id])
        return found[0] if found else None

    def insert(self, entity: str, values: dict[str, Any], reason: str | None = None) -> Any:
        """Insert one row and audit it; returns its key."""
        self.entity = entity
        cols = self._columns(entity, values)
        self._check_references(entity, values)
        self._check_unique(entity, values, None)
        sql = (
            f"INSERT INTO {quote_ident(entity)} ({', '.join(quote_ident(c) for c in cols)}) "
            f"VALUES ({', '.join('?' for _ in cols)}) RETURNING *"
        )
        row = self.rows(sql, [values[c] for c in cols])[0]
        key = row[self._key(entity)]
        self.audit("insert", entity, key, None, row, reason)
        return key

    def insert_many(
        self, entity: str, rows: Sequence[dict[str, Any]], reason: str | None = None
    ) -> list[dict[str, Any]]:
        """Insert many rows of one entity in one statement, with the same checks and one audit row each as
        `insert` (references and unique keys checked against sets loaded once); returns the inserted rows.
        Every row must have the same columns."""
        if not rows:
            return []
        self.entity = entity
        cols = self._columns(entity, rows[0])
        if any(list(r) != cols for r in rows):
            raise ValueError(f"insert_many into {entity}: every row needs the columns {cols}")
        self._check_references_many(entity, cols, rows)
        self._check_unique_many(entity, rows)
        types = self._db.column_types(entity)
        frame = pd.DataFrame({c: [_as_text(r[c]) for r in rows] for c in cols}, dtype=object)
        selected = ", ".join(f"CAST({quote_ident(c)} AS {types[c]}) AS {quote_ident(c)}" for c in cols)
        self.cursor.register("_insert_many_rows", frame)
        try:
            inserted = self.rows(
                f"INSERT INTO {quote_ident(entity)} ({', '.join(quote_ident(c) for c in cols)}) "
                f"SELECT {selected} FROM _insert_many_rows RETURNING *"
            )
        finally:
            _unregister(self.cursor, "_insert_many_rows")
        key = self._key(entity)
        self._audit_many([("insert", entity, r[key], None, r, reason) for r in inserted])
        return inserted

    def update(
        self,
        entity: str,
        row_id: Any,
        values: dict[str, Any],
        original: dict[str, Any] | None = None,
        reason: str | None = None,
        action: str = "update",
        system: bool = False,
    ) -> dict[str, Any]:
        """Change fields of one row. `original` is the row as the user opened it: a newer version is refused
        with a ConflictError naming each field someone else changed in between. A row with a version column
        needs `original`, unless the caller says this is a system write (`system=True`: an import, a register
        sync, a decision taken on the row just read in this transaction), so no edit form can forget it."""
        self.entity = entity
        before = self.get(entity, row_id)
        if before is None:
            raise NotFoundError(f"{labels.entity(entity)} {row_id} bestaat niet (meer).")
        if original is None and not system and "version" in before:
            raise ValueError(f"update of {entity} {row_id} needs the record as opened (original=) or system=True")
        if original is not None and "version" in before and original.get("version") != before["version"]:
            raise self._conflict(entity, original, before)
        changes = {c: v for c, v in values.items() if c in before and before[c] != v}
        self._columns(entity, values)  # reject unknown columns even when nothing changed
        if not changes:
            return before
        self._check_references(entity, changes)
        self._check_unique(entity, {**before, **changes}, row_id, changed=set(changes))
        sets = [f"{quote_ident(c)} = ?" for c in changes]
        if "version" in before:
            sets.append('"version" = "version" + 1')
        if "updated_at" in before:
            sets.append('"updated_at" = current_timestamp')
        key = quote_ident(self._key(entity))
        after = self.rows(
            f"UPDATE {quote_ident(entity)} SET {', '.join(sets)} WHERE {key} = ? RETURNING *",
            [*changes.values(), row_id],
        )[0]
        self.audit(action, entity, row_id, before, after, reason)
        return after

    def _conflict(self, entity: str, original: dict[str, Any], before: dict[str, Any]) -> ConflictError:
        changed = {
            f: (original.get(f), before[f])
            for f in before
            if f in original and f not in ("version", "updated_at") and original.get(f) != before[f]
        }
        names = ", ".join(labels.field(entity, f) for f in changed) or "geen velden"
        return ConflictError(
            f"{labels.entity(entity)} is intussen door iemand anders gewijzigd ({names}). "
            "Uw wijziging is niet opgeslagen; bekijk de nieuwe gegevens en probeer het opnieuw.",
            changed,
        )

    def put_setting(
        self, key: str, value: Any, original: dict[str, Any] | None, reason: str | None = None, system: bool = False
    ) -> None:
        """Store one setting (`value` as a Python value, stored as JSON): the single write path of every setting.
        `original` is the setting row as the user opened it, None when it did not exist then: a save over a newer
        version, or over a setting someone created in between, is refused. An unchanged value writes nothing."""
        text = json.dumps(value, ensure_ascii=False)
        self.entity = "setting"
        stored = self.get("setting", key)
        if stored is None:
            self.insert("setting", {"key": key, "value": text}, reason=reason)
        elif original is None and not system:
            raise ConflictError(
                f"{labels.setting(key)} is intussen door iemand anders opgeslagen. Uw wijziging is niet opgeslagen; "
                "bekijk de nieuwe instelling en probeer het opnieuw.",
                {"value": (None, stored["value"])},
            )
        elif json.loads(stored["value"]) != json.loads(text):
            self.update("setting", key, {"value": text}, original=original, reason=reason, system=system)
        elif original is not None and original.get("version") != stored["version"]:
            raise self._conflict("setting", original, stored)

    def delete(self, entity: str, row_id: Any, reason: str | None = None) -> None:
        """Remove a dependent row (a deelnemer, a representation); parties are archived, never deleted."""
        self.entity = entity
        before = self.get(entity, row_id)
        if before is None:
            raise NotFoundError(f"{labels.entity(entity)} {row_id} bestaat niet (meer).")
        self.execute(f"DELETE FROM {quote_ident(entity)} WHERE {quote_ident(self._key(entity))} = ?", [row_id])
        self.audit("delete", entity, row_id, before, None, reason)

    @contextmanager
    def audit_in_bulk(self) -> Iterator[None]:
        """Inside this block every audit row (of `insert`, `insert_many`, `update`, ...) is held and written, in
        the order the changes were made, by one statement at its end: still one row per change, in the same
        transaction. Nothing in the block may read the audit log."""
        if self._pending_audit is not None:  # already inside one
            yield
            return
        self._pending_audit = []
        try:
            yield
            held = self._pending_audit
        finally:
            self._pending_audit = None
        self._write_audit_rows(held)

    def audit(
        self,
        action: str,
        entity: str,
        row_id: Any,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        reason: str | None = None,
    ) -> None:
        self.touched.update(("audit_log", audit_of(entity)))
        row = self._audit_row(action, entity, row_id, before, after, reason)
        if self._pending_audit is not None:
            self._pending_audit.append(row)
            return
        self.cursor.execute(
            "INSERT INTO audit_log (actor, user_id, role, via, action, entity, entity_id, before, after, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            row,
        )

    def _audit_row(
        self,
        action: str,
        entity: str,
        row_id: Any,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        reason: str | None,
    ) -> list[Any]:
        """One audit row's values in `_AUDIT_COLUMNS` order: the actor, the change, secrets redacted."""
        return [
            self.actor.name,
            self.actor.user_id,
            self.actor.role,
            self.actor.via,
            action,
            entity,
            str(row_id),
            None if before is None else json.dumps(to_jsonable(redact(entity, before))),
            None if after is None else json.dumps(to_jsonable(redact(entity, after))),
            reason,
        ]

    def _audit_many(self, entries: list[tuple[str, str, Any, dict | None, dict | None, str | None]]) -> None:
        """Many audit rows in one statement, each as `audit` writes it."""
        if not entries:
            return
        self.touched.add("audit_log")
        self.touched.update(audit_of(e[1]) for e in entries)
        rows = [self._audit_row(*entry) for entry in entries]
        if self._pending_audit is not None:
            self._pending_audit.extend(rows)
            return
        self._write_audit_rows(rows)

    def _write_audit_rows(self, rows: list[list[Any]]) -> None:
        if not rows:
            return
        frame = pd.DataFrame(rows, columns=list(_AUDIT_COLUMNS), dtype=object)
        self.cursor.register("_audit_many_rows", frame)
        try:
            names = ", ".join(_AUDIT_COLUMNS)
            casts = ", ".join(f"CAST({c} AS {t})" for c, t in _AUDIT_COLUMNS.items())
            self.cursor.execute(f"INSERT INTO audit_log ({names}) SELECT {casts} FROM _audit_many_rows")
        finally:
            _unregister(self.cursor, "_audit_many_rows")

    def _touch(self, sql: str) -> None:
        if m := _WRITES.match(sql):
            self.touched.add(m.group(1).lower())

    def _key(self, entity: str) -> str:
        return "key" if entity == "setting" else "id"

    def _columns(self, entity: str, values: dict[str, Any]) -> list[str]:
        known = self._db.columns(entity)
        unknown = [c for c in values if c not in known]
        if unknown:
            raise ValueError(f"{entity} has no column(s) {unknown}")
        return list(values)

    def _check_unique(self, entity: str, values: dict[str, Any], row_id: Any, changed: set[str] | None = None) -> None:
        """Name the field of a duplicate before DuckDB refuses it: inside a transaction its own message
        only shows the value, not the column."""
        key = self._key(entity)
        for columns in self._db.unique_keys(entity):
            if changed is not None and not changed & set(columns):
                continue
            if any(values.get(c) is None for c in columns):
                continue
            where = " AND ".join(f"{quote_ident(c)} = ?" for c in columns)
            params = [values[c] for c in columns]
            if row_id is not None:
                where += f" AND {quote_ident(key)} <> ?"
                params.append(row_id)
            if self.execute(f"SELECT 1 FROM {quote_ident(entity)} WHERE {where}", params):
                shown = ", ".join(f"{labels.field(entity, c)} {values[c]}" for c in columns)
                what = labels.entity(entity)
                raise ValidationError(
                    [
                        FieldError(
                            columns[-1],
                            labels.field(entity, columns[-1]),
                            f"er bestaat al een {what.lower()} met {shown}",
                        )
                    ],
                    what,
                )

    def _check_unique_many(self, entity: str, rows: Sequence[dict[str, Any]]) -> None:
        """`_check_unique` for a batch: against the table (loaded once per key) and within the batch."""
        for columns in self._db.unique_keys(entity):
            if not all(c in rows[0] for c in columns):
                continue  # as `insert`: a key with a column left out is not checked here
            names = ", ".join(quote_ident(c) for c in columns)
            seen = {tuple(r) for r in self.execute(f"SELECT {names} FROM {quote_ident(entity)}")}
            for row in rows:
                value = tuple(row[c] for c in columns)
                if any(v is None for v in value):
                    continue
                if value in seen:
                    self._check_unique(entity, row, None)  # raises the Dutch message naming the field
                    shown = ", ".join(f"{labels.field(entity, c)} {row[c]}" for c in columns)
                    what = labels.entity(entity)
                    raise ValidationError(
                        [FieldError(columns[-1], labels.field(entity, columns[-1]), f"komt twee keer voor ({shown})")],
                        what,
                    )
                seen.add(value)

    def _check_references_many(self, entity: str, cols: list[str], rows: Sequence[dict[str, Any]]) -> None:
        for col in cols:
            target = REFERENCES.get((entity, col))
            if not target:
                continue
            known = {r[0] for r in self.execute(f"SELECT id FROM {quote_ident(target)}")}
            missing = next((r[col] for r in rows if r[col] is not None and r[col] not in known), None)
            if missing is not None:
                raise ValidationError(
                    [FieldError(col, labels.field(entity, col), f"{labels.entity(target)} {missing} bestaat niet")],
                    labels.entity(entity),
                )

    def _check_references(self, entity: str, values: dict[str, Any]) -> None:
        errors = []
        for col, value in values.items():
            target = REFERENCES.get((entity, col))
            if (
                target
                and value is not None
                and not self.execute(f"SELECT 1 FROM {quote_ident(target)} WHERE id = ?", [value])
            ):
                errors.append(
                    FieldError(col, labels.field(entity, col), f"{labels.entity(target)} {value} bestaat niet")
                )
        if errors:
            raise ValidationError(errors, labels.entity(entity))


_WRITES = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z_][A-Za-z0-9_]*)', re.IGNORECASE)
_reads: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("tables_read", default=None)


@contextmanager
def tracing_reads() -> Iterator[set[str]]:
    """Collect the tables the reads inside the block use (Database.query/rows/scalar), so a read cache can be
    keyed on those tables' write generations instead of every write anywhere."""
    seen: set[str] = set()
    outer = _reads.get()
    token = _reads.set(seen)
    try:
        yield seen
    finally:
        _reads.reset(token)
        if outer is not None:  # a traced read inside another: the outer one depends on these tables too
            outer.update(seen)


def shared_read(fn: Callable[..., T]) -> Callable[..., T]:
    """Mark a read model that several others build on (Database.shared): called with a Database it is computed
    once until a table it read is written, whoever asks; inside a write transaction it always reads afresh. A
    DataFrame comes back as a copy, so no caller can change another's."""

    @wraps(fn)
    def read(db: Any, *args: Any, **kwargs: Any) -> T:
        key = (fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())))
        try:
            hash(key)
        except TypeError:  # a list or a frame among the arguments: not shareable
            return fn(db, *args, **kwargs)
        if not isinstance(db, Database):
            return fn(db, *args, **kwargs)
        value = db.shared(key, lambda: fn(db, *args, **kwargs))
        return value.copy() if isinstance(value, pd.DataFrame) else value

    return read


_AUDIT_OF = re.compile(r"\bentity\s*=\s*'([a-z_]+)'")


def audit_of(entity: str) -> str:
    """The pseudo-table of one entity's audit rows: a read of only the audit of risks need not be redone when
    a party is saved, though both write audit_log."""
    return f"audit_log:{entity}"


@lru_cache(maxsize=4096)
def tables_in(sql: str, tables: frozenset[str]) -> frozenset[str]:
    """The tables a statement names (a word match: it may over-count, never under-count). A read of audit_log
    whose every use is filtered on literal entities (`entity = 'risk'`) counts as reading those entities' audit."""
    text = sql.lower()
    found = set(re.findall(r"[a-z_][a-z0-9_]*", text)) & tables
    if "audit_log" in found:
        entities = _AUDIT_OF.findall(text)
        if entities and " not " not in f" {text} " and text.count("audit_log") == 1:
            found.discard("audit_log")
            found.update(audit_of(e) for e in entities)
    return frozenset(found)


_AUDIT_COLUMNS = {
    "actor": "TEXT",
    "user_id": "INTEGER",
    "role": "TEXT",
    "via": "TEXT",
    "action": "TEXT",
    "entity": "TEXT",
    "entity_id": "TEXT",
    "before": "TEXT",
    "after": "TEXT",
    "reason": "TEXT",
}


def _unregister(cursor: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop a registered frame; after a failed statement the transaction is aborted and DuckDB refuses even
    that, so the original error is the one that reaches the caller (the rollback drops the view anyway)."""
    try:
        cursor.unregister(name)
    except duckdb.Error:
        pass


def _as_text(value: Any) -> str | None:
    """A value as text that DuckDB casts back to the column's type (bulk inserts go through a text frame, so
    pandas never guesses a type from the first rows)."""
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class Database:
    """One DuckDB database instance for this process; get it through `open_database`."""

    def __init__(self, path: Path):
        self.path = path
        self._conn = _connect(path)
        self._write_lock = threading.RLock()
        self._cursor_lock = threading.Lock()
        self._columns: dict[str, frozenset[str]] = {}
        self._unique: dict[str, list[tuple[str, ...]]] = {}
        self._types: dict[str, dict[str, str]] = {}
        self._schema_loaded = False
        self.generation = 0  # bumped after every committed write
        self._generations: dict[str, int] = {}  # per table: bumped after a committed write that touched it
        self._tables: frozenset[str] | None = None
        self._memo: OrderedDict[Any, Any] = OrderedDict()
        self._read_tables: dict[Any, frozenset[str]] = {}  # per shared() key: the tables its compute read
        self._memo_lock = threading.Lock()
        self.migrations_applied = self.migrate()

    def shared(self, key: Any, compute: Callable[[], T]) -> T:
        """`compute()` kept until a table it read is written (traced as ui/data.py does): for a read model that
        several others build on, such as a year's kengetallen under both the Financiën table and its signals,
        so a page after a save computes it once, not once per caller. `key` must be hashable."""
        tables = self._read_tables.get(key)
        if tables is not None:
            full = (("shared", key), self.table_generations(tables))
            with self._memo_lock:
                found = full in self._memo
                if found:
                    self._memo.move_to_end(full)
                    value = self._memo[full]
            if found:
                outer = _reads.get()
                if outer is not None:  # the caller's own cache depends on these tables too
                    outer.update(tables)
                return value
        before = self.generation
        with tracing_reads() as seen:
            value = compute()
        tables = frozenset(seen) | (tables or frozenset())
        self._read_tables[key] = tables
        if self.generation == before:  # nothing committed meanwhile: the value belongs to these generations
            with self._memo_lock:
                self._memo[(("shared", key), self.table_generations(tables))] = value
                while len(self._memo) > 64:
                    self._memo.popitem(last=False)
        return value

    # -- reading -----------------------------------------------------------------------------------------
    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for one unit of work: DuckDB allows one statement at a time per cursor, so never share it."""
        with self._cursor_lock:
            cur = self._conn.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def table_generations(self, tables: Iterator[str] | frozenset[str] | set[str]) -> tuple[tuple[str, int], ...]:
        """The write generation of each table: a read of these tables is still valid while these are equal."""
        return tuple((t, self._generations.get(t, 0)) for t in sorted(tables))

    def memo(self, tables: Sequence[str], key: Any, compute: Callable[[], T]) -> T:
        """`compute()` kept until one of `tables` is written: for a heavy step inside a read that also reads
        cheaper, more often changed tables (a risk's audit history inside a list that shows party names)."""
        full = (key, self.table_generations(set(tables)))
        with self._memo_lock:
            if full in self._memo:
                self._memo.move_to_end(full)
                return self._memo[full]
        value = compute()
        with self._memo_lock:
            self._memo[full] = value
            while len(self._memo) > 64:
                self._memo.popitem(last=False)
        return value

    def _traced(self, sql: str) -> None:
        seen = _reads.get()
        if seen is not None:
            if self._tables is None:
                found = self.rows_untraced(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
                )
                self._tables = frozenset(r["table_name"] for r in found)
            seen.update(tables_in(sql, self._tables))

    def query(self, sql: str, params: Params = ()) -> pd.DataFrame:
        self._traced(sql)
        with self.cursor() as cur:
            return cur.execute(sql, _bind(params)).fetchdf()

    def rows(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        self._traced(sql)
        return self.rows_untraced(sql, params)

    def rows_untraced(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        with self.cursor() as cur:
            res = cur.execute(sql, _bind(params))
            names = [d[0] for d in res.description]
            return [dict(zip(names, r, strict=True)) for r in res.fetchall()]

    def scalar(self, sql: str, params: Params = ()) -> Any:
        found = self.rows(sql, params)
        return next(iter(found[0].values())) if found else None

    def _load_schema(self) -> None:
        """Columns, types and unique keys of every table in two queries, once (until the next migration): a
        fresh process's first import otherwise pays three catalogue queries per table."""
        if self._schema_loaded:
            return
        columns: dict[str, dict[str, str]] = {}
        for r in self.rows_untraced(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"
        ):
            columns.setdefault(r["table_name"], {})[r["column_name"]] = r["data_type"]
        unique: dict[str, list[tuple[str, ...]]] = {t: [] for t in columns}
        for r in self.rows_untraced(
            "SELECT table_name, constraint_type, constraint_column_names AS cols FROM duckdb_constraints() "
            "WHERE constraint_type IN ('UNIQUE', 'PRIMARY KEY')"
        ):
            if r["table_name"] in unique and not (r["constraint_type"] == "PRIMARY KEY" and r["cols"] == ["id"]):
                unique[r["table_name"]].append(tuple(r["cols"]))
        for table, types in columns.items():
            self._types.setdefault(table, types)
            self._columns.setdefault(table, frozenset(types))
            self._unique.setdefault(table, unique[table])
        self._schema_loaded = True

    def unique_keys(self, table: str) -> list[tuple[str, ...]]:
        """The UNIQUE column sets of a table (not its surrogate primary key)."""
        self._load_schema()
        if table not in self._unique:
            found = self.rows(
                "SELECT constraint_type, constraint_column_names AS cols FROM duckdb_constraints() "
                "WHERE table_name = ? AND constraint_type IN ('UNIQUE', 'PRIMARY KEY')",
                [table],
            )
            self._unique[table] = [
                tuple(r["cols"]) for r in found if not (r["constraint_type"] == "PRIMARY KEY" and r["cols"] == ["id"])
            ]
        return self._unique[table]

    def column_types(self, table: str) -> dict[str, str]:
        """Each column's SQL type, for casting bulk-inserted text back."""
        self._load_schema()
        if table not in self._types:
            found = self.rows(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? AND table_schema = 'main'",
                [table],
            )
            self._types[table] = {r["column_name"]: r["data_type"] for r in found}
        return self._types[table]

    def columns(self, table: str) -> frozenset[str]:
        self._load_schema()
        if table not in self._columns:
            names = self.rows(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_schema = 'main'",
                [table],
            )
            if not names:
                raise ValueError(f"no table {table!r}")
            self._columns[table] = frozenset(r["column_name"] for r in names)
        return self._columns[table]

    # -- writing -----------------------------------------------------------------------------------------
    def write(self, fn: Callable[[Tx], T], actor: Actor, permission: str, retries: int = 3) -> T:
        """Run `fn(tx)` in one serialised transaction; all of it is committed, or none of it.

        `actor` must hold `permission` (governance.core.access), checked before anything is read or written: a
        page that forgets to hide a button still cannot write. Driver errors become DomainErrors naming the
        entity and field; write-write conflicts (only possible from another process sharing the file, which
        DuckDB's lock prevents) are retried with backoff."""
        if not isinstance(actor, Actor):
            raise TypeError(f"every write needs an Actor for the audit log, not {actor!r}")
        actor.require(permission)
        attempt = 0
        while True:
            with self._write_lock, self.cursor() as cur:
                tx = Tx(self, cur, actor)
                cur.begin()
                try:
                    result = fn(tx)
                    cur.commit()
                    self.generation += 1
                    for table in tx.touched:
                        self._generations[table] = self._generations.get(table, 0) + 1
                    return result
                except duckdb.TransactionException:
                    cur.rollback()
                    if attempt >= retries:
                        raise StorageError(
                            "Opslaan lukte niet doordat anderen tegelijk schreven; probeer het opnieuw."
                        ) from None
                except duckdb.Error as exc:
                    cur.rollback()
                    raise translate_error(exc, tx.entity) from exc
                except BaseException:
                    cur.rollback()
                    raise
            attempt += 1
            time.sleep(0.02 * 2**attempt)

    def migrate(self) -> list[str]:
        """Apply the numbered migrations not yet recorded; each in its own transaction. Returns their names."""
        applied: list[str] = []
        with self._write_lock, self.cursor() as cur:
            cur.execute(
                "CREATE TABLE IF NOT EXISTS schema_migration "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP DEFAULT current_timestamp)"
            )
            done = {r[0] for r in cur.execute("SELECT version FROM schema_migration").fetchall()}
            for version, name, path in migration_files():
                if version in done:
                    continue
                cur.begin()
                try:
                    cur.execute(path.read_text(encoding="utf-8"))
                    cur.execute("INSERT INTO schema_migration (version, name) VALUES (?, ?)", [version, name])
                    cur.commit()
                except duckdb.Error as exc:
                    cur.rollback()
                    raise StorageError(f"Migratie {path.name} mislukt: {exc}") from exc
                applied.append(name)
        self._columns.clear()
        self._unique.clear()
        self._types.clear()
        self._schema_loaded = False
        self._tables = None
        for name in list(self._generations):  # a migration may change any table
            self._generations[name] += 1
        self.generation += 1
        return applied

    def close(self) -> None:
        with self._write_lock:
            self._conn.close()
        with _registry_lock:
            if _registry.get(str(self.path)) is self:
                del _registry[str(self.path)]


def migration_files() -> list[tuple[int, str, Path]]:
    """(version, name, path) of every governance/migrations/NNN_name.sql, in order."""
    found = []
    for path in sorted(MIGRATIONS.glob("*.sql")):
        number, _, name = path.stem.partition("_")
        found.append((int(number), name, path))
    return found


_registry: dict[str, Database] = {}
_registry_lock = threading.Lock()


def open_database(path: str | os.PathLike[str] | None = None) -> Database:
    """The process's Database for `path` (default: $GOVERNANCE_DB or data/verbonden.duckdb), created and
    migrated on first use. DuckDB allows one open instance per file, so every caller shares it."""
    resolved = Path(path) if path else default_path()
    resolved = resolved.expanduser().resolve()
    with _registry_lock:
        db = _registry.get(str(resolved))
        if db is None:
            resolved.parent.mkdir(parents=True, exist_ok=True)
            db = Database(resolved)
            _registry[str(resolved)] = db
        return db


def _connect(path: Path) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path))
    except duckdb.IOException as exc:
        text = str(exc)
        if "lock" in text.lower():
            pid = re.search(r"PID (\d+)", text)
            by = f" (proces {pid.group(1)})" if pid else ""
            raise DatabaseLockedError(
                f"De database {path} is in gebruik door een ander programma{by}, waarschijnlijk de draaiende app. "
                "Stop dat eerst, of kies met --db een ander bestand."
            ) from None
        raise StorageError(f"De database {path} kan niet worden geopend: {text}") from exc


_DUPLICATE = re.compile(r'Duplicate key "([^"]*)"')
_NOT_NULL = re.compile(r'NOT NULL constraint failed: [^.]*\."?(\w+)"?')
_CHECK = re.compile(r'CHECK constraint failed on table "?(\w+)"? with expression CHECK\((.*)\)')


def translate_error(exc: duckdb.Error, entity: str | None) -> DomainError:
    """Turn a DuckDB error into a Dutch message naming the entity and the field."""
    text = str(exc)
    ent = entity or "gegevens"
    what = labels.entity(ent)
    if m := _DUPLICATE.search(text):
        pairs = [p.split(": ", 1) for p in m.group(1).split(", ")]
        fields = [p[0] for p in pairs if len(p) == 2]
        shown = ", ".join(f"{labels.field(ent, f)} {v}" for f, v in (p for p in pairs if len(p) == 2))
        field = fields[-1] if fields else ""
        return ValidationError(
            [FieldError(field, labels.field(ent, field), f"er bestaat al een {what.lower()} met {shown}")], what
        )
    if m := _NOT_NULL.search(text):
        field = m.group(1)
        return ValidationError([FieldError(field, labels.field(ent, field), "is verplicht")], what)
    if m := _CHECK.search(text):
        table, expr = m.group(1), m.group(2)
        field = next((c for c in re.findall(r"[a-z_]+", expr) if c in labels.FIELDS.get(table, {})), "")
        return ValidationError(
            [FieldError(field, labels.field(table, field), "heeft een waarde die niet is toegestaan")],
            labels.entity(table),
        )
    if isinstance(exc, duckdb.ConversionException):
        return ValidationError([FieldError("", what, f"een waarde heeft het verkeerde type ({text})")], what)
    return StorageError(f"Opslaan van {what.lower()} is mislukt; er is niets gewijzigd. ({text})")
