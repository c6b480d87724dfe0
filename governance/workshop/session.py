"""Werkatelier sessions: creating, opening, rounds, reveal and screens."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd

from governance.core import labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import DomainError, FieldError, NotFoundError, ValidationError
from governance.workshop.access import new_code, normalise_code
from governance.workshop.scoring import MAX_ITEMS, WorkshopClosed

# -- sessions ---------------------------------------------------------------------------------------------
SESSION_SCHEMA: dict[str, v.Check] = {
    "title": v.text(required=True, max_len=200),
    "casus": v.text(max_len=5000),
    "facilitator": v.text(required=True, max_len=100),
    "dots": v.number(1, 20, integer=True),
}


def _perspectives(raw: Any) -> list[str]:
    if isinstance(raw, str):
        raw = raw.replace(",", "\n").splitlines()
    names = [str(p).strip() for p in raw or [] if str(p).strip()]
    return list(dict.fromkeys(names)) or list(labels.WORKSHOP_PERSPECTIVES)


def create_session(db: Database, values: dict[str, Any], actor: Actor) -> dict[str, Any]:
    """A new session with its items (risks, then parties, numbered 1..n); returns {'id', 'code'}."""
    clean, errors = v.apply("workshop_session", SESSION_SCHEMA, {"dots": 3, **values})
    risk_ids = [int(r) for r in values.get("risk_ids") or []]
    party_ids = [int(p) for p in values.get("party_ids") or []]
    if not risk_ids and not party_ids:
        errors.append(
            FieldError("items", labels.field("workshop_session", "items"), "kies minstens één risico of partij")
        )
    if len(risk_ids) + len(party_ids) > MAX_ITEMS:
        errors.append(
            FieldError("items", labels.field("workshop_session", "items"), f"kies hoogstens {MAX_ITEMS} onderwerpen")
        )
    perspectives = _perspectives(values.get("perspectives"))
    if any(len(p) > 60 for p in perspectives) or len(perspectives) > 20:
        errors.append(FieldError("perspectives", "Perspectieven", "hoogstens 20 perspectieven van elk 60 tekens"))
    if errors:
        raise ValidationError(errors, labels.entity("workshop_session"))

    def run(tx: Tx) -> dict[str, Any]:
        code = new_code()
        while tx.execute("SELECT 1 FROM workshop_session WHERE code = ?", [code]):
            code = new_code()
        session_id = tx.insert("workshop_session", {**clean, "code": code, "perspectives": json.dumps(perspectives)})
        position = 0
        for risk_id in risk_ids:
            found = tx.rows(
                "SELECT r.title, p.name FROM risk r LEFT JOIN party p ON p.id = r.party_id WHERE r.id = ?", [risk_id]
            )
            if not found:
                raise NotFoundError(f"Risico {risk_id} bestaat niet (meer).")
            position += 1
            label = found[0]["title"] + (f" ({found[0]['name']})" if found[0]["name"] else "")
            tx.insert(
                "workshop_item",
                {"session_id": session_id, "position": position, "kind": "risk", "risk_id": risk_id, "label": label},
            )
        for party_id in party_ids:
            found = tx.rows("SELECT name FROM party WHERE id = ?", [party_id])
            if not found:
                raise NotFoundError(f"Verbonden partij {party_id} bestaat niet (meer).")
            position += 1
            tx.insert(
                "workshop_item",
                {
                    "session_id": session_id,
                    "position": position,
                    "kind": "party",
                    "party_id": party_id,
                    "label": f"Risicoprofiel {found[0]['name']}",
                },
            )
        return {"id": int(session_id), "code": code}

    return db.write(run, actor, "workshop")


def _session_row(db: Database | Tx, code: str) -> dict[str, Any]:
    """The session row; read through a write transaction (`Tx`) when a write depends on it."""
    found = db.rows("SELECT * FROM workshop_session WHERE code = ?", [normalise_code(code)])
    if not found:
        raise NotFoundError(
            f"Er is geen werkatelier met de code '{normalise_code(code) or '(leeg)'}'. "
            "Controleer de code op het scherm van de facilitator."
        )
    row = found[0]
    row["perspectives"] = json.loads(row["perspectives"]) if isinstance(row["perspectives"], str) else []
    return row


def get_session(db: Database, code: str) -> dict[str, Any]:
    """The session for a join code; NotFoundError with a Dutch message for an unknown code."""
    return _session_row(db, code)


def open_session(db: Database | Tx, code: str) -> dict[str, Any]:
    """The session for a participant: NotFoundError for an unknown code, WorkshopClosed when it has ended.
    A participant's write reads it inside its transaction (`Tx`), so a facilitator's change cannot slip in between."""
    row = _session_row(db, code)
    if row["status"] != "open":
        raise WorkshopClosed(
            f"Het werkatelier '{row['title']}' is gesloten; er kan niet meer worden gestemd. Dank voor uw inbreng!"
        )
    return row


def sessions(db: Database) -> pd.DataFrame:
    return db.query(
        """
        SELECT s.id, s.code, s.title, s.status, s.round, s.created_at, s.facilitator,
               (SELECT count(*) FROM workshop_participant p WHERE p.session_id = s.id AND p.removed_at IS NULL)
                   AS participants
        FROM workshop_session s ORDER BY s.status = 'gesloten', s.created_at DESC, s.id DESC
        """
    )


def items(db: Database, session_id: int) -> pd.DataFrame:
    return db.query(
        """
        SELECT i.*, r.party_id AS risk_party_id, coalesce(p.name, rp.name) AS party_name
        FROM workshop_item i
        LEFT JOIN risk r ON r.id = i.risk_id
        LEFT JOIN party rp ON rp.id = r.party_id
        LEFT JOIN party p ON p.id = i.party_id
        WHERE i.session_id = ? ORDER BY i.position
        """,
        [session_id],
    )


def agenda(db: Database, session_id: int) -> pd.DataFrame:
    """The session's items without joins: what the projector needs after every vote."""
    return db.query("SELECT * FROM workshop_item WHERE session_id = ? ORDER BY position", [session_id])


