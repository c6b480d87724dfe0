"""Participants: joining by token and voting on items."""

from __future__ import annotations

import secrets
from typing import Any

import pandas as pd

from governance import risks
from governance.core import access, labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, NotFoundError, ValidationError
from governance.workshop.scoring import WorkshopClosed, scale
from governance.workshop.session import open_session


# -- participants -------------------------------------------------------------------------------------------
def participant_actor(participant: dict[str, Any]) -> Actor:
    """The anonymous actor a participant writes as: 'deelnemer 12 (Controller)'."""
    return access.participant(f"deelnemer {participant['id']} ({participant['perspective']})")


def join(db: Database, code: str, perspective: str, name: str | None = None) -> str:
    """Register an anonymous participant; returns the token to keep in the URL."""
    session = open_session(db, code)
    errors = []
    if perspective not in session["perspectives"]:
        errors.append(FieldError("perspective", "Perspectief", f"kies een van: {', '.join(session['perspectives'])}"))
    clean_name, message = v.text(max_len=60)(name)
    if message:
        errors.append(FieldError("name", "Naam", message))
    if errors:
        raise ValidationError(errors, labels.entity("workshop_participant"))
    token = secrets.token_urlsafe(12)
    values = {"session_id": session["id"], "token": token, "perspective": perspective, "name": clean_name}
    newcomer = access.participant("deelnemer (nieuw)")
    db.write(lambda tx: tx.insert("workshop_participant", values, reason=session["code"]), newcomer, "participate")
    return token


def participant(db: Database | Tx, session_id: int, token: str | None) -> dict[str, Any] | None:
    """The participant with this token in this session, or None (an unknown or foreign token)."""
    if not token:
        return None
    found = db.rows("SELECT * FROM workshop_participant WHERE token = ? AND session_id = ?", [str(token), session_id])
    return found[0] if found else None


def _participant_or_fail(db: Database | Tx, session: dict[str, Any], token: str) -> dict[str, Any]:
    found = participant(db, session["id"], token)
    if found is None:
        raise NotFoundError("U bent (nog) niet aangemeld bij dit werkatelier. Open de deelnamelink opnieuw.")
    return found


def vote(
    db: Database, code: str, token: str, item_id: int, likelihood: Any, impact: Any, reason: str | None = None
) -> dict[str, Any]:
    """Store a participant's score for an item in the current round; a second vote replaces the first.

    Every decision (is the session open, who is voting, which round, is it open, is the score on the matrix,
    does the item belong here) is taken inside the write transaction: a vote racing 'Ronde sluiten' or the next
    round lands in the round that is open when it is written, or is refused."""

    def run(tx: Tx) -> dict[str, Any]:
        session = open_session(tx, code)
        person = _participant_or_fail(tx, session, token)
        tx.actor = participant_actor(person)  # the audit names the participant found in this transaction
        if not session["round_open"]:
            raise WorkshopClosed(f"Ronde {session['round']} is gesloten; wacht tot de facilitator een ronde opent.")
        n_l, n_i = scale(db).levels  # the matrix setting is written under the same write lock: it cannot move now
        schema = {
            "likelihood": risks.score_check(n_l, "likelihood", required=True),
            "impact": risks.score_check(n_i, "impact", required=True),
            "reason": v.text(max_len=200),
        }
        values, errors = v.apply(
            "workshop_score", schema, {"likelihood": likelihood, "impact": impact, "reason": reason}
        )
        if errors:
            raise ValidationError(errors, labels.entity("workshop_score"))
        if not tx.rows("SELECT 1 FROM workshop_item WHERE id = ? AND session_id = ?", [item_id, session["id"]]):
            raise NotFoundError(f"Onderwerp {item_id} hoort niet bij dit werkatelier.")
        key = [item_id, person["id"], session["round"]]
        existing = tx.rows("SELECT id FROM workshop_score WHERE item_id = ? AND participant_id = ? AND round = ?", key)
        if existing:
            return tx.update("workshop_score", existing[0]["id"], values, system=True)
        new = {"session_id": session["id"], "item_id": item_id, "participant_id": person["id"]}
        score_id = tx.insert("workshop_score", {**new, "round": session["round"], **values})
        return {"id": score_id, **new, **values}

    return db.write(run, access.participant("deelnemer"), "participate")


def my_scores(db: Database, session_id: int, participant_id: int, round_no: int) -> dict[int, dict[str, Any]]:
    rows = db.rows(
        "SELECT item_id, likelihood, impact, reason FROM workshop_score "
        "WHERE session_id = ? AND participant_id = ? AND round = ?",
        [session_id, participant_id, round_no],
    )
    return {r["item_id"]: r for r in rows}


def scores(db: Database, session_id: int) -> pd.DataFrame:
    """Every score of a session with the participant's perspective; the input of workshopstats."""
    return db.query(
        """
        SELECT s.item_id, i.position, s.participant_id, p.perspective, s.round, s.likelihood, s.impact, s.reason
        FROM workshop_score s
        JOIN workshop_item i ON i.id = s.item_id
        JOIN workshop_participant p ON p.id = s.participant_id
        WHERE s.session_id = ? ORDER BY s.round, i.position, s.participant_id
        """,
        [session_id],
    )


def live_counts(db: Database, session_id: int, round_no: int) -> dict[str, int]:
    """What the projector shows live: participants, and votes and voters in the current round."""
    row = db.rows(
        """
        SELECT (SELECT count(*) FROM workshop_participant WHERE session_id = $s) AS participants,
               (SELECT count(*) FROM workshop_score WHERE session_id = $s AND round = $r) AS votes,
               (SELECT count(DISTINCT participant_id) FROM workshop_score WHERE session_id = $s AND round = $r)
                   AS voters
        """,
        {"s": session_id, "r": round_no},
    )[0]
    return {k: int(val) for k, val in row.items()}
