"""Yearly figures of each party (begroting and jaarrekening) and the totals the Overzicht shows.

For a year, the jaarrekening (realised) figures win over the begroting (expected) ones: a controller
reporting on 2025 wants the vastgestelde jaarrekening where it exists, the begroting otherwise.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from governance.core import labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx, shared_read
from governance.core.errors import ConflictError, FieldError, ValidationError
from governance.register import verbonden

AMOUNT_FIELDS = (
    "interest_begin",
    "interest_end",
    "contribution",
    "loans",
    "guarantees",
    "dividend",
    "equity_begin",
    "equity_end",
    "debt_begin",
    "debt_end",
    "result",
)
# Eigen vermogen and resultaat can be negative; a contribution, loan or belang cannot.
SIGNED = {"equity_begin", "equity_end", "result"}

YEAR_SCHEMA: dict[str, v.Check] = {
    "year": v.number(low=1900, high=2100, integer=True),
    "kind": v.choice(labels.YEAR_KINDS),
    **{f: v.amount(non_negative=f not in SIGNED) for f in AMOUNT_FIELDS},
    "source_document": v.text(max_len=300),
}


def validate_year(values: dict[str, Any], row: int | None = None) -> dict[str, Any]:
    clean, errors = v.apply("party_year", YEAR_SCHEMA, values, row)
    for name in ("year", "kind"):
        if clean.get(name) is None and not any(e.field == name for e in errors):
            errors.append(FieldError(name, labels.field("party_year", name), "is verplicht", row))
    if errors:
        raise ValidationError(errors, labels.entity("party_year"))
    return clean


def upsert_year(
    tx: Tx,
    party_id: int,
    values: dict[str, Any],
    original: dict[str, Any] | None = None,
    row: int | None = None,
    system: bool = False,
) -> int:
    """Insert or update the figures of one party, year and kind inside an open transaction. `original` is the
    row as the form opened it, None when there were no figures then: figures someone else entered or changed
    in between are refused. An import passes `system=True` (it matched the row in this transaction)."""
    clean = validate_year(values, row)
    found = tx.execute(
        "SELECT id FROM party_year WHERE party_id = ? AND year = ? AND kind = ?",
        [party_id, clean["year"], clean["kind"]],
    )
    if found and original is None and not system:
        raise ConflictError(
            f"De {labels.YEAR_KINDS[clean['kind']].lower()} {clean['year']} is intussen door iemand anders "
            "ingevoerd. Uw cijfers zijn niet opgeslagen; bekijk de nieuwe cijfers en probeer het opnieuw."
        )
    if found:
        tx.update("party_year", found[0][0], clean, original=original, system=system)
        return int(found[0][0])
    return int(tx.insert("party_year", {"party_id": party_id, **clean}))


def save_year(
    db: Database, party_id: int, values: dict[str, Any], actor: Actor, original: dict[str, Any] | None
) -> int:
    return db.write(lambda tx: upsert_year(tx, party_id, values, original), actor, "register")


def party_years(db: Database, party_id: int) -> pd.DataFrame:
    return db.query("SELECT * FROM party_year WHERE party_id = ? ORDER BY year DESC, kind DESC", [party_id])


def get_year(db: Database, party_id: int, year: int, kind: str) -> dict[str, Any] | None:
    """One party-year row as Python values (for a form and its conflict check), or None."""
    found = db.rows("SELECT * FROM party_year WHERE party_id = ? AND year = ? AND kind = ?", [party_id, year, kind])
    return found[0] if found else None


def years(db: Database) -> list[int]:
    """Years that have figures, newest first."""
    return [int(r["year"]) for r in db.rows("SELECT DISTINCT year FROM party_year ORDER BY year DESC")]


# A party counts in a year when it existed then: not founded after the year, not ended before it.
IN_YEAR = "(p.founded IS NULL OR year(p.founded) <= $year) AND (p.ended IS NULL OR year(p.ended) >= $year)"


@shared_read
def figures_for_year(db: Database, year: int) -> pd.DataFrame:
    """One row per non-archived party that existed in `year`: its figures for that year (jaarrekening
    before begroting), or NaN where there are none, and whether it is a verbonden partij (`vp_status`)."""
    frame = db.query(
        """
        WITH ranked AS (
            SELECT *, row_number() OVER (PARTITION BY party_id ORDER BY kind = 'jaarrekening' DESC) AS rn
            FROM party_year WHERE year = $year
        )
        SELECT p.id AS party_id, p.name, p.bbv_category, p.legal_form,
               p.control_interest, p.control_ground, p.financial_interest, p.financial_ground, p.centre_municipality,
               r.kind,
               r.interest_begin, r.interest_end, r.contribution, r.loans, r.guarantees, r.dividend,
               r.equity_begin, r.equity_end, r.debt_begin, r.debt_end, r.result, r.source_document
        FROM party p LEFT JOIN ranked r ON r.party_id = p.id AND r.rn = 1
        WHERE p.archived_at IS NULL AND """
        + IN_YEAR
        + """
        ORDER BY p.name
        """,
        {"year": year},
    )
    return verbonden.with_status(frame)


def default_year(db: Database, today_year: int) -> int:
    """The year a controller most likely means: the newest year with figures that is not in the future."""
    known = years(db)
    past = [y for y in known if y <= today_year]
    return past[0] if past else (known[-1] if known else today_year)
