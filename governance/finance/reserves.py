"""A party's reserve (its algemene reserve or weerstandsvermogen) and the norm the party set for it itself, per
year and document (begroting or jaarrekening). Optional: a controller enters them where the party's stukken
give them; the kengetal 'reserve tegen eigen norm' and the signal 'reserve onder de eigen norm' use them.

Every save goes through `db.write` (permission, audit row, all or nothing) and only over the version the
writer opened: a reserve someone else entered or changed in between is refused, not overwritten."""

from __future__ import annotations

from typing import Any

import pandas as pd

from governance.core import labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import ConflictError, FieldError, ValidationError

ENTITY = "party_reserve"
SCHEMA: dict[str, v.Check] = {
    "year": v.number(low=1900, high=2100, integer=True),
    "kind": v.choice(labels.YEAR_KINDS),
    "reserve": v.amount(),  # a reserve can be negative (a deficit the party carries)
    "norm": v.amount(non_negative=True),
    "source_document": v.text(max_len=300),
}


def validate(values: dict[str, Any], row: int | None = None) -> dict[str, Any]:
    """The clean values, or every wrong field as a Dutch message (naming the row for an import)."""
    clean, errors = v.apply(ENTITY, SCHEMA, {k: values.get(k) for k in SCHEMA}, row)
    for name in ("year", "kind"):
        if clean.get(name) is None and not any(e.field == name for e in errors):
            errors.append(FieldError(name, labels.field(ENTITY, name), "is verplicht", row))
    if not errors and clean.get("reserve") is None and clean.get("norm") is None:
        errors.append(FieldError("norm", labels.field(ENTITY, "norm"), "vul de reserve, de norm of beide in", row))
    if errors:
        raise ValidationError(errors, labels.entity(ENTITY))
    return clean


def get(db: Database | Tx, party_id: int, year: int, kind: str) -> dict[str, Any] | None:
    """The stored reserve of one party, year and kind (for a form and its conflict check), or None."""
    found = db.rows(
        f"SELECT * FROM {ENTITY} WHERE party_id = ? AND year = ? AND kind = ?", [int(party_id), int(year), kind]
    )
    return found[0] if found else None


def party_reserves(db: Database, party_id: int) -> pd.DataFrame:
    """The reserves entered for one party, newest first."""
    return db.query(f"SELECT * FROM {ENTITY} WHERE party_id = ? ORDER BY year DESC, kind DESC", [int(party_id)])


def upsert(
    tx: Tx, party_id: int, values: dict[str, Any], original: dict[str, Any] | None, row: int | None = None,
    system: bool = False,
) -> int:  # fmt: skip
    """Insert or update one reserve inside an open transaction; `original` None means the writer saw none (an
    import passes `system=True`: it matched the row in this same transaction)."""
    clean = validate(values, row)
    stored = get(tx, party_id, clean["year"], clean["kind"])
    if stored is not None and original is None and not system:
        raise ConflictError(
            f"De reserve {labels.YEAR_KINDS[clean['kind']].lower()} {clean['year']} is intussen door iemand anders "
            "ingevoerd. Uw gegevens zijn niet opgeslagen; bekijk de nieuwe gegevens en probeer het opnieuw."
        )
    if stored is not None:
        tx.update(ENTITY, stored["id"], clean, original=original, system=system)
        return int(stored["id"])
    return int(tx.insert(ENTITY, {"party_id": int(party_id), **clean}))


def save(db: Database, party_id: int, values: dict[str, Any], actor: Actor, original: dict[str, Any] | None) -> int:
    """Store a party's reserve and its own norm for one year and kind; audited, refused over a newer save."""
    return db.write(lambda tx: upsert(tx, party_id, values, original), actor, "register")
