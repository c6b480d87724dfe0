"""Representations: who sits where for the gemeente (person x party x body x capacity x from/to), their
validation and writes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from governance.core import labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx, quote_ident
from governance.core.errors import FieldError, NotFoundError, ValidationError
from governance.roles import bodies
from governance.roles.people import ADMINISTRATOR_ONLY_BODIES, OFFICIAL_FUNCTIONS, REPRESENTATION_SCHEMA


# -- representations ------------------------------------------------------------------------------------------
def validate_representation(
    tx: Tx, values: dict[str, Any], row: int | None = None, rep_id: int | None = None
) -> dict[str, Any]:
    """Clean a representation (all fields, as a form or an import row sends them) or raise every error."""
    clean, errors = v.apply("representation", REPRESENTATION_SCHEMA, values, row)

    def err(name: str, message: str) -> None:
        errors.append(FieldError(name, labels.field("representation", name), message, row))

    person = party = None
    for name, table in (("person_id", "person"), ("party_id", "party")):
        raw = values.get(name)
        if v.blank(raw):
            err(name, "is verplicht")
            continue
        try:
            found = tx.rows(f"SELECT * FROM {quote_ident(table)} WHERE id = ?", [int(raw)])
        except (TypeError, ValueError):
            found = []
        if not found:
            err(name, f"{labels.entity(table)} {raw} bestaat niet")
            continue
        clean[name] = int(raw)
        if table == "person":
            person = found[0]
        else:
            party = found[0]
    for name in ("body", "capacity"):
        if clean.get(name) is None and not any(e.field == name for e in errors):
            err(name, "is verplicht")
    start, end = clean.get("start_date"), clean.get("end_date")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        err("end_date", f"ligt vóór de begindatum ({start:%d-%m-%Y})")
    body = clean.get("body")
    if person is not None and body in labels.OFFICIAL_BODIES and person["function"] not in OFFICIAL_FUNCTIONS:
        err(
            "body",
            f"{labels.BODIES[body].lower()} is een ambtelijke rol; {person['name']} is "
            f"{labels.FUNCTIONS[person['function']].lower()}, geen ambtenaar of gemeentesecretaris",
        )
    if person is not None and body in ADMINISTRATOR_ONLY_BODIES and person["function"] not in labels.ADMINISTRATORS:
        err(
            "body",
            f"in het {labels.BODIES[body]} zitten alleen de burgemeester, wethouders of raadsleden; "
            f"{person['name']} is {labels.FUNCTIONS[person['function']].lower()}",
        )
    refused = bodies.refusal(body, party["legal_form"]) if party is not None and body else None
    if refused:
        err("body", f"{party['name']}: {refused}")  # type: ignore[index]
    if not errors and person is not None and party is not None:
        overlap = _overlapping(tx, clean, rep_id)
        if overlap:
            err(
                "start_date",
                f"{person['name']} zit al in dit orgaan bij {party['name']} in een overlappende periode "
                f"({_period(overlap['start_date'], overlap['end_date'])})",
            )
    if errors:
        order = list(labels.FIELDS["representation"])  # the order of the form
        errors.sort(key=lambda e: order.index(e.field) if e.field in order else len(order))
        raise ValidationError(errors, labels.entity("representation"))
    return clean


def _period(start: Any, end: Any) -> str:
    def show(d: Any, empty: str) -> str:
        return d.strftime("%d-%m-%Y") if isinstance(d, dt.date) else empty

    return f"{show(start, 'onbekend begin')} t/m {show(end, 'heden')}"


def _overlapping(tx: Tx, clean: dict[str, Any], rep_id: int | None) -> dict[str, Any] | None:
    """Another representation of the same person in the same body of the same party in an overlapping period."""
    found = tx.rows(
        """
        SELECT id, start_date, end_date FROM representation
        WHERE person_id = ? AND party_id = ? AND body = ? AND id <> ?
          AND coalesce(start_date, DATE '0001-01-01') <= coalesce(?::DATE, DATE '9999-12-31')
          AND coalesce(end_date, DATE '9999-12-31') >= coalesce(?::DATE, DATE '0001-01-01')
        ORDER BY start_date
        """,
        [
            clean["person_id"],
            clean["party_id"],
            clean["body"],
            rep_id or -1,
            clean.get("end_date"),
            clean.get("start_date"),
        ],
    )
    return found[0] if found else None


def insert_representation(tx: Tx, values: dict[str, Any], row: int | None = None) -> int:
    return int(tx.insert("representation", validate_representation(tx, values, row)))


def save_representation(
    db: Database,
    values: dict[str, Any],
    actor: Actor,
    rep_id: int | None = None,
    original: dict[str, Any] | None = None,
) -> int:
    """Add a representation (rep_id None) or change one. `values` holds every field, as the form sends them."""

    def run(tx: Tx) -> int:
        if rep_id is None:
            return insert_representation(tx, values)
        clean = validate_representation(tx, values, rep_id=rep_id)
        tx.update("representation", rep_id, clean, original=original)
        return rep_id

    return db.write(run, actor, "register")


def end_representation(
    db: Database,
    rep_id: int,
    end_date: Any,
    actor: Actor,
    reason: str | None = None,
    original: dict[str, Any] | None = None,
) -> None:
    """End a term on `end_date` (the last day in office); the reason goes into the audit log."""

    def run(tx: Tx) -> None:
        current = tx.get("representation", rep_id)
        if current is None:
            raise NotFoundError(f"Vertegenwoordiging {rep_id} bestaat niet (meer).")
        day, problem = v.date()(end_date)
        if day is None and problem is None:
            problem = "is verplicht"
        if problem is None and current["start_date"] is not None and day < current["start_date"]:
            problem = f"ligt vóór de begindatum ({current['start_date']:%d-%m-%Y})"
        if problem:
            raise ValidationError(
                [FieldError("end_date", labels.field("representation", "end_date"), problem)],
                labels.entity("representation"),
            )
        tx.update("representation", rep_id, {"end_date": day}, original=original, reason=reason or None)

    db.write(run, actor, "register")


def delete_representation(db: Database, rep_id: int, actor: Actor, reason: str | None = None) -> None:
    """Remove a representation entered by mistake (a term that ended is ended, not deleted)."""
    db.write(lambda tx: tx.delete("representation", rep_id, reason=reason or None), actor, "register")


def parties_for_choice(db: Database) -> pd.DataFrame:
    """Parties a new representation can be at: not archived, by name."""
    return db.query("SELECT id, code, name, legal_form FROM party WHERE archived_at IS NULL ORDER BY name")


def policy_domains(db: Database) -> list[str]:
    """The beleidsvelden in use by parties, for the portefeuille mapping."""
    return [
        r["policy_domain"]
        for r in db.rows(
            "SELECT DISTINCT policy_domain FROM party WHERE policy_domain IS NOT NULL ORDER BY policy_domain"
        )
    ]


def get_representation(db: Database, rep_id: int) -> dict[str, Any]:
    found = db.rows("SELECT * FROM representation WHERE id = ?", [rep_id])
    if not found:
        raise NotFoundError(f"Vertegenwoordiging {rep_id} bestaat niet.")
    return found[0]


def representation_table(db: Database) -> pd.DataFrame:
    """Every representation with its person and party, one row each (codes, not labels). Parties that are
    archived or opgeheven are left out: nobody represents the gemeente there any more."""
    return db.query(
        """
        SELECT r.id, r.person_id, pe.code AS person_code, pe.name AS person_name, pe.function, pe.portfolio,
               r.party_id, pa.code AS party_code, pa.name AS party_name, pa.policy_domain, pa.status,
               pa.ended AS party_ended, pa.government_role, pa.participation_level, pa.legal_form,
               pa.bbv_category,
               r.body, r.capacity, r.start_date, r.end_date, r.notes, r.version
        FROM representation r
        JOIN person pe ON pe.id = r.person_id
        JOIN party pa ON pa.id = r.party_id
        WHERE pa.archived_at IS NULL AND pa.status <> 'opgeheven'
        ORDER BY pe.name, pa.name, r.body, r.start_date
        """
    )


def active_on(reps: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    """The representations in force on `on`: begun (or no start known) and not yet ended (inclusive)."""
    start = pd.to_datetime(reps["start_date"])
    end = pd.to_datetime(reps["end_date"])
    day = pd.Timestamp(on)
    return reps[(start.isna() | (start <= day)) & (end.isna() | (end >= day))]


def date_range(reps: pd.DataFrame, today: dt.date) -> tuple[dt.date, dt.date]:
    """The span a date slider over `reps` should offer: the first start to a year after today or the last end."""
    starts = pd.to_datetime(reps["start_date"]).dropna()
    ends = pd.to_datetime(reps["end_date"]).dropna()
    first = min(starts.min().date(), today) if len(starts) else today - dt.timedelta(days=365 * 4)
    last = max([today + dt.timedelta(days=365), *([ends.max().date()] if len(ends) else [])])
    return first, last
