"""Waarschuwingssignalen herkennen (issue 16, point 4): per party of the session, each participant ticks the warning
signs they recognise (the shipped vocabulary of data/signals.yaml, and signs participants add themselves); the
projector shows how many recognise each sign at each party; the facilitator turns a sign into a risk on the party.

The guarantees are those of risk scoring (governance.workshop.participants.vote): every decision (the session and
the exercise are open, who ticks, the party belongs to the session, the sign exists) is taken inside the write
transaction. A tick is a state, not a toggle: `set_tick(on=True)` twice leaves one row, `on=False` twice leaves
none, so a retried or doubled request changes nothing. An own sign is stored once per session, party and wording
(whoever adds it first; adding the same words again ticks the existing sign), and a sign becomes a risk once per
session and party (a second click finds the first risk).

The register has no hand-made signals (its financial, role and agenda signals are computed from rules), so the
facilitator's other action is a risk, through the risk register's own validation and audited under the
facilitator with the session as the reason.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from governance import risks
from governance.core import access, labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import DomainError, FieldError, NotFoundError, ValidationError
from governance.workshop.participants import _participant_or_fail, participant_actor
from governance.workshop.scoring import WorkshopClosed
from governance.workshop.session import _session_row, open_session

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "signals.yaml"
OWN_PREFIX = "eigen-"  # the key of an own sign: 'eigen-<workshop_own_sign id>'
OWN_MAX_LEN = 120
OWN_PER_PARTICIPANT = 5  # own signs one participant may add per party
OWN_PER_PARTY = 30  # own signs per party of a session: the projector stays readable
SIGN_SCHEMA: dict[str, v.Check] = {
    "label": v.text(required=True, max_len=120),
    "help": v.text(max_len=500),
    "source": v.text(max_len=500),
}


@lru_cache(maxsize=1)
def vocabulary() -> tuple[dict[str, Any], ...]:
    """The shipped signs, in the file's order: key, label, help, source. A malformed entry fails loudly."""
    found = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))["signs"]
    signs = []
    for entry in found:
        clean, errors = v.apply("workshop_sign", SIGN_SCHEMA, entry)
        key = str(entry.get("key") or "")
        if errors or not key or key.startswith(OWN_PREFIX):
            raise ValueError(f"{SHIPPED.name}: sign {key!r} is malformed: {errors}")
        signs.append({"key": key, **clean})
    if len({s["key"] for s in signs}) != len(signs):
        raise ValueError(f"{SHIPPED.name}: a key is used twice")
    return tuple(signs)


def wording(text: str) -> str:
    """The text as the same sign: lower case, spaces collapsed ('Te  veel Wisselingen' = 'te veel wisselingen')."""
    return " ".join(str(text).split()).casefold()


# -- the exercise's state and the projector --------------------------------------------------------------------
def state(db: Database | Tx, session_id: int) -> dict[str, Any]:
    """The session's workshop_signal_state row, or the defaults (exercise closed, not on the projector)."""
    found = db.rows("SELECT * FROM workshop_signal_state WHERE session_id = ?", [session_id])
    return found[0] if found else {"session_id": session_id, "signals_open": False, "on_projector": False}


def _set_state(db: Database, code: str, values: dict[str, Any], actor: Actor) -> dict[str, Any]:
    def run(tx: Tx) -> dict[str, Any]:
        session = _session_row(tx, code)
        if values.get("on_projector"):  # the signals take the projector over a term or the role exercise
            for row in tx.rows(
                "SELECT id FROM workshop_display WHERE session_id = ? AND projector IS NOT NULL", [session["id"]]
            ):
                off = {"projector": None, "term_key": None}
                tx.update("workshop_display", row["id"], off, reason=session["code"], system=True)
        found = tx.rows("SELECT id FROM workshop_signal_state WHERE session_id = ?", [session["id"]])
        if found:
            return tx.update("workshop_signal_state", found[0]["id"], values, reason=session["code"], system=True)
        tx.insert("workshop_signal_state", {"session_id": session["id"], **values}, reason=session["code"])
        return state(tx, session["id"])

    return db.write(run, actor, "workshop")


def set_signals_open(db: Database, code: str, is_open: bool, actor: Actor) -> dict[str, Any]:
    """Open or close the signals exercise for the participants."""
    return _set_state(db, code, {"signals_open": bool(is_open)}, actor)


