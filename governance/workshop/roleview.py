"""Rolopvatting en rolverwachting (issue 16, point 3): per party of the session, each participant places the
gemeente's role on the ROB overheidsparticipatietrap and says whether the gemeente acts as verbinder — once as
rolopvatting (the role the gemeente takes) and once as rolverwachting (the role the partner or others expect),
optionally from a perspective taken for the exercise (in de schoenen van de ander).

The guarantees are those of risk scoring (governance.workshop.participants.vote): every decision (the session and
the exercise are open, who places, the party belongs to the session, the values are on the lists) is taken inside
the write transaction, and a second placement of the same kind replaces the first, so one row per participant,
party and kind. The agreed role is written back to the party (audited, against the party as it was), as a risk
consensus is (governance.workshop.consensus).

The exercise's state and what the projector shows over the screen of 007 (this exercise, or one term of the
begrippenkader) are one row per session in workshop_display (migration 027).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from governance import register
from governance.core import access, labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, NotFoundError, ValidationError
from governance.workshop.participants import _participant_or_fail, participant_actor
from governance.workshop.scoring import WorkshopClosed
from governance.workshop.session import _session_row, open_session, signals_off

KINDS: dict[str, str] = {
    "opvatting": "Rolopvatting",
    "verwachting": "Rolverwachting",
}
KIND_QUESTIONS: dict[str, str] = {
    "opvatting": "Welke rol neemt de gemeente?",
    "verwachting": "Welke rol verwacht de partner (of verwachten anderen) van de gemeente?",
}
# The perspectives of the rollenspel 'in de schoenen van de ander' (the werkatelier's programme); a default list,
# not a rule: a participant may also place from their own perspective.
ROLE_PERSPECTIVES: tuple[str, ...] = ("Wethouder", "Afdelingshoofd", "College", "Bewoner", "Partner")
STEPS: dict[str, int] = {role: n for n, role in enumerate(labels.GOVERNMENT_ROLES, start=1)}  # loslaten 1 .. 5
PROJECTOR_SHOWS: dict[str, str] = {"rollen": "Rolopvatting en rolverwachting", "begrip": "Een begrip"}

PLACEMENT_SCHEMA: dict[str, v.Check] = {
    "kind": v.choice(KINDS),
    "role": v.choice(labels.GOVERNMENT_ROLES),
    "connector": v.boolean(),
    "perspective": v.text(max_len=60),
}


# -- the exercise's state and the projector --------------------------------------------------------------------
def display(db: Database | Tx, session_id: int) -> dict[str, Any]:
    """The session's workshop_display row, or the defaults (exercise closed, the projector shows its screen)."""
    found = db.rows("SELECT * FROM workshop_display WHERE session_id = ?", [session_id])
    return found[0] if found else {"session_id": session_id, "roles_open": False, "projector": None, "term_key": None}


def _set_display(db: Database, code: str, values: dict[str, Any], actor: Actor) -> dict[str, Any]:
    def run(tx: Tx) -> dict[str, Any]:
        session = _session_row(tx, code)
        if "projector" in values:  # a term, the roles or the screen itself take the signals off the projector
            signals_off(tx, session)
        found = tx.rows("SELECT * FROM workshop_display WHERE session_id = ?", [session["id"]])
        if found:
            return tx.update("workshop_display", found[0]["id"], values, reason=session["code"], system=True)
        tx.insert("workshop_display", {"session_id": session["id"], **values}, reason=session["code"])
        return display(tx, session["id"])

    return db.write(run, actor, "workshop")


def set_roles_open(db: Database, code: str, is_open: bool, actor: Actor) -> dict[str, Any]:
    """Open or close the role exercise for the participants."""
    return _set_display(db, code, {"roles_open": bool(is_open)}, actor)


def show_on_projector(db: Database, code: str, what: str | None, actor: Actor, term_key: str | None = None) -> dict:
    """Put the role exercise ('rollen') or one term ('begrip', `term_key`) on the projector over its screen;
    None gives the projector its screen back."""
    if what not in (None, *PROJECTOR_SHOWS):
        raise ValidationError([FieldError("projector", "Projector toont", "kies rollen, een begrip of niets")])
    if what == "begrip" and register.term(db, term_key or "") is None:
        raise ValidationError([FieldError("term_key", "Begrip", "kies een begrip uit het begrippenkader")])
    values = {"projector": what, "term_key": term_key if what == "begrip" else None}
    return _set_display(db, code, values, actor)


