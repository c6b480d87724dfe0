"""Verbetervoorstellen and dot voting."""

from __future__ import annotations

from typing import Any

import pandas as pd

from governance.core import access, labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, NotFoundError, ValidationError
from governance.workshop.participants import _participant_or_fail, participant_actor
from governance.workshop.scoring import WorkshopClosed
from governance.workshop.session import open_session, session_parties


# -- proposals and dots ------------------------------------------------------------------------------------
def add_proposal(
    db: Database,
    code: str,
    party_id: Any,
    horizon: str,
    text: str,
    token: str | None = None,
    actor: Actor | None = None,
) -> int:
    """A verbetervoorstel for a party of the session, by a participant (token) or the facilitator (actor).
    Whether proposals are open is decided inside the write transaction, as for a vote."""

    def run(tx: Tx) -> int:
        session = open_session(tx, code)
        person = _participant_or_fail(tx, session, token) if token else None
        if person:
            tx.actor = participant_actor(person)
        if person is not None and not session["proposals_open"]:
            raise WorkshopClosed("Voorstellen indienen is gesloten.")
        errors = []
        clean_text, message = v.text(required=True, max_len=300)(text)
        if message:
            errors.append(FieldError("text", "Voorstel", message))
        if horizon not in labels.HORIZONS:
            errors.append(FieldError("horizon", "Termijn", f"kies uit: {', '.join(labels.HORIZONS.values())}"))
        allowed = set(session_parties(db, session["id"])["id"].tolist())  # fixed when the session was created
        if party_id is None or int(party_id) not in allowed:
            errors.append(FieldError("party_id", "Verbonden partij", "kies een partij van dit werkatelier"))
        if errors:
            raise ValidationError(errors, labels.entity("workshop_proposal"))
        values = {
            "session_id": session["id"],
            "party_id": int(party_id),
            "horizon": horizon,
            "text": clean_text,
            "participant_id": person["id"] if person else None,
        }
        return int(tx.insert("workshop_proposal", values, reason=session["code"]))

    if token:
        return db.write(run, access.participant("deelnemer"), "participate")
    if actor is None:
        raise ValueError("a facilitator's proposal needs the facilitator as actor")
    return db.write(run, actor, "workshop")


def place_dot(db: Database, code: str, token: str, proposal_id: int, change: int = 1) -> int:
    """Add (+1) or take back (-1) one of the participant's dots; returns the dots they have left. Every check
    is made inside the write transaction, so closing the proposals stops a dot that is on its way."""

    def run(tx: Tx) -> int:
        session = open_session(tx, code)
        person = _participant_or_fail(tx, session, token)
        tx.actor = participant_actor(person)
        if not session["proposals_open"]:
            raise WorkshopClosed("Stemmen op voorstellen is gesloten.")
        if change not in (1, -1):
            raise ValidationError([FieldError("dots", "Stippen", "één stip tegelijk plaatsen of terugnemen")])
        if not tx.rows("SELECT 1 FROM workshop_proposal WHERE id = ? AND session_id = ?", [proposal_id, session["id"]]):
            raise NotFoundError(f"Voorstel {proposal_id} hoort niet bij dit werkatelier.")
        used = tx.execute(
            "SELECT coalesce(sum(dots), 0) FROM workshop_dot WHERE session_id = ? AND participant_id = ?",
            [session["id"], person["id"]],
        )[0][0]
        if change > 0 and used >= session["dots"]:
            raise ValidationError(
                [FieldError("dots", "Stippen", f"u heeft al uw {session['dots']} stippen geplaatst")], "Stip"
            )
        found = tx.rows(
            "SELECT * FROM workshop_dot WHERE proposal_id = ? AND participant_id = ?", [proposal_id, person["id"]]
        )
        if found:
            if found[0]["dots"] + change < 0:
                raise ValidationError([FieldError("dots", "Stippen", "op dit voorstel staat geen stip van u")], "Stip")
            tx.update("workshop_dot", found[0]["id"], {"dots": found[0]["dots"] + change}, system=True)
        elif change > 0:
            tx.insert(
                "workshop_dot",
                {"session_id": session["id"], "proposal_id": proposal_id, "participant_id": person["id"], "dots": 1},
            )
        else:
            raise ValidationError([FieldError("dots", "Stippen", "op dit voorstel staat geen stip van u")], "Stip")
        return int(session["dots"] - used - change)

    return db.write(run, access.participant("deelnemer"), "participate")


def proposals(db: Database, session_id: int, participant_id: int | None = None) -> pd.DataFrame:
    """Proposals ranked by dots (most first, then oldest first), with the participant's own dots."""
    return db.query(
        """
        SELECT pr.id, pr.party_id, pa.name AS party, pr.horizon, pr.text, pr.created_at,
               coalesce(sum(d.dots), 0)::INTEGER AS dots,
               coalesce(sum(d.dots) FILTER (WHERE d.participant_id = $me), 0)::INTEGER AS my_dots
        FROM workshop_proposal pr
        JOIN party pa ON pa.id = pr.party_id
        LEFT JOIN workshop_dot d ON d.proposal_id = pr.id
        WHERE pr.session_id = $s
        GROUP BY ALL ORDER BY dots DESC, pr.created_at, pr.id
        """,
        {"s": session_id, "me": participant_id if participant_id is not None else -1},
    )


def dots_left(db: Database, session: dict[str, Any], participant_id: int) -> int:
    used = db.scalar(
        "SELECT coalesce(sum(dots), 0) FROM workshop_dot WHERE session_id = ? AND participant_id = ?",
        [session["id"], participant_id],
    )
    return int(session["dots"] - used)
