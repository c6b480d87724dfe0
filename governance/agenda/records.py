"""Writes of "koers houden": motives, intended results, evaluations and ontwikkelagenda actions, and accepting a
werkatelier's verbetervoorstel into a party's ontwikkelagenda.

Every write goes through `db.write` (audited under the actor, its permission checked); an edit of a stored row
passes the row as the user opened it (`original`), so a change someone else saved in between is refused with the
fields that changed instead of overwritten. Motives, results, evaluations and hand-made actions need the register
permission (controller, beheerder); accepting a proposal is part of leading a werkatelier (facilitator, beheerder).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from governance.core import labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, NotFoundError, ValidationError

SCHEMAS: dict[str, dict[str, v.Check]] = {
    "party_motive": {
        "motive": v.text(required=True, max_len=300),
        "met": v.choice(labels.MOTIVE_MET),
        "explanation": v.text(max_len=2000),
    },
    "party_result": {
        "intended": v.text(required=True, max_len=500),
        "achieved": v.text(max_len=2000),
        "assessment": v.choice(labels.RESULT_ASSESSMENT),
    },
    "party_evaluation": {
        "held_on": v.date(),
        "conclusion": v.text(max_len=4000),
        "next_planned": v.date(),
    },
    "agenda_action": {
        "action": v.text(required=True, max_len=500),
        "owner": v.text(max_len=200),
        "deadline": v.date(),
        "status": v.choice(labels.ACTION_STATUS),
        "horizon": v.choice(labels.HORIZONS),
        "notes": v.text(max_len=2000),
    },
}
DEFAULTS: dict[str, dict[str, Any]] = {
    "party_motive": {"met": "onbekend"},
    "party_result": {"assessment": "onbekend"},
    "party_evaluation": {},
    "agenda_action": {"status": "open", "horizon": "kort"},
}
REQUIRED: dict[str, tuple[str, ...]] = {"party_evaluation": ("held_on",)}  # dates: v.date() allows blank


def clean(entity: str, values: dict[str, Any], row: int | None = None) -> dict[str, Any]:
    """The values checked against the entity's schema, or a ValidationError naming every bad field."""
    if entity not in SCHEMAS:
        raise ValueError(f"not an agenda entity: {entity}")
    schema = SCHEMAS[entity]
    given = {k: values[k] for k in schema if k in values}
    result, errors = v.apply(entity, schema, given, row)
    for name in REQUIRED.get(entity, ()):
        if name in given and result.get(name) is None and not any(e.field == name for e in errors):
            errors.append(FieldError(name, labels.field(entity, name), "is verplicht", row))
    if entity == "party_evaluation" and not errors:
        held, planned = result.get("held_on"), result.get("next_planned")
        if held and planned and planned <= held:
            errors.append(
                FieldError("next_planned", labels.field(entity, "next_planned"), "moet na de evaluatiedatum liggen")
            )
    if errors:
        raise ValidationError(errors, labels.entity(entity))
    return result


def add(db: Database, entity: str, party_id: Any, values: dict[str, Any], actor: Actor) -> int:
    """A new motive, result, evaluation or hand-made action for one party; returns its id."""
    full = {**DEFAULTS[entity], **values}
    for name in REQUIRED.get(entity, ()):
        full.setdefault(name, None)
    checked = clean(entity, {k: full.get(k) for k in SCHEMAS[entity]})
    if party_id is None:
        raise ValidationError(
            [FieldError("party_id", labels.field(entity, "party_id"), "kies een partij")], labels.entity(entity)
        )
    row = {"party_id": int(party_id), **checked}
    if entity == "agenda_action":
        row["source"] = "handmatig"
    return int(db.write(lambda tx: tx.insert(entity, row), actor, "register"))