def show_signals(db: Database, code: str, shown: bool, actor: Actor) -> dict[str, Any]:
    """Put the counts of the signals on the projector over its screen (True), or take them off (False)."""
    return _set_state(db, code, {"on_projector": bool(shown)}, actor)


# -- ticking and adding --------------------------------------------------------------------------------------
def _parties(db: Database | Tx, session_id: int) -> list[dict[str, Any]]:
    """The session's parties (directly or through its risks), by name: id, name."""
    return db.rows(
        """
        SELECT DISTINCT p.id, p.name FROM workshop_item i
        LEFT JOIN risk r ON r.id = i.risk_id
        JOIN party p ON p.id = coalesce(i.party_id, r.party_id)
        WHERE i.session_id = ? ORDER BY p.name, p.id
        """,
        [session_id],
    )


def _party_or_fail(tx: Tx, session: dict[str, Any], party_id: Any) -> int:
    try:
        party = int(party_id)
    except (TypeError, ValueError):
        party = -1
    found = tx.rows(  # one item of the session about this party (directly or through its risk): cheaper per tick
        "SELECT 1 FROM workshop_item i LEFT JOIN risk r ON r.id = i.risk_id "
        "WHERE i.session_id = ? AND (i.party_id = ? OR r.party_id = ?) LIMIT 1",
        [session["id"], party, party],
    )
    if not found:
        raise NotFoundError(f"Verbonden partij {party_id} hoort niet bij dit werkatelier.")
    return party


