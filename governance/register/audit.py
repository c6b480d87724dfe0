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
from governance.core.access import ROLES, Actor
from governance.core.db import Database, quote_ident
from governance.register import settingdiff

ACTIONS: dict[str, str] = {
    "insert": "Toegevoegd",
    "update": "Gewijzigd",
    "archive": "Gearchiveerd",
    "restore": "Teruggezet",
    "delete": "Verwijderd",
}
HIDDEN = {"id", "version", "created_at", "updated_at"}  # bookkeeping columns, not what a person changed
LIMIT = 200
PAGE_SIZE = 50  # rows per page of the Logboek: a page of wrapped changes stays readable and quick to draw
# A werkatelier's scores and dots: hundreds of rows per session, which the Logboek can leave out.
VOTES = ("workshop_score", "workshop_dot")
# What the log can be filtered on: every audited entity ('gegevens' only names an import; the log is not logged).
AUDITED = [e for e in labels.ENTITIES if e not in ("gegevens", "audit_log")]


def _where(
    entities: list[str] | None,
    actor: Actor | None,
    actions: list[str] | None,
    since: dt.date | None,
    user_id: int | None,
    without_votes: bool,
) -> tuple[str, list[Any]]:
    """The WHERE clause of the log's filters with its parameters (values are always bound, never spliced)."""
    where, params = ["true"], []
    if user_id is not None:
        where.append("user_id = ?")
        params.append(int(user_id))
    if entities:
        where.append(f"entity IN ({', '.join('?' for _ in entities)})")
        params += entities
    if without_votes:
        where.append(f"entity NOT IN ({', '.join('?' for _ in VOTES)})")
        params += list(VOTES)
    if actor:
        where.append("actor = ?")
        params.append(actor)
    if actions:
        where.append(f"action IN ({', '.join('?' for _ in actions)})")
        params += actions
    if since:
        where.append("logged_at >= ?")
        params.append(dt.datetime.combine(since, dt.time()))
    return " AND ".join(where), params


def recent(
    db: Database,
    entities: list[str] | None = None,
    actor: Actor | None = None,
    actions: list[str] | None = None,
    since: dt.date | None = None,
    limit: int = LIMIT,
    user_id: int | None = None,
    without_votes: bool = False,
    offset: int = 0,
) -> pd.DataFrame:
    """The newest audit rows (at most `limit`, skipping the `offset` newest: one page of the log), filtered on
    entity, actor, signed-in user (by id, so a user who changed their name or role is one person), action and
    date; `without_votes` leaves out the scores and dots of werkatelier participants."""
    where, params = _where(entities, actor, actions, since, user_id, without_votes)
    return db.query(
        f"SELECT id, logged_at, actor, action, entity, entity_id, before, after, reason FROM audit_log "
        f"WHERE {where} ORDER BY logged_at DESC, id DESC LIMIT ? OFFSET ?",
        [*params, int(limit), max(0, int(offset))],
    )


def matching(
    db: Database,
    entities: list[str] | None = None,
    actor: Actor | None = None,
    actions: list[str] | None = None,
    since: dt.date | None = None,
    user_id: int | None = None,
    without_votes: bool = False,
) -> int:
    """How many audit rows these filters select (for the log's page count)."""
    where, params = _where(entities, actor, actions, since, user_id, without_votes)
    return int(db.scalar(f"SELECT count(*) FROM audit_log WHERE {where}", params))


def count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM audit_log"))


def actors(db: Database) -> list[str]:
    """Everyone who changed something, most recent first."""
    return [r["actor"] for r in db.rows("SELECT actor FROM audit_log GROUP BY actor ORDER BY max(logged_at) DESC")]


def log_users(db: Database) -> dict[int, str]:
    """The signed-in users who changed something, most recent first: user id -> 'Naam (gebruikersnaam), rol'."""
    found = db.rows(
        """SELECT a.user_id, coalesce(u.full_name, u.name, max(a.actor)) AS full_name, u.name, u.role
           FROM audit_log a LEFT JOIN app_user u ON u.id = a.user_id
           WHERE a.user_id IS NOT NULL
           GROUP BY a.user_id, u.full_name, u.name, u.role ORDER BY max(a.logged_at) DESC, a.user_id"""
    )
    shown = {}
    for r in found:
        role = ROLES.get(r["role"], r["role"] or "").lower()
        shown[int(r["user_id"])] = f"{r['full_name']} ({r['name']}), {role}" if r["name"] else str(r["full_name"])
    return shown


