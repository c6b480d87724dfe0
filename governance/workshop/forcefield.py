"""Stakeholders of the krachtenveld."""

from __future__ import annotations

from typing import Any

import pandas as pd

from governance.core import access, labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, ValidationError
from governance.workshop.participants import _participant_or_fail, participant_actor
from governance.workshop.scoring import WorkshopClosed
from governance.workshop.session import _facilitator_update, _session_row, open_session

SIDES = labels.STAKEHOLDER_SIDES

# -- krachtenveld ------------------------------------------------------------------------------------------
STAKEHOLDER_SCHEMA: dict[str, v.Check] = {
    "name": v.text(required=True, max_len=80),
    "influence": v.number(1, 5, integer=True),
    "interest": v.number(1, 5, integer=True),
    "attitude": v.choice(labels.ATTITUDES),
    "notes": v.text(max_len=300),
    "side": v.choice(SIDES),
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
    clean = _checked(values)

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


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    clean, errors = v.apply("workshop_stakeholder", STAKEHOLDER_SCHEMA, values)
    for name in ("influence", "interest", "attitude"):
        if clean.get(name) is None and not any(e.field == name for e in errors):
            errors.append(FieldError(name, labels.field("workshop_stakeholder", name), "is verplicht"))
    if errors:
        raise ValidationError(errors, labels.entity("workshop_stakeholder"))
    clean["side"] = clean.get("side") or "extern"
    return clean


def propose_stakeholder(db: Database, code: str, token: str, values: dict[str, Any]) -> int:
    """A participant proposes a stakeholder (name, invloed, belang, houding, side); it waits for the facilitator.
    Whether proposing is open is decided inside the write transaction; the same name on the same side proposed
    again by the same participant (a double tap, a retry) returns the first proposal instead of a second row."""
    clean = _checked(values)

    def run(tx: Tx) -> int:
        session = open_session(tx, code)
        person = _participant_or_fail(tx, session, token)
        tx.actor = participant_actor(person)
        if not session["forces_open"]:
            raise WorkshopClosed("Belanghebbenden voorstellen is gesloten.")
        same = tx.execute(
            "SELECT id FROM workshop_stakeholder WHERE session_id = ? AND participant_id = ? "
            "AND lower(name) = lower(?) AND side = ?",
            [session["id"], person["id"], clean["name"], clean["side"]],
        )
        if same:
            return int(same[0][0])
        row = {**clean, "session_id": session["id"], "participant_id": person["id"], "status": "voorgesteld"}
        return int(tx.insert("workshop_stakeholder", row, reason=session["code"]))

    return db.write(run, access.participant("deelnemer"), "participate")


def decide_stakeholder(db: Database, code: str, stakeholder_id: int, accept: bool, actor: Actor) -> None:
    """The facilitator puts a proposed stakeholder on the krachtenveld, or rejects it (kept, audited)."""
    session = _session_row(db, code)

    def run(tx: Tx) -> None:
        row = tx.get("workshop_stakeholder", stakeholder_id)
        if row is None or row["session_id"] != session["id"]:
            raise ValidationError([FieldError("id", "Belanghebbende", "bestaat niet (meer) in dit werkatelier")])
        tx.update(
            "workshop_stakeholder",
            stakeholder_id,
            {"status": "geaccepteerd" if accept else "afgewezen"},
            original=row,
            reason=session["code"],
        )

    db.write(run, actor, "workshop")


def set_forces_open(db: Database, code: str, is_open: bool, actor: Actor) -> dict[str, Any]:
    return _facilitator_update(db, code, {"forces_open": bool(is_open)}, actor)


def stakeholders(db: Database, session_id: int, status: str = "geaccepteerd") -> pd.DataFrame:
    """The stakeholders of a session with `status` (default: those on the krachtenveld), strongest first."""
    return db.query(
        "SELECT id, name, influence, interest, attitude, notes, coalesce(side, 'extern') AS side, participant_id, "
        "version FROM workshop_stakeholder WHERE session_id = ? AND coalesce(status, 'geaccepteerd') = ? "
        "ORDER BY influence DESC, interest DESC, name",
        [session_id, status],
    )


def my_proposals(db: Database, session_id: int, participant_id: int) -> pd.DataFrame:
    """What one participant proposed, with where it stands."""
    return db.query(
        "SELECT id, name, side, status FROM workshop_stakeholder WHERE session_id = ? AND participant_id = ? "
        "ORDER BY id",
        [session_id, participant_id],
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