def _open_for(tx: Tx, code: str, token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(session, participant) for a participant's write, inside its transaction; refused while closed."""
    session = open_session(tx, code)
    person = _participant_or_fail(tx, session, token)
    tx.actor = participant_actor(person)
    if not state(tx, session["id"])["signals_open"]:
        raise WorkshopClosed("De oefening signalen is gesloten; wacht op de facilitator.")
    return session, person


def _known_sign(tx: Tx, session_id: int, party_id: int, sign_key: str) -> bool:
    if sign_key in {s["key"] for s in vocabulary()}:
        return True
    if not sign_key.startswith(OWN_PREFIX) or not sign_key[len(OWN_PREFIX) :].isdigit():
        return False
    found = tx.rows(
        "SELECT 1 FROM workshop_own_sign WHERE id = ? AND session_id = ? AND party_id = ?",
        [int(sign_key[len(OWN_PREFIX) :]), session_id, party_id],
    )
    return bool(found)


def _tick(tx: Tx, session: dict[str, Any], person: dict[str, Any], party: int, sign_key: str, on: bool) -> bool:
    key = [session["id"], party, person["id"], sign_key]
    found = tx.rows(
        "SELECT id FROM workshop_sign_tick WHERE session_id = ? AND party_id = ? AND participant_id = ? "
        "AND sign_key = ?",
        key,
    )
    if on and not found:
        values = {"session_id": session["id"], "party_id": party, "participant_id": person["id"], "sign_key": sign_key}
        tx.insert("workshop_sign_tick", values, reason=session["code"])
    elif not on and found:
        tx.delete("workshop_sign_tick", found[0]["id"], reason=session["code"])
    return on


def set_tick(db: Database, code: str, token: str, party_id: Any, sign_key: Any, on: Any) -> bool:
    """A participant recognises a sign at a party (`on` True) or no longer does (False); the same call twice
    changes nothing the second time. Returns the state stored."""

    def run(tx: Tx) -> bool:
        session, person = _open_for(tx, code, token)
        party = _party_or_fail(tx, session, party_id)
        key = str(sign_key or "")
        if not _known_sign(tx, session["id"], party, key):
            raise NotFoundError(f"Signaal '{key}' hoort niet bij deze partij in dit werkatelier.")
        return _tick(tx, session, person, party, key, bool(on))

    return db.write(run, access.participant("deelnemer"), "participate")


def add_own_sign(db: Database, code: str, token: str, party_id: Any, text: Any) -> str:
    """A participant's own sign at a party, ticked for them; the same words (in any case or spacing) already added
    at this party are that sign, ticked, not a second one. Returns the sign's key ('eigen-<id>')."""
    clean, message = v.text(required=True, max_len=OWN_MAX_LEN)(text)
    if message is None and len(clean) < 3:
        message = "is te kort (minstens 3 tekens)"
    if message:
        raise ValidationError([FieldError("text", "Eigen signaal", message)], labels.entity("workshop_own_sign"))

    def run(tx: Tx) -> str:
        session, person = _open_for(tx, code, token)
        party = _party_or_fail(tx, session, party_id)
        same = wording(clean)
        found = tx.rows(
            "SELECT id FROM workshop_own_sign WHERE session_id = ? AND party_id = ? AND wording = ?",
            [session["id"], party, same],
        )
        if found:
            key = f"{OWN_PREFIX}{found[0]['id']}"
        else:
            mine, all_here = tx.rows(
                "SELECT count(*) FILTER (WHERE participant_id = ?) AS mine, count(*) AS n FROM workshop_own_sign "
                "WHERE session_id = ? AND party_id = ?",
                [person["id"], session["id"], party],
            )[0].values()
            if mine >= OWN_PER_PARTICIPANT:
                raise DomainError(f"U heeft bij deze partij al {OWN_PER_PARTICIPANT} eigen signalen toegevoegd.")
            if all_here >= OWN_PER_PARTY:
                raise DomainError(f"Bij deze partij staan al {OWN_PER_PARTY} eigen signalen; vink er een aan.")
            values = {
                "session_id": session["id"],
                "party_id": party,
                "participant_id": person["id"],
                "text": clean,
                "wording": same,
            }
            key = f"{OWN_PREFIX}{tx.insert('workshop_own_sign', values, reason=session['code'])}"
        _tick(tx, session, person, party, key, True)
        return key

    return db.write(run, access.participant("deelnemer"), "participate")


# -- what the participant, the projector and the facilitator see -----------------------------------------------
def signs(db: Database | Tx, session_id: int) -> pd.DataFrame:
    """Every sign a participant can tick per party of the session: the vocabulary at every party, then the own
    signs of that party in the order they were added. party_id, party, sign_key, label, help, own."""
    own = db.rows("SELECT id, party_id, text FROM workshop_own_sign WHERE session_id = ? ORDER BY id", [session_id])
    rows = []
    for party in _parties(db, session_id):
        pid, name = int(party["id"]), party["name"]
        rows += [
            {"party_id": pid, "party": name, "sign_key": s["key"], "label": s["label"], "help": s["help"], "own": False}
            for s in vocabulary()
        ]
        rows += [
            {"party_id": pid, "party": name, "sign_key": f"{OWN_PREFIX}{o['id']}", "label": o["text"], "help": None,
             "own": True}
            for o in own if int(o["party_id"]) == pid
        ]  # fmt: skip
    return pd.DataFrame(rows, columns=["party_id", "party", "sign_key", "label", "help", "own"])


def my_ticks(db: Database, session_id: int, participant_id: int) -> set[tuple[int, str]]:
    """(party id, sign key) of every sign this participant ticked."""
    rows = db.rows(
        "SELECT party_id, sign_key FROM workshop_sign_tick WHERE session_id = ? AND participant_id = ?",
        [session_id, participant_id],
    )
    return {(int(r["party_id"]), r["sign_key"]) for r in rows}


def counts(db: Database, session_id: int) -> pd.DataFrame:
    """Per party and sign (zeros included), how many participants taking part ticked it: the columns of
    `signs` and n, the risk made of it (risk_id, or missing)."""
    table = signs(db, session_id)
    ticked = db.query(
        """
        SELECT t.party_id, t.sign_key, count(*)::INTEGER AS n FROM workshop_sign_tick t
        JOIN workshop_participant p ON p.id = t.participant_id AND p.removed_at IS NULL
        WHERE t.session_id = ? GROUP BY ALL
        """,
        [session_id],
    )
    made = db.query("SELECT party_id, sign_key, risk_id FROM workshop_sign_risk WHERE session_id = ?", [session_id])
    out = table.merge(ticked, on=["party_id", "sign_key"], how="left").merge(
        made, on=["party_id", "sign_key"], how="left"
    )
    out["n"] = out["n"].fillna(0).astype(int)
    return out


def live(db: Database, session_id: int) -> dict[str, Any]:
    """What the projector's signal screen and the facilitator's panel show, read in one go."""
    table = counts(db, session_id)
    voters = db.scalar(
        """
        SELECT count(DISTINCT t.participant_id) FROM workshop_sign_tick t
        JOIN workshop_participant p ON p.id = t.participant_id AND p.removed_at IS NULL WHERE t.session_id = ?
        """,
        [session_id],
    )
    return {"state": state(db, session_id), "counts": table, "participants": int(voters or 0)}


def count_table(table: pd.DataFrame) -> pd.DataFrame:
    """The counts as the projector shows them: one row per sign (own signs marked), one column per party and the
    total, the most recognised sign first; own signs nobody (still) ticks are left out."""
    if table.empty:
        return pd.DataFrame(columns=["Signaal", "Totaal"])
    names = [f"{lb} (eigen)" if own else lb for lb, own in zip(table["label"], table["own"], strict=True)]
    shown = table.assign(Signaal=names)
    wide = shown.pivot_table(index="Signaal", columns="party", values="n", aggfunc="sum", fill_value=0, sort=False)
    wide.columns = [str(c) for c in wide.columns]
    wide["Totaal"] = wide.sum(axis=1)
    own = set(shown.loc[shown["own"], "Signaal"])
    wide = wide[~(wide.index.isin(own) & (wide["Totaal"] == 0))]
    wide = wide.sort_values("Totaal", ascending=False, kind="stable")
    return wide.reset_index().astype({c: int for c in wide.columns})


def result_table(table: pd.DataFrame) -> pd.DataFrame:
    """Per party and sign that anyone ticked, for the results (Excel): Dutch headers."""
    hit = table[table["n"] > 0].sort_values(["party", "n"], ascending=[True, False], kind="stable")
    return pd.DataFrame(
        {
            "Verbonden partij": hit["party"],
            "Signaal": hit["label"],
            "Eigen signaal": ["ja" if o else "nee" for o in hit["own"]],
            "Aantal deelnemers": hit["n"],
            "Risico gemaakt": ["" if r != r else f"risico {int(r)}" for r in hit["risk_id"]],
        }
    )


def results(db: Database, session_id: int) -> pd.DataFrame:
    return result_table(counts(db, session_id))


# -- the facilitator turns a sign into a risk --------------------------------------------------------------------
def make_risk(
    db: Database,
    code: str,
    party_id: Any,
    sign_key: Any,
    actor: Actor,
    category: Any = "bestuurlijk",
    title: Any = None,
) -> dict[str, Any]:
    """A risk on the party from a sign the participants recognised there, through the risk register's validation,
    audited under the facilitator with the session and the sign as the reason. A second call for the same sign at
    the same party finds the first risk: {'risk_id', 'created'}."""

    matrix = risks.get_matrix(db)  # as the consensus write-back does: the matrix setting is the register's

    def run(tx: Tx) -> dict[str, Any]:
        session = _session_row(tx, code)
        party = _party_or_fail(tx, session, party_id)
        key = str(sign_key or "")
        done = tx.rows(
            "SELECT risk_id FROM workshop_sign_risk WHERE session_id = ? AND party_id = ? AND sign_key = ?",
            [session["id"], party, key],
        )
        if done:
            return {"risk_id": int(done[0]["risk_id"]), "created": False}
        here = signs(tx, session["id"])
        found = here[(here["party_id"] == party) & (here["sign_key"] == key)]
        if found.empty:
            raise NotFoundError(f"Signaal '{key}' hoort niet bij deze partij in dit werkatelier.")
        label = str(found["label"].iloc[0])
        n = int(
            tx.execute(
                "SELECT count(*) FROM workshop_sign_tick t JOIN workshop_participant p ON p.id = t.participant_id "
                "AND p.removed_at IS NULL WHERE t.session_id = ? AND t.party_id = ? AND t.sign_key = ?",
                [session["id"], party, key],
            )[0][0]
        )
        cause = (
            f"Waarschuwingssignaal uit werkatelier {session['code']} ({session['title']}): {n} "
            f"{'deelnemer herkent' if n == 1 else 'deelnemers herkennen'} '{label}'."
        )
        values = {
            "party_id": party,
            "category": category,
            "title": title if not v.blank(title) else label,
            "cause": cause,
            "status": "open",
        }
        reason = f"werkatelier {session['code']}: signaal '{label}'"
        risk_id = risks.insert_risk(tx, values, matrix, reason=reason)
        link = {"session_id": session["id"], "party_id": party, "sign_key": key, "risk_id": risk_id}
        tx.insert("workshop_sign_risk", link, reason=reason)
        return {"risk_id": risk_id, "created": True}

    return db.write(run, actor, "workshop")