def session_parties(db: Database, session_id: int) -> pd.DataFrame:
    """The parties a session is about (directly or through its risks): proposals are made per party."""
    return db.query(
        """
        SELECT DISTINCT p.id, p.name FROM workshop_item i
        LEFT JOIN risk r ON r.id = i.risk_id
        JOIN party p ON p.id = coalesce(i.party_id, r.party_id)
        WHERE i.session_id = ? ORDER BY p.name
        """,
        [session_id],
    )


def _facilitator_update(db: Database, code: str, values: dict[str, Any], actor: Actor) -> dict[str, Any]:
    row = _session_row(db, code)
    return db.write(
        lambda tx: tx.update("workshop_session", row["id"], values, reason=row["code"], system=True), actor, "workshop"
    )


def set_round_open(db: Database, code: str, is_open: bool, actor: Actor) -> dict[str, Any]:
    return _facilitator_update(db, code, {"round_open": bool(is_open)}, actor)


def set_revealed(db: Database, code: str, revealed: bool, actor: Actor) -> dict[str, Any]:
    return _facilitator_update(db, code, {"revealed": bool(revealed)}, actor)


def set_proposals_open(db: Database, code: str, is_open: bool, actor: Actor) -> dict[str, Any]:
    return _facilitator_update(db, code, {"proposals_open": bool(is_open)}, actor)


SCREENS: dict[str, str] = {
    "deelnemen": "Deelnemen (code en QR)",
    "scores": "Scores en spreiding",
    "perspectieven": "Per perspectief",
    "voorstellen": "Verbetervoorstellen",
    "krachtenveld": "Krachtenveld",
}


def set_screen(db: Database, code: str, screen: str, actor: Actor) -> dict[str, Any]:
    """Choose what the projector shows; it follows within one refresh."""
    if screen not in SCREENS:
        raise ValidationError([FieldError("screen", "Projector toont", f"kies uit: {', '.join(SCREENS.values())}")])

    def run(tx: Tx) -> dict[str, Any]:
        row = _session_row(tx, code)
        _screen_back(tx, row)
        return tx.update("workshop_session", row["id"], {"screen": screen}, reason=row["code"], system=True)

    return db.write(run, actor, "workshop")


def _screen_back(tx: Tx, session: dict[str, Any]) -> None:
    """Choosing a screen takes off what the projector showed over it (a term, the role exercise, the signals;
    migrations 027 and 029)."""
    shown = tx.rows("SELECT id FROM workshop_display WHERE session_id = ? AND projector IS NOT NULL", [session["id"]])
    for row in shown:
        values = {"projector": None, "term_key": None}
        tx.update("workshop_display", row["id"], values, reason=session["code"], system=True)
    signals_off(tx, session)


def signals_off(tx: Tx, session: dict[str, Any]) -> None:
    """Take the counts of the signals exercise (migration 029) off the projector: another screen is chosen."""
    shown = tx.rows("SELECT id FROM workshop_signal_state WHERE session_id = ? AND on_projector", [session["id"]])
    for row in shown:
        tx.update("workshop_signal_state", row["id"], {"on_projector": False}, reason=session["code"], system=True)


def qr_png(link: str, scale: int = 8) -> bytes:
    """The join link as a QR code, rendered locally (segno, no network)."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=scale, border=2, dark="#000000", light="#ffffff")
    return buffer.getvalue()


def next_round(db: Database, code: str, actor: Actor) -> dict[str, Any]:
    """Start a new scoring round: open for votes, hidden until revealed; earlier rounds stay for comparison.
    The round number is read in the same transaction that raises it, so two clicks cannot skip or repeat one."""

    def run(tx: Tx) -> dict[str, Any]:
        row = _session_row(tx, code)
        if row["round"] >= 9:
            raise DomainError("Een werkatelier heeft hoogstens 9 rondes.")
        values = {"round": row["round"] + 1, "round_open": True, "revealed": False}
        return tx.update("workshop_session", row["id"], values, reason=row["code"], system=True)

    return db.write(run, actor, "workshop")


def close_session(db: Database, code: str, actor: Actor) -> dict[str, Any]:
    values = {"status": "gesloten", "round_open": False, "proposals_open": False, "closed_at": dt.datetime.now()}
    return _facilitator_update(db, code, values, actor)


def reopen_session(db: Database, code: str, actor: Actor) -> dict[str, Any]:
    return _facilitator_update(db, code, {"status": "open", "closed_at": None}, actor)