def names(db: Database) -> dict[str, dict[int, str]]:
    """Names to describe rows by: parties, persons and organisations by id."""
    return {
        entity: {int(r["id"]): str(r["name"]) for r in db.rows(f"SELECT id, name FROM {quote_ident(entity)}")}
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
        return labels.setting(str(row.get("key", "")))
    return str(row.get("name") or row.get("code") or row.get("title") or row.get("source") or "")


# Fields whose stored code reads as a Dutch label, and amounts shown in euro (the one rendering of a stored
# value in words: the audit log, a risk's history and a conflict all use it).
CODE_LISTS: dict[str, dict[str, str]] = {
    "legal_form": labels.LEGAL_FORMS,
    "bbv_category": labels.BBV_CATEGORIES,
    "category": labels.RISK_CATEGORIES,
    "kind": labels.YEAR_KINDS,
    "body": labels.BODIES,
    "capacity": labels.CAPACITIES,
    "function": labels.FUNCTIONS,
    "government_role": labels.GOVERNMENT_ROLES,
    "participation_level": labels.PARTICIPATION_LEVELS,
}
STATUS_LISTS: dict[str, dict[str, str]] = {
    "party": labels.PARTY_STATUS,
    "risk": labels.RISK_STATUS,
    "risk_measure": labels.MEASURE_STATUS,
}
EURO_FIELDS = frozenset(
    {"interest_begin", "interest_end", "contribution", "loans", "guarantees", "dividend", "equity_begin"}
    | {"equity_end", "debt_begin", "debt_end", "result", "amount_min", "amount_likely", "amount_max"}
)
NAMED_BY = {"party_id": "party", "person_id": "person", "organisation_id": "organisation"}
EMPTY = "(leeg)"
# Columns that hold JSON (never typed text): shown part by part by their labels instead of as {…}.
JSON_FIELDS = frozenset({"register_values", "counts", "problems"})


def value_text(
    entity: str, name: str, value: Any, known: dict[str, dict[int, str]] | None = None, width: int = 80
) -> str:
    """A stored value in words: a code as its Dutch label, an id as the name it stands for, an amount in euro, a
    date as dd-mm-jjjj, yes/no, long text cut at `width`."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return EMPTY
    if name in NAMED_BY and known is not None:
        return known.get(NAMED_BY[name], {}).get(int(value), f"#{value}")
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if name in EURO_FIELDS and isinstance(value, (int, float)):
        return formatting.euro(value)
    if name == "role" and entity == "app_user":
        return ROLES.get(value, str(value))
    if name == "kind" and entity == "organisation":
        return labels.ORGANISATION_KINDS.get(value, str(value))
    parts = settingdiff.load(value) if name in JSON_FIELDS and isinstance(value, str) else value
    if isinstance(parts, dict):  # a JSON field (what the national register gave last): each part by its label
        text = ", ".join(f"{labels.field(entity, k)}: {value_text(entity, k, v, known)}" for k, v in parts.items())
        return text if len(text) <= width else text[: width - 1] + "…"
    if name == "status" and entity in STATUS_LISTS:
        return STATUS_LISTS[entity].get(value, str(value))
    if name in CODE_LISTS and isinstance(value, str):
        return CODE_LISTS[name].get(value, value)
    if isinstance(value, (int, float)):
        return formatting.number(value, 0 if float(value).is_integer() else 2)
    text = str(value)
    if len(text) >= 10 and text[4:5] == "-" and text[7:8] == "-" and text[:4].isdigit():  # ISO date in the JSON
        text = f"{text[8:10]}-{text[5:7]}-{text[:4]}"
    return text if len(text) <= width else text[: width - 1] + "…"


def change_lines(
    entity: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    known: dict[str, dict[int, str]] | None = None,
    hidden: frozenset[str] | set[str] = HIDDEN,
    defaults: dict[str, Any] | None = None,
) -> list[str]:
    """What one audit row changed, a line per field: 'Vestigingsplaats: Kolkerveld → Nieuwdorp'. A new row lists
    what it was given, a removed one says so. A setting is compared part by part inside its value; a setting
    saved for the first time is compared with its shipped default (`defaults`: key -> value) when it has one."""
    if not after:
        return ["verwijderd"]
    if entity == "setting" and "value" in after:
        key = str(after.get("key", ""))
        if before and "value" in before:
            old = before["value"]
        elif defaults and key in defaults:
            return ["eerste keer opgeslagen; ten opzichte van de standaardinstelling:"] + (
                settingdiff.changes(defaults[key], after["value"]) or ["geen verschil"]
            )
        else:
            return settingdiff.listing(after["value"])
        return settingdiff.changes(old, after["value"]) or ["geen velden"]
    if not before:
        shown = [
            f"{labels.field(entity, k)}: {value_text(entity, k, x, known)}"
            for k, x in after.items()
            if k not in hidden and x not in (None, "")
        ]
        return shown or ["nieuw"]
    parts = [
        f"{labels.field(entity, f)}: {value_text(entity, f, before.get(f), known)} → "
        f"{value_text(entity, f, after.get(f), known)}"
        for f in after
        if f not in hidden and before.get(f) != after.get(f)
    ]
    return parts or ["geen velden"]


def change_text(
    entity: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    known: dict[str, dict[int, str]] | None = None,
    hidden: frozenset[str] | set[str] = HIDDEN,
) -> str:
    """'Vestigingsplaats: Kolkerveld → Nieuwdorp; Bijdrage gemeente: € 4.538.000 → € 4.600.000' for one audit row
    (the lines of `change_lines` on one line)."""
    return "; ".join(change_lines(entity, before, after, known, hidden))


def display(
    frame: pd.DataFrame, known: dict[str, dict[int, str]], defaults: dict[str, Any] | None = None
) -> pd.DataFrame:
    """The audit rows as a Dutch table: Wanneer, Wie, Actie, Wat, Welke, Wijzigingen (a line per changed field),
    Reden. `defaults`: the shipped value of a setting, to show a first save as a change from it."""
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
                "Wijzigingen": "\n".join(change_lines(r["entity"], before, after, known, defaults=defaults)),
                "Reden": r["reason"] if isinstance(r["reason"], str) else "",
            }
        )
    columns = ["Wanneer", "Wie", "Actie", "Wat", "Welke", "Wijzigingen", "Reden"]
    return pd.DataFrame(rows, columns=columns)
