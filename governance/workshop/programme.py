"""The programme of a werkatelier (issue 16, point 1): the facilitator composes the day from exercises and opens
them one at a time; the participants' phones follow the open exercise and the projector shows it.

Opening a step is one write transaction that sets everything the exercise needs and closes the others: the
scoring round, the proposals, the role exercise (workshop_display, migration 027), the signals
(workshop_signal_state, migration 029) and what the projector shows. The state of each exercise stays where it
always was, so the facilitator's own buttons keep working beside the programme; `current_step` only says which
step the phones show.
"""

from __future__ import annotations

from typing import Any

from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, NotFoundError, ValidationError
from governance.workshop.session import _session_row

# code -> (name, what the projector shows: the session's screen, and the overlay of 027/029 if any)
EXERCISES: dict[str, str] = {
    "scoren": "Risico's scoren",
    "rollen": "Rolopvatting en rolverwachting",
    "signalen": "Waarschuwingssignalen",
    "voorstellen": "Verbetervoorstellen en stippen",
    "krachtenveld": "Krachtenveld",
}
MAX_STEPS = 12
SCREEN_OF = {"scoren": "scores", "voorstellen": "voorstellen", "krachtenveld": "krachtenveld"}


def steps(db: Database | Tx, session_id: int) -> list[dict[str, Any]]:
    """The session's programme in order: position, exercise, name."""
    rows = db.rows("SELECT position, exercise FROM workshop_step WHERE session_id = ? ORDER BY position", [session_id])
    return [{**r, "name": EXERCISES.get(r["exercise"], r["exercise"])} for r in rows]


def current(db: Database | Tx, session_id: int) -> dict[str, Any] | None:
    """The open step ({'position', 'exercise', 'name', 'of'}), or None (no programme, or no step open)."""
    found = db.rows("SELECT current_step FROM workshop_session WHERE id = ?", [session_id])
    position = found[0]["current_step"] if found else None
    if position is None:
        return None
    programme = steps(db, session_id)
    step = next((s for s in programme if s["position"] == position), None)
    return {**step, "of": len(programme)} if step else None


def set_programme(db: Database, code: str, exercises: list[str], actor: Actor) -> list[dict[str, Any]]:
    """Replace the session's programme by `exercises` in this order (an exercise may come back later in the day);
    the open step is closed when the programme changes under it."""
    chosen = [str(e) for e in exercises or []]
    wrong = [e for e in chosen if e not in EXERCISES]
    if wrong or len(chosen) > MAX_STEPS:
        message = f"kies uit: {', '.join(EXERCISES.values())}" if wrong else f"hoogstens {MAX_STEPS} oefeningen"
        raise ValidationError([FieldError("exercise", "Oefening", message)], "Programma")

    def run(tx: Tx) -> list[dict[str, Any]]:
        session = _session_row(tx, code)
        before = steps(tx, session["id"])
        if [s["exercise"] for s in before] == chosen:
            return before
        for row in tx.rows("SELECT id FROM workshop_step WHERE session_id = ? ORDER BY id", [session["id"]]):
            tx.delete("workshop_step", row["id"], reason=session["code"])
        for position, exercise in enumerate(chosen, start=1):
            values = {"session_id": session["id"], "position": position, "exercise": exercise}
            tx.insert("workshop_step", values, reason=session["code"])
        if session.get("current_step") is not None:
            tx.update("workshop_session", session["id"], {"current_step": None}, reason=session["code"], system=True)
        return steps(tx, session["id"])

    return db.write(run, actor, "workshop")


def _upsert(tx: Tx, table: str, session: dict[str, Any], values: dict[str, Any]) -> None:
    found = tx.rows(f"SELECT id FROM {table} WHERE session_id = ?", [session["id"]])  # table: one of two names
    if found:
        tx.update(table, found[0]["id"], values, reason=session["code"], system=True)
    else:
        tx.insert(table, {"session_id": session["id"], **values}, reason=session["code"])


def _open(tx: Tx, session: dict[str, Any], position: int | None) -> dict[str, Any] | None:
    exercise = None
    if position is not None:
        step = next((s for s in steps(tx, session["id"]) if s["position"] == int(position)), None)
        if step is None:
            raise NotFoundError(f"Het programma van dit werkatelier heeft geen stap {position}.")
        exercise = step["exercise"]
    values = {
        "current_step": None if position is None else int(position),
        "round_open": exercise == "scoren",
        "proposals_open": exercise == "voorstellen",
        "forces_open": exercise == "krachtenveld",  # participants propose stakeholders (migration 031)
        "screen": SCREEN_OF.get(exercise or "", "deelnemen"),
    }
    tx.update("workshop_session", session["id"], values, reason=session["code"], system=True)
    roles = {"roles_open": exercise == "rollen", "projector": "rollen" if exercise == "rollen" else None}
    _upsert(tx, "workshop_display", session, {**roles, "term_key": None})
    shown = exercise == "signalen"
    _upsert(tx, "workshop_signal_state", session, {"signals_open": shown, "on_projector": shown})
    return current(tx, session["id"])


def open_step(db: Database, code: str, position: int | None, actor: Actor) -> dict[str, Any] | None:
    """Open step `position` of the programme (None: close the open one, a pause): its exercise opens for the
    participants and goes on the projector; every other exercise closes. Returns the open step."""
    return db.write(lambda tx: _open(tx, _session_row(tx, code), position), actor, "workshop")


def next_step(db: Database, code: str, actor: Actor) -> dict[str, Any] | None:
    """Open the step after the open one (the first when none is open); after the last, a pause. The open step
    is read in the transaction that moves on, so two clicks at once move two steps, never one twice."""

    def run(tx: Tx) -> dict[str, Any] | None:
        session = _session_row(tx, code)
        programme = steps(tx, session["id"])
        if not programme:
            raise NotFoundError("Dit werkatelier heeft nog geen programma.")
        now = session.get("current_step")
        later = [s["position"] for s in programme if now is None or s["position"] > now]
        return _open(tx, session, later[0] if later else None)

    return db.write(run, actor, "workshop")