# -- placing a role -------------------------------------------------------------------------------------------
def place_role(
    db: Database,
    code: str,
    token: str,
    party_id: int,
    kind: Any,
    role: Any,
    connector: Any,
    perspective: Any = None,
) -> dict[str, Any]:
    """Store a participant's placement of the gemeente's role at a party; a second one of the same kind replaces
    the first (one row per participant, party and kind, whatever arrives at the same moment)."""
    values, errors = v.apply(
        "workshop_role_view",
        PLACEMENT_SCHEMA,
        {"kind": kind, "role": role, "connector": connector, "perspective": perspective},
    )
    if errors:
        raise ValidationError(errors, labels.entity("workshop_role_view"))

    def run(tx: Tx) -> dict[str, Any]:
        session = open_session(tx, code)
        person = _participant_or_fail(tx, session, token)
        tx.actor = participant_actor(person)
        if not display(tx, session["id"])["roles_open"]:
            raise WorkshopClosed("De oefening rolopvatting en rolverwachting is gesloten; wacht op de facilitator.")
        if int(party_id) not in _party_ids(tx, session["id"]):
            raise NotFoundError(f"Verbonden partij {party_id} hoort niet bij dit werkatelier.")
        key = [session["id"], int(party_id), person["id"], values["kind"]]
        existing = tx.rows(
            "SELECT id FROM workshop_role_view WHERE session_id = ? AND party_id = ? AND participant_id = ? "
            "AND kind = ?",
            key,
        )
        if existing:  # updated_at follows (Tx.update)
            return tx.update("workshop_role_view", existing[0]["id"], values, reason=session["code"], system=True)
        new = {"session_id": session["id"], "party_id": int(party_id), "participant_id": person["id"]}
        row_id = tx.insert("workshop_role_view", {**new, **values}, reason=session["code"])
        return {"id": row_id, **new, **values}

    return db.write(run, access.participant("deelnemer"), "participate")


def _party_ids(db: Database | Tx, session_id: int) -> set[int]:
    found = db.rows(
        """
        SELECT DISTINCT coalesce(i.party_id, r.party_id) AS id FROM workshop_item i
        LEFT JOIN risk r ON r.id = i.risk_id
        WHERE i.session_id = ? AND coalesce(i.party_id, r.party_id) IS NOT NULL
        """,
        [session_id],
    )
    return {int(r["id"]) for r in found}


def my_placements(db: Database, session_id: int, participant_id: int) -> dict[tuple[int, str], dict[str, Any]]:
    """(party id, kind) -> this participant's placement."""
    rows = db.rows(
        "SELECT party_id, kind, role, connector, perspective FROM workshop_role_view "
        "WHERE session_id = ? AND participant_id = ?",
        [session_id, participant_id],
    )
    return {(int(r["party_id"]), r["kind"]): r for r in rows}


def placements(db: Database, session_id: int) -> pd.DataFrame:
    """Every placement of the session by a participant taking part, with the party's name."""
    return db.query(
        """
        SELECT v.party_id, p.name AS party, v.participant_id, v.kind, v.role, v.connector, v.perspective
        FROM workshop_role_view v
        JOIN party p ON p.id = v.party_id
        JOIN workshop_participant w ON w.id = v.participant_id AND w.removed_at IS NULL
        WHERE v.session_id = ? ORDER BY p.name, v.kind, v.participant_id
        """,
        [session_id],
    )


# -- what the projector and the facilitator see ---------------------------------------------------------------
def distribution(views: pd.DataFrame) -> pd.DataFrame:
    """Counts per party, kind and role (every role of the trap, zeros included): party, kind, role, n."""
    rows = []
    for party, group in views.groupby("party", sort=True):
        for kind in KINDS:
            counts = group[group["kind"] == kind]["role"].value_counts()
            rows += [{"party": party, "kind": kind, "role": r, "n": int(counts.get(r, 0))} for r in STEPS]
    return pd.DataFrame(rows, columns=["party", "kind", "role", "n"])


def _median_step(roles: pd.Series) -> float:
    return float(roles.map(STEPS).median()) if not roles.empty else float("nan")


def gaps(views: pd.DataFrame) -> pd.DataFrame:
    """Per party: placements of each kind, the median step (loslaten 1 .. reguleren 5) of each, the gap
    (verwachting minus opvatting, in steps; positive: more steering expected than taken) and the share that sees
    the gemeente as verbinder in each; the largest gap first."""
    rows = []
    for (party_id, party), group in views.groupby(["party_id", "party"], sort=True):
        took, expected = (group[group["kind"] == k] for k in KINDS)
        row = {
            "party_id": int(party_id),
            "party": party,
            "n_opvatting": len(took),
            "n_verwachting": len(expected),
            "opvatting": _median_step(took["role"]),
            "verwachting": _median_step(expected["role"]),
            "verbinder_opvatting": float(took["connector"].mean()) if len(took) else float("nan"),
            "verbinder_verwachting": float(expected["connector"].mean()) if len(expected) else float("nan"),
        }
        row["gap"] = row["verwachting"] - row["opvatting"]
        rows.append(row)
    columns = [
        "party_id",
        "party",
        "n_opvatting",
        "n_verwachting",
        "opvatting",
        "verwachting",
        "gap",
        "verbinder_opvatting",
        "verbinder_verwachting",
    ]
    table = pd.DataFrame(rows, columns=columns)
    order = table["gap"].abs().fillna(-1).sort_values(ascending=False, kind="stable").index
    return table.loc[order].reset_index(drop=True)


