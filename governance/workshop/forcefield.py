"""Stakeholders of the krachtenveld."""

from __future__ import annotations

from typing import Any

import pandas as pd

from governance.core import labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, ValidationError
from governance.workshop.session import _session_row

# -- krachtenveld ------------------------------------------------------------------------------------------
STAKEHOLDER_SCHEMA: dict[str, v.Check] = {
    "name": v.text(required=True, max_len=80),
    "influence": v.number(1, 5, integer=True),
    "interest": v.number(1, 5, integer=True),
    "attitude": v.choice(labels.ATTITUDES),
    "notes": v.text(max_len=300),
}


def save_stakeholder(
    db: Database,
    code: str,
    values: dict[str, Any],
    actor: Actor,
    stakeholder_id: int | None = None,
    original: dict[str, Any] | None = None,
) -> int:
    """Add or change a stakeholder on the krachtenveld (facilitator only); a change needs the stakeholder as
    the form opened it (`original`), so a newer save by someone else is refused."""
    session = _session_row(db, code)
    clean, errors = v.apply("workshop_stakeholder", STAKEHOLDER_SCHEMA, values)
    for name in ("influence", "interest", "attitude"):
        if clean.get(name) is None and not any(e.field == name for e in errors):
            errors.append(FieldError(name, labels.field("workshop_stakeholder", name), "is verplicht"))
    if errors:
        raise ValidationError(errors, labels.entity("workshop_stakeholder"))

    def run(tx: Tx) -> int:
        if stakeholder_id is None:
            row = {**clean, "session_id": session["id"]}
            return int(tx.insert("workshop_stakeholder", row, reason=session["code"]))
        tx.update("workshop_stakeholder", stakeholder_id, clean, original=original, reason=session["code"])
        return stakeholder_id

    return db.write(run, actor, "workshop")


def delete_stakeholder(db: Database, code: str, stakeholder_id: int, actor: Actor) -> None:
    session = _session_row(db, code)
    db.write(lambda tx: tx.delete("workshop_stakeholder", stakeholder_id, reason=session["code"]), actor, "workshop")


def stakeholders(db: Database, session_id: int) -> pd.DataFrame:
    return db.query(
        "SELECT id, name, influence, interest, attitude, notes FROM workshop_stakeholder "
        "WHERE session_id = ? ORDER BY influence DESC, interest DESC, name",
        [session_id],
    )


def risk_choices(db: Database) -> pd.DataFrame:
    """Risks that can be put on a session's agenda (not vervallen), labelled 'title (party)'."""
    return db.query(
        """
        SELECT r.id, r.title || coalesce(' (' || p.name || ')', '') AS label
        FROM risk r LEFT JOIN party p ON p.id = r.party_id
        WHERE r.status <> 'vervallen' ORDER BY p.name NULLS FIRST, r.title
        """
    )
