"""The Ontwikkelagenda page's read models: Dutch tables of actions, signals, motives, results and evaluations.
Deadlines say 'te laat' in words, so a late action is never marked by colour alone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from governance.agenda import koers
from governance.agenda.records import ranked_proposals
from governance.core import formatting, labels
from governance.core.db import Database


def party_choices(db: Database) -> dict[int, str]:
    """The parties an agenda can be kept for (not archived), id -> name, by name."""
    rows = db.rows("SELECT id, name FROM party WHERE archived_at IS NULL ORDER BY name, id")
    return {int(r["id"]): r["name"] for r in rows}


def source_text(action: dict[str, Any]) -> str:
    if action.get("source") == "werkatelier":
        return f"Werkatelier '{action.get('session_title') or action.get('session_id')}'"
    return labels.ACTION_SOURCES["handmatig"]


def action_table(rows: list[dict[str, Any]], today: dt.date) -> pd.DataFrame:
    """One line per action: party, action, owner, deadline (with 'te laat' in words), status, horizon, source."""
    return pd.DataFrame(
        {
            "Partij": [r["party"] for r in rows],
            "Actie": [r["action"] for r in rows],
            "Eigenaar": [r.get("owner") or "—" for r in rows],
            "Gereed uiterlijk": [koers.due_text(r.get("deadline"), today, r.get("status")) for r in rows],
            "Status": [labels.ACTION_STATUS[r["status"]] for r in rows],
            "Termijn": [labels.HORIZONS[r["horizon"]] for r in rows],
            "Bron": [source_text(r) for r in rows],
        },
        columns=["Partij", "Actie", "Eigenaar", "Gereed uiterlijk", "Status", "Termijn", "Bron"],
    )


def signal_table(found: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Soort": ["Actie" if s["kind"] == "actie" else "Evaluatie" for s in found],
            "Partij": [s["party"] for s in found],
            "Wat": [s["what"] for s in found],
            "Eigenaar": [s.get("owner") or "—" for s in found],
            "Uiterlijk": [formatting.date(s["due"]) for s in found],
            "Te laat": [koers.late_text(s["days_late"]) for s in found],
        },
        columns=["Soort", "Partij", "Wat", "Eigenaar", "Uiterlijk", "Te laat"],
    )


EVALUATION_STATES = {"te_laat": "Te laat", "gepland": "Gepland", "geen": "Nog geen evaluatie vastgelegd"}


def evaluation_table(status: list[dict[str, Any]]) -> pd.DataFrame:
    """Per party: last evaluation, next one due and its state in words."""
    return pd.DataFrame(
        {
            "Partij": [r["party"] for r in status],
            "Laatste evaluatie": [formatting.date(r["held_on"]) if r["held_on"] else "—" for r in status],
            "Volgende evaluatie": [formatting.date(r["next_due"]) if r["next_due"] else "—" for r in status],
            "Stand": [EVALUATION_STATES[r["state"]] for r in status],
        },
        columns=["Partij", "Laatste evaluatie", "Volgende evaluatie", "Stand"],
    )


def party_rows(db: Database, entity: str, party_id: int) -> list[dict[str, Any]]:
    """A party's motives, results or evaluations (newest evaluation first)."""
    order = {"party_motive": "id", "party_result": "id", "party_evaluation": "held_on DESC, id DESC"}[entity]
    return db.rows(f"SELECT * FROM {entity} WHERE party_id = ? ORDER BY {order}", [int(party_id)])


def motive_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Motief": [r["motive"] for r in rows],
            "Wordt het waargemaakt?": [labels.MOTIVE_MET[r["met"]] for r in rows],
            "Toelichting": [r.get("explanation") or "" for r in rows],
        },
        columns=["Motief", "Wordt het waargemaakt?", "Toelichting"],
    )


def result_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Beoogd resultaat": [r["intended"] for r in rows],
            "Behaald resultaat": [r.get("achieved") or "—" for r in rows],
            "Oordeel": [labels.RESULT_ASSESSMENT[r["assessment"]] for r in rows],
        },
        columns=["Beoogd resultaat", "Behaald resultaat", "Oordeel"],
    )


def evaluations_of_party(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Geëvalueerd op": [formatting.date(r["held_on"]) for r in rows],
            "Conclusie": [r.get("conclusion") or "" for r in rows],
            "Volgende gepland op": [formatting.date(r["next_planned"]) if r["next_planned"] else "—" for r in rows],
        },
        columns=["Geëvalueerd op", "Conclusie", "Volgende gepland op"],
    )


def acceptable_proposals(db: Database, session_id: int) -> list[dict[str, Any]]:
    """The session's proposals ranked by dots, each with its place and whether it is on an agenda already."""

    ranked = ranked_proposals(db, session_id)
    taken = {
        int(r["proposal_id"])
        for r in db.rows(
            "SELECT proposal_id FROM agenda_action WHERE session_id = ? AND proposal_id IS NOT NULL", [session_id]
        )
    }
    return [{**r, "place": place, "accepted": r["id"] in taken} for place, r in enumerate(ranked, start=1)]


def proposal_overview(items: list[dict[str, Any]]) -> pd.DataFrame:
    """The facilitator's list: place by dots, the proposal, party, horizon, dots and whether it is on the agenda."""
    return pd.DataFrame(
        {
            "Plaats": [i["place"] for i in items],
            "Voorstel": [i["text"] for i in items],
            "Partij": [i["party"] for i in items],
            "Termijn": [labels.HORIZONS[i["horizon"]] for i in items],
            "Stippen": [i["dots"] for i in items],
            "Op de ontwikkelagenda": ["ja" if i["accepted"] else "nee" for i in items],
        },
        columns=["Plaats", "Voorstel", "Partij", "Termijn", "Stippen", "Op de ontwikkelagenda"],
    )
