"""Evaluation per party and the agenda's signals: when was a party last evaluated, when is the next evaluation
due, and which actions and evaluations are overdue.

Since the Wet versterking democratische legitimatie Wgr (Stb. 2022, 18) a gemeenschappelijke regeling must itself
contain rules on evaluation; the law sets no interval. So the interval is a setting ('agenda.evaluation_interval',
in years) whose default — every 4 years, as the risk profile is re-assessed in practice (domain.md §3) — is marked
as a default (standaard), not as law. A date the next evaluation was agreed on (`next_planned` of the latest
evaluation) comes before the interval.

`overdue` is pure: rows in, signals out; `signals` reads them from the database."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from governance.core import formatting, labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, ValidationError

INTERVAL_KEY = "agenda.evaluation_interval"
DEFAULT_INTERVAL_YEARS = 4
OPEN_STATUSES = ("open", "bezig")


def interval_setting(db: Database | Tx) -> dict[str, Any]:
    """years, whether it is the default (standaard), the rule in words, and the setting row as stored
    (`original`, what a save compares against; None while the default applies)."""
    found = db.rows("SELECT key, value, version FROM setting WHERE key = ?", [INTERVAL_KEY])
    stored = json.loads(found[0]["value"]) if found else None
    years = int((stored or {}).get("years") or DEFAULT_INTERVAL_YEARS)
    text = f"elke {years} jaar na de laatste evaluatie, tenzij een andere datum is afgesproken"
    return {
        "years": years,
        "default": stored is None,
        "text": text + (" (standaard; de wet noemt geen termijn)" if stored is None else ""),
        "original": found[0] if found else None,
    }


def save_interval(db: Database, years: Any, actor: Actor, original: dict[str, Any] | None) -> None:
    """The gemeente's own evaluation interval in whole years (1–20)."""
    clean, problem = v.number(1, 20, integer=True)(years)
    if problem or clean is None:
        raise ValidationError(
            [FieldError("years", "Termijn tussen evaluaties (jaren)", problem or "is verplicht")],
            labels.setting(INTERVAL_KEY),
        )
    db.write(lambda tx: tx.put_setting(INTERVAL_KEY, {"years": int(clean)}, original), actor, "settings")


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def next_due(last_held: dt.date | None, planned: dt.date | None, years: int) -> dt.date | None:
    """The next evaluation: the agreed date, else the last one plus the interval; None before any evaluation."""
    if planned is not None:
        return planned
    return add_years(last_held, years) if last_held is not None else None


def evaluation_status(db: Database, today: dt.date) -> list[dict[str, Any]]:
    """Per party in the register (not archived, not opgeheven): last evaluation, its conclusion, the next one due
    and how that stands on `today` ('te_laat', 'gepland', 'geen')."""
    years = interval_setting(db)["years"]
    rows = db.rows(
        """
        SELECT p.id AS party_id, p.name AS party, e.held_on, e.conclusion, e.next_planned
        FROM party p
        LEFT JOIN (SELECT *, row_number() OVER (PARTITION BY party_id ORDER BY held_on DESC, id DESC) AS n
                   FROM party_evaluation) e ON e.party_id = p.id AND e.n = 1
        WHERE p.archived_at IS NULL AND p.status <> 'opgeheven'
        ORDER BY p.name
        """
    )
    for r in rows:
        r["next_due"] = next_due(r["held_on"], r["next_planned"], years)
        if r["next_due"] is None:
            r["state"] = "geen"
        else:
            r["state"] = "te_laat" if r["next_due"] < today else "gepland"
    return rows


def overdue(actions: list[dict[str, Any]], evaluations: list[dict[str, Any]], today: dt.date) -> list[dict[str, Any]]:
    """The agenda's signals on `today`: every open or started action past its deadline, and every party whose next
    evaluation is past; each with the party, what is late, its date and how many days late. Most late first."""
    found = []
    for a in actions:
        if a.get("deadline") is not None and a["deadline"] < today and a.get("status") in OPEN_STATUSES:
            found.append(
                {
                    "kind": "actie",
                    "party_id": a["party_id"],
                    "party": a.get("party"),
                    "what": a["action"],
                    "owner": a.get("owner"),
                    "due": a["deadline"],
                    "days_late": (today - a["deadline"]).days,
                    "id": a.get("id"),
                }
            )
    for e in evaluations:
        if e.get("next_due") is not None and e["next_due"] < today:
            found.append(
                {
                    "kind": "evaluatie",
                    "party_id": e["party_id"],
                    "party": e.get("party"),
                    "what": "Evaluatie van de samenwerking",
                    "owner": None,
                    "due": e["next_due"],
                    "days_late": (today - e["next_due"]).days,
                    "id": None,
                }
            )
    return sorted(found, key=lambda s: (-s["days_late"], s["kind"], s["party"] or ""))


def actions(db: Database, party_id: int | None = None) -> list[dict[str, Any]]:
    """Every ontwikkelagenda action (of one party with `party_id`), by deadline (none last), with party and source."""
    return db.rows(
        """
        SELECT a.*, p.name AS party, p.code AS party_code, s.title AS session_title, s.code AS session_code
        FROM agenda_action a JOIN party p ON p.id = a.party_id
        LEFT JOIN workshop_session s ON s.id = a.session_id
        WHERE $party IS NULL OR a.party_id = $party
        ORDER BY a.deadline NULLS LAST, p.name, a.id
        """,
        {"party": None if party_id is None else int(party_id)},
    )


def signals(db: Database, today: dt.date) -> list[dict[str, Any]]:
    """`overdue` on what is stored."""
    return overdue(actions(db), evaluation_status(db, today), today)


def signal_counts(db: Database, today: dt.date) -> dict[str, int]:
    """How many actions and evaluations are overdue, for Overzicht."""
    found = signals(db, today)
    return {kind: sum(1 for s in found if s["kind"] == kind) for kind in ("actie", "evaluatie")}


def late_text(days: int) -> str:
    """'1 dag te laat', '12 dagen te laat'."""
    return f"{days} {'dag' if days == 1 else 'dagen'} te laat"


def due_text(due: dt.date | None, today: dt.date, status: str | None = None) -> str:
    """The deadline in words, with its state in text (not only a colour): 'te laat' says so."""
    if due is None:
        return "geen datum"
    shown = formatting.date(due)
    if status is not None and status not in OPEN_STATUSES:
        return shown
    return f"{shown} — {late_text((today - due).days)}" if due < today else shown
