"""BBV art. 15 lid 2: the minimum information per verbonden partij, and which of it is missing.

The rule is pure (`missing_items`): a party's fields, its figures for the year and its risk count in,
the list of missing items out. The CLI, the register column and the detail checklist all use it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from governance.core import validation as v
from governance.core.db import Database
from governance.register import figures as finance
from governance.register import verbonden

# code -> (Dutch label, BBV reference). Order follows art. 15 lid 2.
ITEMS: dict[str, tuple[str, str]] = {
    "interest_held": ("Wijze waarop het belang wordt gehouden", "art. 15 lid 2a"),
    "public_interest": ("Openbaar belang", "art. 15 lid 2a"),
    "interest_begin": ("Financieel belang begin jaar", "art. 15 lid 2b"),
    "interest_end": ("Financieel belang einde jaar", "art. 15 lid 2b"),
    "equity_begin": ("Eigen vermogen begin jaar", "art. 15 lid 2c"),
    "equity_end": ("Eigen vermogen einde jaar", "art. 15 lid 2c"),
    "debt_begin": ("Vreemd vermogen begin jaar", "art. 15 lid 2c"),
    "debt_end": ("Vreemd vermogen einde jaar", "art. 15 lid 2c"),
    "result": ("Financieel resultaat", "art. 15 lid 2d"),
    "risks": ("Materiële risico's (of vastgesteld dat die er niet zijn)", "art. 15 lid 2e"),
}
PARTY_ITEMS = ("interest_held", "public_interest")
FIGURE_ITEMS = tuple(k for k in ITEMS if k not in PARTY_ITEMS and k != "risks")
# A regeling without legal personality or bodies of its own (a centrumregeling, a regeling zonder meer) keeps no
# balance sheet: its costs run through the centrumgemeente's or deelnemers' books, so EV/VV (lid 2c) is not asked.
NO_BALANCE_SHEET_FORMS = ("centrumregeling", "regeling_zonder_meer")
BALANCE_ITEMS = ("equity_begin", "equity_end", "debt_begin", "debt_end")


def missing_items(party: dict[str, Any], figures: dict[str, Any] | None, open_risks: int) -> list[str]:
    """Codes of the art. 15 items missing for one party in one year; empty when complete."""
    missing = [k for k in PARTY_ITEMS if v.blank(party.get(k))]
    asked = [k for k in FIGURE_ITEMS if k not in BALANCE_ITEMS or party.get("legal_form") not in NO_BALANCE_SHEET_FORMS]
    missing += [k for k in asked if figures is None or v.blank(figures.get(k))]
    if open_risks == 0 and not party.get("no_material_risks"):
        missing.append("risks")
    return missing


def label_list(codes: list[str]) -> str:
    return ", ".join(ITEMS[c][0].lower() if i else ITEMS[c][0] for i, c in enumerate(codes))


def gaps(db: Database, year: int, party_id: int | None = None) -> pd.DataFrame:
    """Per non-archived verbonden partij (art. 1 BBV: status ja), or only `party_id`: where its figures for `year`
    come from and which items are missing. Parties that are no verbonden partij, or still to be assessed, are not
    checked."""
    parties = db.query(
        """
        SELECT p.id, p.code, p.name, p.bbv_category, p.legal_form, p.interest_held, p.public_interest,
               p.no_material_risks, p.control_interest, p.financial_interest, p.centre_municipality,
               count(r.id) FILTER (WHERE r.status <> 'vervallen') AS open_risks
        FROM party p LEFT JOIN risk r ON r.party_id = p.id
        WHERE p.archived_at IS NULL AND ($party_id IS NULL OR p.id = $party_id) AND """
        + finance.IN_YEAR
        + """
        GROUP BY ALL ORDER BY p.name
        """,
        {"year": year, "party_id": party_id},
    )
    parties = verbonden.only_verbonden(parties)
    figures = {r["party_id"]: r for r in finance.figures_for_year(db, year).to_dict("records")}
    rows = []
    for party in parties.to_dict("records"):
        fig = figures.get(party["id"])
        if fig is not None and v.blank(fig.get("kind")):
            fig = None
        missing = missing_items(party, fig, int(party["open_risks"]))
        rows.append(
            {
                "party_id": party["id"],
                "code": party["code"],
                "name": party["name"],
                "bbv_category": party["bbv_category"],
                "source": fig["kind"] if fig else None,
                "missing": missing,
                "missing_text": label_list(missing),
                "complete": not missing,
            }
        )
    return pd.DataFrame(
        rows, columns=["party_id", "code", "name", "bbv_category", "source", "missing", "missing_text", "complete"]
    )


def checklist(db: Database, party_id: int, year: int) -> list[dict[str, Any]]:
    """The art. 15 checklist of one party: every item with its label, reference and whether it is present."""
    found = gaps(db, year, party_id)
    missing = set(found.iloc[0]["missing"]) if len(found) else set(ITEMS)
    return [
        {"item": code, "label": label, "reference": ref, "present": code not in missing}
        for code, (label, ref) in ITEMS.items()
    ]