def update(
    db: Database, entity: str, row_id: int, values: dict[str, Any], actor: Actor, original: dict[str, Any] | None
) -> None:
    """Change one stored row over the version the user opened (`original`): a stale save is refused."""
    checked = clean(entity, values)
    if entity == "party_evaluation" and "next_planned" in checked and "held_on" not in checked and original:
        clean(entity, {"held_on": original.get("held_on"), "next_planned": checked["next_planned"]})
    if original is None:
        raise ValueError("an edit needs the row as the user opened it")
    db.write(lambda tx: tx.update(entity, int(row_id), checked, original=original), actor, "register")


def row(db: Database | Tx, entity: str, row_id: int) -> dict[str, Any] | None:
    """One stored row, as an edit form opens it."""
    if entity not in SCHEMAS:
        raise ValueError(f"not an agenda entity: {entity}")
    found = db.rows(f"SELECT * FROM {entity} WHERE id = ?", [int(row_id)])  # entity is one of SCHEMAS' names
    return found[0] if found else None


def ranked_proposals(db: Database | Tx, session_id: int) -> list[dict[str, Any]]:
    """A session's proposals as the werkatelier ranks them (governance.workshop.proposals): most dots first, then
    oldest first; read here so the agenda needs no workshop module (the io family, which is independent of the
    workshop, imports the agenda for its Excel sheet)."""
    return db.rows(
        """
        SELECT pr.id, pa.name AS party, pr.horizon, pr.text, pr.created_at, coalesce(sum(d.dots), 0)::INTEGER AS dots
        FROM workshop_proposal pr JOIN party pa ON pa.id = pr.party_id
        LEFT JOIN workshop_dot d ON d.proposal_id = pr.id
        WHERE pr.session_id = ? GROUP BY ALL ORDER BY dots DESC, pr.created_at, pr.id
        """,
        [int(session_id)],
    )


def accept_proposal(db: Database, proposal_id: int, values: dict[str, Any], actor: Actor) -> int:
    """A werkatelier's verbetervoorstel onto its party's ontwikkelagenda: the proposal's text becomes the action,
    its horizon (kort / middellang / lang) is kept, the session is its source, and the owner and deadline are
    the facilitator's (`values`: owner, deadline, notes). A proposal is accepted once; the session may be closed
    (accepting is what happens after the werkatelier). Returns the action's id."""
    checked = clean("agenda_action", {k: values.get(k) for k in ("owner", "deadline", "notes")})

    def run(tx: Tx) -> int:
        found = tx.rows(
            "SELECT pr.*, s.title, s.code, s.created_at AS held FROM workshop_proposal pr "
            "JOIN workshop_session s ON s.id = pr.session_id WHERE pr.id = ?",
            [int(proposal_id)],
        )
        if not found:
            raise NotFoundError(f"Verbetervoorstel {proposal_id} bestaat niet (meer).")
        proposal = found[0]
        taken = tx.rows("SELECT id FROM agenda_action WHERE proposal_id = ?", [proposal["id"]])
        if taken:
            raise ValidationError(
                [FieldError("proposal_id", "Verbetervoorstel", "staat al op de ontwikkelagenda")],
                labels.entity("agenda_action"),
            )
        ranked = ranked_proposals(tx, proposal["session_id"])
        place, dots = next((n, r["dots"]) for n, r in enumerate(ranked, start=1) if r["id"] == proposal["id"])
        when = proposal["held"].date() if isinstance(proposal["held"], dt.datetime) else proposal["held"]
        origin = (
            f"Verbetervoorstel nr. {place} ({dots} stippen) uit werkatelier '{proposal['title']}' van {when:%d-%m-%Y}"
        )
        notes = checked.get("notes")
        row = {
            "party_id": proposal["party_id"],
            "action": proposal["text"],
            "owner": checked.get("owner"),
            "deadline": checked.get("deadline"),
            "status": "open",
            "horizon": proposal["horizon"],
            "source": "werkatelier",
            "session_id": proposal["session_id"],
            "proposal_id": proposal["id"],
            "notes": f"{origin}. {notes}" if notes else origin,
        }
        return int(tx.insert("agenda_action", row, reason=proposal["code"]))

    return int(db.write(run, actor, "workshop"))
