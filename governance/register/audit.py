"""The audit log as people read it: who changed what, when, from which value to which.

`recent` reads the newest rows with optional filters (parameterised SQL); `display` turns them into a
table with Dutch labels and a one-line description of each change. Pure pandas after the query.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd

from governance.core import formatting, labels
from governance.core.db import Database

ACTIONS: dict[str, str] = {
    "insert": "Toegevoegd",
    "update": "Gewijzigd",
    "archive": "Gearchiveerd",
    "restore": "Teruggezet",
    "delete": "Verwijderd",
}
HIDDEN = {"id", "version", "created_at", "updated_at"}  # bookkeeping columns, not what a person changed
LIMIT = 200
# What the log can be filtered on: every audited entity ('gegevens' only names an import; the log is not logged).
AUDITED = [e for e in labels.ENTITIES if e not in ("gegevens", "audit_log")]


def recent(
    db: Database,
    entities: list[str] | None = None,
    actor: str | None = None,
    actions: list[str] | None = None,
    since: dt.date | None = None,
    limit: int = LIMIT,
) -> pd.DataFrame:
    """The newest audit rows (at most `limit`), filtered on entity, actor, action and date."""
    where, params = ["true"], []
    if entities:
        where.append(f"entity IN ({', '.join('?' for _ in entities)})")
        params += entities
    if actor:
        where.append("actor = ?")
        params.append(actor)
    if actions:
        where.append(f"action IN ({', '.join('?' for _ in actions)})")
        params += actions
    if since:
        where.append("logged_at >= ?")
        params.append(dt.datetime.combine(since, dt.time()))
    return db.query(
        f"SELECT id, logged_at, actor, action, entity, entity_id, before, after, reason FROM audit_log "
        f"WHERE {' AND '.join(where)} ORDER BY logged_at DESC, id DESC LIMIT {int(limit)}",
        params,
    )


def count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM audit_log"))


def actors(db: Database) -> list[str]:
    """Everyone who changed something, most recent first."""
    return [r["actor"] for r in db.rows("SELECT actor FROM audit_log GROUP BY actor ORDER BY max(logged_at) DESC")]


def names(db: Database) -> dict[str, dict[int, str]]:
    """Names to describe rows by: parties, persons and organisations by id."""
    return {
        entity: {int(r["id"]): str(r["name"]) for r in db.rows(f"SELECT id, name FROM {entity}")}
        for entity in ("party", "person", "organisation")
    }


def _load(value: Any) -> dict[str, Any]:
    if value is None or (isinstance(value, float) and value != value):
        return {}
    return json.loads(value) if isinstance(value, str) else dict(value)


def describe(entity: str, row: dict[str, Any], known: dict[str, dict[int, str]]) -> str:
    """Which row this is, in words: a name, a title, or the party and year."""

    def name(kind: str, key: str) -> str:
        value = row.get(key)
        return known.get(kind, {}).get(int(value), f"#{value}") if value is not None else "gemeente zelf"

    if entity == "party_year":
        kind = labels.YEAR_KINDS.get(row.get("kind", ""), row.get("kind", ""))
        return f"{name('party', 'party_id')} — {kind} {row.get('year', '')}"
    if entity == "participation":
        return f"{name('party', 'party_id')} — {name('organisation', 'organisation_id')}"
    if entity == "representation":
        body = labels.BODIES.get(row.get("body", ""), row.get("body", ""))
        return f"{name('person', 'person_id')} — {name('party', 'party_id')} ({body})"
    if entity == "risk":
        return f"{row.get('title', '')} ({name('party', 'party_id')})"
    if entity == "setting":
        return str(row.get("key", ""))
    return str(row.get("name") or row.get("code") or "")


def _value(value: Any) -> str:
    if value is None or value == "":
        return "(leeg)"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (int, float)):
        return formatting.number(value, 0 if float(value).is_integer() else 2)
    text = str(value)
    if len(text) == 10 and text[4] == "-" and text[7] == "-":  # ISO date from the JSON
        return f"{text[8:10]}-{text[5:7]}-{text[:4]}"
    return text if len(text) <= 50 else text[:47] + "…"


def changes(entity: str, action: str, before: dict[str, Any], after: dict[str, Any]) -> str:
    """'Vestigingsplaats: Kolkerveld → Nieuwdorp; Bijdrage gemeente: 4.538.000 → 4.600.000'."""
    if action == "insert":
        return "nieuw"
    if action == "delete":
        return "verwijderd"
    parts = [
        f"{labels.field(entity, f)}: {_value(before.get(f))} → {_value(after.get(f))}"
        for f in after
        if f not in HIDDEN and before.get(f) != after.get(f)
    ]
    return "; ".join(parts) or "geen velden"


def display(frame: pd.DataFrame, known: dict[str, dict[int, str]]) -> pd.DataFrame:
    """The audit rows as a Dutch table: Wanneer, Wie, Actie, Wat, Welke, Wijzigingen, Reden."""
    rows = []
    for r in frame.to_dict("records"):
        before, after = _load(r["before"]), _load(r["after"])
        rows.append(
            {
                "Wanneer": pd.Timestamp(r["logged_at"]).strftime("%d-%m-%Y %H:%M:%S"),
                "Wie": r["actor"],
                "Actie": ACTIONS.get(r["action"], r["action"]),
                "Wat": labels.entity(r["entity"]),
                "Welke": describe(r["entity"], after or before, known),
                "Wijzigingen": changes(r["entity"], r["action"], before, after),
                "Reden": r["reason"] if isinstance(r["reason"], str) else "",
            }
        )
    columns = ["Wanneer", "Wie", "Actie", "Wat", "Welke", "Wijzigingen", "Reden"]
    return pd.DataFrame(rows, columns=columns)
