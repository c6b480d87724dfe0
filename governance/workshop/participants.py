"""Participants: joining by token and voting on items."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from typing import Any

import pandas as pd

from governance import risks
from governance.core import access, labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import DomainError, FieldError, NotFoundError, ValidationError
from governance.workshop.access import normalise_code
from governance.workshop.scoring import (
    JOIN_RATE_DEFAULT,
    JOIN_RATE_KEY,
    MAX_PARTICIPANTS,
    JoinRefused,
    WorkshopClosed,
    scale,
)
from governance.workshop.session import open_session


# -- participants -------------------------------------------------------------------------------------------
def participant_actor(participant: dict[str, Any]) -> Actor:
    """The anonymous actor a participant writes as: 'deelnemer 12 (Controller)'."""
    return access.participant(label(participant))


REMOVED = (
    "De facilitator heeft uw deelname aan dit werkatelier beëindigd; uw stemmen tellen niet meer mee. "
    "Is dat een vergissing? Vraag het de facilitator."
)


def join(db: Database, code: str, perspective: str, name: str | None = None, known: str | None = None) -> str:
    """Register an anonymous participant; returns the token to keep in the URL and the browser.

    `known` is the participant token this browser already keeps for the session (its cookie): joining again
    gives that participant back instead of a new one, and a browser whose participant was removed cannot join
    again. Every decision (the session is open, this browser's participant, the joins in the last minute
    against the join-rate setting, the facilitator's cap) is taken inside the write transaction, so people
    joining at the same moment can never exceed the cap or the rate."""

    def run(tx: Tx) -> str:
        session = open_session(tx, code)
        if known:
            found = _by_token(tx, session["id"], known)
            if found is not None and found["removed_at"] is None:
                return str(found["token"])
            if found is not None:
                raise JoinRefused(REMOVED)
        errors = []
        if perspective not in session["perspectives"]:
            errors.append(
                FieldError("perspective", "Perspectief", f"kies een van: {', '.join(session['perspectives'])}")
            )
        clean_name, message = v.text(max_len=60)(name)
        if message:
            errors.append(FieldError("name", "Naam", message))
        if errors:
            raise ValidationError(errors, labels.entity("workshop_participant"))
        recent = tx.execute(
            "SELECT count(*) FROM workshop_participant WHERE session_id = ? "
            "AND joined_at > current_timestamp - INTERVAL 1 MINUTE",
            [session["id"]],
        )[0][0]
        if recent >= join_rate(tx):
            raise JoinRefused(
                "Te veel aanmeldingen voor dit werkatelier in de afgelopen minuut; probeer het over een minuut opnieuw."
            )
        cap = session.get("max_participants")
        if cap and active_count(tx, session["id"]) >= cap:
            raise JoinRefused(
                f"Dit werkatelier is vol: de facilitator heeft het aantal deelnemers op {cap} gezet. "
                "Vraag de facilitator om ruimte te maken."
            )
        token = secrets.token_urlsafe(12)
        values = {"session_id": session["id"], "token": token, "perspective": perspective, "name": clean_name}
        tx.insert("workshop_participant", values, reason=session["code"])
        return token

    return db.write(run, access.participant("deelnemer (nieuw)"), "participate")


def _by_token(db: Database | Tx, session_id: int, token: str) -> dict[str, Any] | None:
    found = db.rows("SELECT * FROM workshop_participant WHERE token = ? AND session_id = ?", [str(token), session_id])
    return found[0] if found else None


def participant(db: Database | Tx, session_id: int, token: str | None) -> dict[str, Any] | None:
    """The participant with this token in this session, or None (an unknown, foreign or removed token)."""
    found = _by_token(db, session_id, token) if token else None
    return found if found is not None and found["removed_at"] is None else None


def was_removed(db: Database, session_id: int, token: str | None) -> bool:
    """Whether this token belonged to a participant of this session whom the facilitator removed."""
    found = _by_token(db, session_id, token) if token else None
    return found is not None and found["removed_at"] is not None


def active_count(db: Database | Tx, session_id: int) -> int:
    """Participants taking part (not removed)."""
    return int(
        db.rows(
            "SELECT count(*) AS n FROM workshop_participant WHERE session_id = ? AND removed_at IS NULL", [session_id]
        )[0]["n"]
    )


def join_rate(db: Database | Tx) -> int:
    """New participants a session accepts per minute: the setting, else the default."""
    return rate_of(_rate_row(db))


def rate_of(row: dict[str, Any] | None) -> int:
    """The join rate in the setting row `row` (as a form opened it; None: not set, the default applies)."""
    stored = json.loads(row["value"]) if row and isinstance(row["value"], str) else None
    return int(stored) if isinstance(stored, int) and stored > 0 else JOIN_RATE_DEFAULT


def _rate_row(db: Database | Tx) -> dict[str, Any] | None:
    found = db.rows("SELECT * FROM setting WHERE key = ?", [JOIN_RATE_KEY])
    return found[0] if found else None


def join_rate_row(db: Database) -> dict[str, Any] | None:
    """The join-rate setting row as the facilitator's form opens it (None: not set, the default applies)."""
    return _rate_row(db)


def _limit(value: Any, field: str, label: str, required: bool) -> int | None:
    clean, message = v.number(1, MAX_PARTICIPANTS, integer=True)(value)
    if message is None and clean is None and required:
        message = "is verplicht"
    if message:
        raise ValidationError([FieldError(field, label, message)], labels.entity("workshop_session"))
    return clean


def set_join_rate(db: Database, rate: Any, actor: Actor, original: dict[str, Any] | None) -> int:
    """Store the join rate (1..1000 per session per minute); `original` is the setting row as the form opened it."""
    clean = _limit(rate, "join_rate", "Aanmeldingen per minuut", required=True)
    db.write(lambda tx: tx.put_setting(JOIN_RATE_KEY, clean, original), actor, "workshop")
    return int(clean)  # type: ignore[arg-type]


def set_max_participants(db: Database, code: str, cap: Any, actor: Actor) -> dict[str, Any]:
    """The facilitator's cap on the number of participants of a session; empty or 0: no cap. A cap below the
    number already taking part stops new joins; nobody is removed by it."""
    clean = None if cap in (0, "0") else _limit(cap, "max_participants", "Maximum aantal deelnemers", required=False)

    def run(tx: Tx) -> dict[str, Any]:
        row = tx.rows("SELECT id, code FROM workshop_session WHERE code = ?", [normalise_code(code)])
        if not row:
            raise NotFoundError(f"Er is geen werkatelier met de code '{normalise_code(code)}'.")
        return tx.update(
            "workshop_session", row[0]["id"], {"max_participants": clean}, reason=row[0]["code"], system=True
        )

    return db.write(run, actor, "workshop")


def participant_rows(db: Database, session_id: int) -> pd.DataFrame:
    """The participants taking part, first joined first, with their scores (all rounds) and dots."""
    return db.query(
        """
        SELECT p.id, p.perspective, p.name, p.joined_at,
               (SELECT count(*) FROM workshop_score s WHERE s.participant_id = p.id)::INTEGER AS votes,
               (SELECT coalesce(sum(d.dots), 0) FROM workshop_dot d WHERE d.participant_id = p.id)::INTEGER AS dots
        FROM workshop_participant p
        WHERE p.session_id = ? AND p.removed_at IS NULL
        ORDER BY p.joined_at, p.id
        """,
        [session_id],
    )


def label(row: Any) -> str:
    """'deelnemer 12 (Controller)': how the facilitator's list and the audit log name a participant."""
    get = row.get if isinstance(row, dict) else lambda k: getattr(row, k)
    return f"deelnemer {get('id')} ({get('perspective')})"


def remove(tx: Tx, session: dict[str, Any], person: dict[str, Any]) -> dict[str, Any]:
    """Inside a write transaction: delete the participant's scores, dots and ticked signs (each audited) and mark them
    removed, so their token stops working. Returns what no longer counts."""
    why = f"{session['code']}: {label(person)} verwijderd door de facilitator"
    scores = tx.rows("SELECT id FROM workshop_score WHERE participant_id = ? ORDER BY id", [person["id"]])
    dots = tx.rows("SELECT id, dots FROM workshop_dot WHERE participant_id = ? ORDER BY id", [person["id"]])
    for score in scores:
        tx.delete("workshop_score", score["id"], reason=why)
    for dot in dots:
        tx.delete("workshop_dot", dot["id"], reason=why)
    for tick in tx.rows("SELECT id FROM workshop_sign_tick WHERE participant_id = ? ORDER BY id", [person["id"]]):
        tx.delete("workshop_sign_tick", tick["id"], reason=why)  # the signs they recognised (migration 029)
    tx.update(
        "workshop_participant",
        person["id"],
        {"removed_at": dt.datetime.now(), "removed_by": tx.actor.name},
        reason=why,
        system=True,  # decided on the row just read in this transaction
    )
    return {"label": label(person), "votes": len(scores), "dots": sum(int(d["dots"]) for d in dots)}


def remove_participant(db: Database, code: str, participant_id: int, actor: Actor) -> dict[str, Any]:
    """The facilitator removes a participant: their votes and dots leave the statistics, their token stops
    working, all in one audited transaction under the facilitator. Returns {'label', 'votes', 'dots'}."""

    def run(tx: Tx) -> dict[str, Any]:
        found = tx.rows("SELECT * FROM workshop_session WHERE code = ?", [normalise_code(code)])
        if not found:
            raise NotFoundError(f"Er is geen werkatelier met de code '{normalise_code(code)}'.")
        person = tx.rows(
            "SELECT * FROM workshop_participant WHERE id = ? AND session_id = ?", [int(participant_id), found[0]["id"]]
        )
        if not person:
            raise NotFoundError(f"Deelnemer {participant_id} hoort niet bij dit werkatelier.")
        if person[0]["removed_at"] is not None:
            raise DomainError(f"{label(person[0])[:1].upper()}{label(person[0])[1:]} is al verwijderd.")
        return remove(tx, found[0], person[0])

    return db.write(run, actor, "workshop")


def _participant_or_fail(db: Database | Tx, session: dict[str, Any], token: str) -> dict[str, Any]:
    found = _by_token(db, session["id"], token) if token else None
    if found is not None and found["removed_at"] is not None:
        raise JoinRefused(REMOVED)
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
        SELECT (SELECT count(*) FROM workshop_participant WHERE session_id = $s AND removed_at IS NULL)
                   AS participants,
               (SELECT count(*) FROM workshop_score WHERE session_id = $s AND round = $r) AS votes,
               (SELECT count(DISTINCT participant_id) FROM workshop_score WHERE session_id = $s AND round = $r)
                   AS voters
        """,
        {"s": session_id, "r": round_no},
    )[0]
    return {k: int(val) for k, val in row.items()}