def step_name(step: float) -> str:
    """A median step as the trap names it: 3 -> 'Stimuleren', 3.5 -> 'Stimuleren–Regisseren'."""
    if step != step:
        return "–"
    names = list(labels.GOVERNMENT_ROLES.values())
    low, high = int(step // 1), int(-(-step // 1))
    return names[low - 1] if low == high else f"{names[low - 1]}–{names[high - 1]}"


def gap_table(table: pd.DataFrame) -> pd.DataFrame:
    """The gaps as the projector and the results list them, in Dutch."""

    def pct(x: float) -> str:
        return "–" if x != x else f"{round(100 * x)}%"

    def signed(x: float) -> str:
        return "–" if x != x else f"{x:+g}".replace(".", ",") if x else "0"

    return pd.DataFrame(
        {
            "Partij": table["party"],
            "Opvatting": table["opvatting"].map(step_name),
            "Verwachting": table["verwachting"].map(step_name),
            "Verschil": table["gap"].map(signed),
            "Verbinder": [
                f"{pct(a)} → {pct(b)}"
                for a, b in zip(table["verbinder_opvatting"], table["verbinder_verwachting"], strict=True)
            ],
            "Aantal": [f"{a} / {b}" for a, b in zip(table["n_opvatting"], table["n_verwachting"], strict=True)],
        }
    )


def live(db: Database, session_id: int) -> dict[str, Any]:
    """What the projector's role screen and the facilitator's panel show, read in one go."""
    views = placements(db, session_id)
    return {
        "display": display(db, session_id),
        "views": views,
        "distribution": distribution(views),
        "gaps": gaps(views),
        "agreements": agreements(db, session_id),
        "participants": int(views["participant_id"].nunique()) if not views.empty else 0,
    }


# -- the agreed role -------------------------------------------------------------------------------------------
def agreements(db: Database | Tx, session_id: int) -> pd.DataFrame:
    return db.query(
        "SELECT a.*, p.name AS party FROM workshop_role_agreement a JOIN party p ON p.id = a.party_id "
        "WHERE a.session_id = ? ORDER BY p.name",
        [session_id],
    )


def agree_role(
    db: Database, code: str, party_id: int, role: Any, connector: Any, actor: Actor, write_back: bool = False
) -> dict[str, Any]:
    """Record the role the group agreed on for a party (a second agreement replaces the first); with
    `write_back`, also set it as the party's government role and verbinder (against the party as it was read in
    this transaction, audited with the session code as reason)."""
    clean, errors = v.apply(
        "workshop_role_agreement",
        {"role": v.choice(labels.GOVERNMENT_ROLES), "connector": v.tristate()},
        {"role": role, "connector": connector},
    )
    if errors:
        raise ValidationError(errors, labels.entity("workshop_role_agreement"))

    def run(tx: Tx) -> dict[str, Any]:
        session = _session_row(tx, code)
        if int(party_id) not in _party_ids(tx, session["id"]):
            raise NotFoundError(f"Verbonden partij {party_id} hoort niet bij dit werkatelier.")
        reason = f"werkatelier {session['code']}"
        values = {**clean, "written_back": bool(write_back), "locked_at": dt.datetime.now()}
        found = tx.rows(
            "SELECT id FROM workshop_role_agreement WHERE session_id = ? AND party_id = ?",
            [session["id"], int(party_id)],
        )
        if found:
            after = tx.update("workshop_role_agreement", found[0]["id"], values, reason=reason, system=True)
        else:
            row_id = tx.insert(
                "workshop_role_agreement", {"session_id": session["id"], "party_id": int(party_id), **values}, reason
            )
            after = tx.get("workshop_role_agreement", row_id) or {}
        if write_back:
            party = tx.get("party", int(party_id))
            chosen = {"government_role": clean["role"]}
            if clean["connector"] is not None:  # the group left the verbinder open: the party's answer stays
                chosen["government_connector"] = clean["connector"]
            stance, problems = v.apply("party", register.STANCE_SCHEMA, chosen)
            if problems:
                raise ValidationError(problems, labels.entity("party"))
            tx.update("party", int(party_id), stance, original=party, reason=reason)
        return after

    return db.write(run, actor, "workshop")
