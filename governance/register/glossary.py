"""The begrippenkader: the terms the app and the werkatelier use, with a definition and a source each.

The shipped default is data/glossary.yaml. A beheerder's version of a term (changed, hidden, or added) is a row of
glossary_term (migration 027) and wins over the shipped one with the same key; taking that row away brings the
shipped text back. Each term says what kind of statement its definition is (`basis`: law, practice, or a model),
so practice is never shown as law.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from governance.core import labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import ConflictError, FieldError, NotFoundError, ValidationError

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "glossary.yaml"
BASIS: dict[str, str] = {
    "wet": "Wettelijk begrip",
    "praktijk": "Praktijk (geen wettelijke regel)",
    "model": "Model of instrument",
}
ORIGINS = {"standaard": "Meegeleverd", "aangepast": "Aangepast", "toegevoegd": "Toegevoegd"}
TERM_SCHEMA: dict[str, v.Check] = {
    "term": v.text(required=True, max_len=120),
    "basis": v.choice(BASIS),
    "definition": v.text(required=True, max_len=2000),
    "source": v.text(max_len=500),
}
COLUMNS = ["key", "term", "basis", "definition", "source", "origin"]


@lru_cache(maxsize=1)
def shipped() -> tuple[dict[str, Any], ...]:
    """The shipped terms, in the file's order; a malformed entry fails loudly (it is our own file)."""
    found = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))["terms"]
    terms = []
    for entry in found:
        clean, errors = v.apply("glossary_term", TERM_SCHEMA, entry)
        if errors or not entry.get("key"):
            raise ValueError(f"{SHIPPED.name}: term {entry.get('key')!r} is malformed: {errors}")
        terms.append({"key": entry["key"], **clean})
    return tuple(terms)


def _overrides(db: Database | Tx) -> dict[str, dict[str, Any]]:
    return {r["term_key"]: r for r in db.rows("SELECT * FROM glossary_term ORDER BY id")}


def terms(db: Database) -> pd.DataFrame:
    """Every term shown (hidden ones left out), alphabetically: key, term, basis, definition, source, origin."""
    stored = _overrides(db)
    rows = []
    for term in shipped():
        mine = stored.pop(term["key"], None)
        if mine is None:
            rows.append({**term, "origin": "standaard"})
        elif not mine["hidden"]:
            rows.append({**_from_row(mine), "origin": "aangepast"})
    rows += [{**_from_row(r), "origin": "toegevoegd"} for r in stored.values() if not r["hidden"]]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.sort_values("term", key=lambda s: s.str.lower(), kind="stable").reset_index(drop=True)


def _from_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in ("term", "basis", "definition", "source")} | {"key": row["term_key"]}


def term(db: Database, key: str) -> dict[str, Any] | None:
    """One term as shown (None when unknown or hidden): what a help text beside a field says."""
    found = terms(db)
    match = found[found["key"] == key]
    return match.iloc[0].to_dict() if not match.empty else None


def stored_row(db: Database, key: str) -> dict[str, Any] | None:
    """The beheerder's row for this key as an edit form opens it (None: the shipped text applies)."""
    found = db.rows("SELECT * FROM glossary_term WHERE term_key = ?", [key])
    return found[0] if found else None


def _is_shipped(key: str) -> bool:
    return any(t["key"] == key for t in shipped())


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    clean, errors = v.apply("glossary_term", TERM_SCHEMA, {k: values.get(k) for k in TERM_SCHEMA})
    if errors:
        raise ValidationError(errors, labels.entity("glossary_term"))
    return clean


def _write(tx: Tx, key: str, values: dict[str, Any], original: dict[str, Any] | None) -> dict[str, Any]:
    """Insert or change the row of `key` over the row as the form opened it: a row saved in between is refused."""
    now = tx.rows("SELECT * FROM glossary_term WHERE term_key = ?", [key])
    if now and original is None:
        raise ConflictError(
            f"Iemand anders heeft het begrip '{now[0]['term']}' intussen opgeslagen. Open het opnieuw en "
            "breng uw wijziging daarna aan."
        )
    if now:
        return tx.update("glossary_term", now[0]["id"], values, original=original)
    if original is not None:
        raise ConflictError("Iemand anders heeft dit begrip intussen teruggezet. Open het opnieuw.")
    row_id = tx.insert("glossary_term", {"term_key": key, **values})
    return tx.get("glossary_term", row_id) or {}


def save_term(
    db: Database, key: str | None, values: dict[str, Any], actor: Actor, original: dict[str, Any] | None
) -> dict[str, Any]:
    """A beheerder changes a term (key of a shipped or added term) or adds one (key None: made from the term)."""
    clean = _clean(values)
    if key is None:
        key = v.slug(clean["term"], 60)
        if _is_shipped(key):
            raise ValidationError(
                [FieldError("term", "Begrip", "bestaat al in het begrippenkader; wijzig dat begrip")],
                labels.entity("glossary_term"),
            )
    return db.write(lambda tx: _write(tx, key, {**clean, "hidden": False}, original), actor, "settings")


def hide_term(db: Database, key: str, actor: Actor, original: dict[str, Any] | None) -> None:
    """Take a term out of the begrippenkader: a shipped term is hidden (and can be brought back), an added one
    is removed."""
    shipped_term = next((t for t in shipped() if t["key"] == key), None)

    def run(tx: Tx) -> None:
        if shipped_term is not None:
            base = original or shipped_term
            fields = {k: base[k] for k in TERM_SCHEMA}
            _write(tx, key, {**fields, "hidden": True}, original)
            return
        now = tx.rows("SELECT * FROM glossary_term WHERE term_key = ?", [key])
        if not now:
            raise NotFoundError(f"Het begrip {key} bestaat niet (meer).")
        if original is None or now[0]["version"] != original.get("version"):
            raise ConflictError("Iemand anders heeft dit begrip intussen gewijzigd. Open het opnieuw.")
        tx.delete("glossary_term", now[0]["id"])

    db.write(run, actor, "settings")


def reset_term(db: Database, key: str, actor: Actor, original: dict[str, Any] | None) -> None:
    """Bring back the shipped text of a shipped term (its stored version is removed, audited)."""
    if not _is_shipped(key):
        raise NotFoundError("Alleen een meegeleverd begrip kan worden teruggezet.")

    def run(tx: Tx) -> None:
        now = tx.rows("SELECT * FROM glossary_term WHERE term_key = ?", [key])
        if not now:
            return
        if original is None or now[0]["version"] != original.get("version"):
            raise ConflictError("Iemand anders heeft dit begrip intussen gewijzigd. Open het opnieuw.")
        tx.delete("glossary_term", now[0]["id"], reason="teruggezet naar de meegeleverde tekst")

    db.write(run, actor, "settings")


def hidden_terms(db: Database) -> pd.DataFrame:
    """The shipped terms a beheerder took out: key and term, to bring one back."""
    return db.query("SELECT term_key AS key, term FROM glossary_term WHERE hidden ORDER BY lower(term)")


def help_text(found: dict[str, Any] | None) -> str | None:
    """A term as a one-paragraph help text: definition, what kind of statement it is, and its source."""
    if found is None:
        return None
    source = f" Bron: {found['source']}." if found.get("source") else ""
    return f"{found['definition']} ({BASIS[found['basis']]}.){source}"
