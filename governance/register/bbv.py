"""BBV art. 15 lid 2: the minimum information per verbonden partij, and which of it is missing.

The rule is pure (`missing_items`): a party's fields, its figures for the year and its material risks in, the list
of missing items out. The CLI, the register column and the detail checklist all use it.

The risk item (lid 2e) asks for the risks "waarvoor geen beheersmaatregelen zijn getroffen en die van materieel
belang zijn voor de financiële positie" (domain.md §1). It is complete for a year when the party has at least one
such risk assessed, or when a dated "geen materiële risico's" is recorded for that party and that year (table
risk_statement). A risk counts when it is financieel (so it reaches the weerstand simulation), open (not beheerst,
geaccepteerd or vervallen), assessed (a kans and a bedrag) and material: its highest amount is at least the
threshold of the setting 'bbv.material_risk'. The BBV sets no threshold, so the default (standaard) counts every
amount above € 0; a gemeente sets its own. The register holds each risk's current assessment (no history per year),
so the same risks count for every year shown."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd

from governance.core import formatting, labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx, shared_read
from governance.core.errors import DomainError, FieldError, NotFoundError, ValidationError
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
    "risks": (
        "Materiële financiële risico's zonder beheersmaatregelen (of vastgesteld dat die er niet zijn)",
        "art. 15 lid 2e",
    ),
}
PARTY_ITEMS = ("interest_held", "public_interest")
FIGURE_ITEMS = tuple(k for k in ITEMS if k not in PARTY_ITEMS and k != "risks")
# A regeling without legal personality (a centrumregeling, a regeling zonder meer, a gemeenschappelijk orgaan:
# Wgr art. 8 lid 2) keeps no balance sheet of its own: its costs run through the centrumgemeente's, the host's or
# the deelnemers' books, so EV/VV (lid 2c) is not asked. Which forms is a setting: the BBV does not list them,
# and a gemeenschappelijk orgaan whose regeling does keep its own balance can be asked again.
BALANCE_KEY = "bbv.no_balance_sheet"
NO_BALANCE_SHEET_FORMS = ("centrumregeling", "regeling_zonder_meer", "gemeenschappelijk_orgaan")
BALANCE_ITEMS = ("equity_begin", "equity_end", "debt_begin", "debt_end")
WITHOUT_LEGAL_PERSONALITY = ("centrumregeling", "regeling_zonder_meer", "gemeenschappelijk_orgaan")


MATERIAL_KEY = "bbv.material_risk"
DEFAULT_MATERIAL: dict[str, Any] = {"min_amount": 0}


def missing_items(
    party: dict[str, Any],
    figures: dict[str, Any] | None,
    material_risks: int,
    no_material_stated: bool = False,
    no_balance_forms: tuple[str, ...] | list[str] = NO_BALANCE_SHEET_FORMS,
) -> list[str]:
    """Codes of the art. 15 items missing for one party in one year; empty when complete. `material_risks`: the
    party's material financial risks without measures assessed for the year (`material_risk_filter`);
    `no_material_stated`: a dated "geen materiële risico's" is recorded for the party and the year. The party's
    old undated flag no_material_risks does not count. `no_balance_forms`: the legal forms asked no EV/VV
    (`balance_setting`)."""
    missing = [k for k in PARTY_ITEMS if v.blank(party.get(k))]
    asked = [k for k in FIGURE_ITEMS if k not in BALANCE_ITEMS or party.get("legal_form") not in no_balance_forms]
    missing += [k for k in asked if figures is None or v.blank(figures.get(k))]
    if material_risks == 0 and not no_material_stated:
        missing.append("risks")
    return missing


def material_setting(db: Database | Tx) -> dict[str, Any]:
    """min_amount, whether it is the default (standaard), the rule in words, and the setting row as stored
    (`original`, what a save compares against; None while the default applies)."""
    found = db.rows("SELECT key, value, version FROM setting WHERE key = ?", [MATERIAL_KEY])
    stored = json.loads(found[0]["value"]) if found else None
    rule = {**DEFAULT_MATERIAL, **(stored or {})}
    amount = float(rule["min_amount"] or 0)
    text = (
        "elk open financieel risico met een kans en een bedrag boven € 0"
        if amount <= 0
        else f"een open financieel risico met een kans en een bedrag van ten minste {formatting.euro(amount)}"
    )
    return {
        "min_amount": amount,
        "default": stored is None,
        "text": text + (" (standaard)" if stored is None else ""),
        "original": found[0] if found else None,
    }


def balance_setting(db: Database | Tx) -> dict[str, Any]:
    """The legal forms not asked for a balance sheet (EV/VV, art. 15 lid 2c), whether that is the standaard,
    the rule in words and the setting row as stored (`original`; None while the default applies)."""
    found = db.rows("SELECT key, value, version FROM setting WHERE key = ?", [BALANCE_KEY])
    forms = tuple(json.loads(found[0]["value"])) if found else NO_BALANCE_SHEET_FORMS
    names = ", ".join(labels.LEGAL_FORMS[f].lower() for f in forms) or "geen"
    text = f"geen eigen balans gevraagd van: {names}" + ("" if found else " (standaard)")
    return {"forms": forms, "default": not found, "text": text, "original": found[0] if found else None}


def save_balance_setting(db: Database, forms: list[str], actor: Actor, original: dict[str, Any] | None) -> None:
    """Set which legal forms keep no balance sheet of their own; audited. Only regelingen without legal
    personality can be chosen: an NV, BV, stichting or openbaar lichaam always has one."""
    allowed = WITHOUT_LEGAL_PERSONALITY
    wrong = [f for f in forms if f not in allowed]
    if wrong:
        names = ", ".join(labels.LEGAL_FORMS[f].lower() for f in allowed)
        message = f"kan alleen {names} bevatten"
        raise ValidationError(
            [FieldError("forms", "Rechtsvormen zonder eigen balans", message)], labels.setting(BALANCE_KEY)
        )
    chosen = [f for f in allowed if f in forms]
    db.write(lambda tx: tx.put_setting(BALANCE_KEY, chosen, original), actor, "settings")


# A risk that fills the art. 15 risk item of its party: see the module docstring.
MATERIAL_RISK = """
    r.category = 'financieel' AND r.status = 'open'
    AND (r.probability_pct IS NOT NULL OR r.net_likelihood IS NOT NULL)
    AND greatest(coalesce(r.amount_max, 0), coalesce(r.amount_likely, 0), coalesce(r.amount_min, 0)) > 0
    AND greatest(coalesce(r.amount_max, 0), coalesce(r.amount_likely, 0), coalesce(r.amount_min, 0)) >= $min_amount
"""


def label_list(codes: list[str]) -> str:
    return ", ".join(ITEMS[c][0].lower() if i else ITEMS[c][0] for i, c in enumerate(codes))


@shared_read
def gaps(db: Database, year: int, party_id: int | None = None) -> pd.DataFrame:
    """Per non-archived verbonden partij (art. 1 BBV: status ja), or only `party_id`: where its figures for `year`
    come from and which items are missing. Parties that are no verbonden partij, or still to be assessed, are not
    checked."""
    parties = db.query(
        """
        SELECT p.id, p.code, p.name, p.bbv_category, p.legal_form, p.interest_held, p.public_interest,
               p.control_interest, p.financial_interest, p.centre_municipality,
               count(r.id) FILTER (WHERE """
        + MATERIAL_RISK
        + """) AS material_risks,
               any_value(s.stated_on) AS no_material_on
        FROM party p LEFT JOIN risk r ON r.party_id = p.id
        LEFT JOIN risk_statement s ON s.party_id = p.id AND s.year = $year
        WHERE p.archived_at IS NULL AND ($party_id IS NULL OR p.id = $party_id) AND """
        + finance.IN_YEAR
        + """
        GROUP BY ALL ORDER BY p.name
        """,
        {"year": year, "party_id": party_id, "min_amount": material_setting(db)["min_amount"]},
    )
    parties = verbonden.only_verbonden(parties)
    no_balance = balance_setting(db)["forms"]
    figures = {r["party_id"]: r for r in finance.figures_for_year(db, year).to_dict("records")}
    rows = []
    for party in parties.to_dict("records"):
        fig = figures.get(party["id"])
        if fig is not None and v.blank(fig.get("kind")):
            fig = None
        stated = not pd.isna(party["no_material_on"])
        missing = missing_items(party, fig, int(party["material_risks"]), stated, no_balance)
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


# -- "geen materiële risico's", dated, per party and year ----------------------------------------------------
STATEMENT_SCHEMA: dict[str, v.Check] = {
    "year": v.number(low=1900, high=2100, integer=True),
    "stated_on": v.date(),
    "note": v.text(max_len=1000),
}


def statements(db: Database, party_id: int) -> list[dict[str, Any]]:
    """The party's recorded "geen materiële risico's", newest year first."""
    return db.rows("SELECT * FROM risk_statement WHERE party_id = ? ORDER BY year DESC", [party_id])


def record_no_material_risks(
    db: Database, party_id: int, year: Any, stated_on: Any, note: str | None, actor: Actor
) -> int:
    """Record for one party and year that it has no material financial risks without measures, with the date
    it was established. Refused while a material risk of that party is on record for the year (the statement
    would contradict the register), when one is already recorded for the year, or without a date."""
    clean, errors = v.apply("risk_statement", STATEMENT_SCHEMA, {"year": year, "stated_on": stated_on, "note": note})
    for name in ("year", "stated_on"):
        if clean.get(name) is None and not any(e.field == name for e in errors):
            errors.append(FieldError(name, labels.field("risk_statement", name), "is verplicht"))
    if errors:
        raise ValidationError(errors, labels.entity("risk_statement"))
    year_ = int(clean["year"])

    def run(tx: Tx) -> int:
        if tx.get("party", party_id) is None:
            raise NotFoundError(f"Partij {party_id} bestaat niet (meer).")
        found = tx.rows(
            "SELECT r.title FROM risk r WHERE r.party_id = $party AND " + MATERIAL_RISK + " ORDER BY r.id",
            {"party": party_id, "min_amount": material_setting(tx)["min_amount"]},
        )
        if found:
            raise DomainError(
                f"Er staat een materieel financieel risico zonder beheersmaatregel in het register "
                f"('{found[0]['title']}'); 'geen materiële risico's' voor {year_} zou daarmee in strijd zijn."
            )
        return int(tx.insert("risk_statement", {**clean, "year": year_, "party_id": party_id}))

    return db.write(run, actor, "register")


def remove_no_material_risks(db: Database, statement_id: int, actor: Actor) -> None:
    db.write(lambda tx: tx.delete("risk_statement", statement_id), actor, "register")


def save_material_setting(db: Database, min_amount: Any, actor: Actor, original: dict[str, Any] | None) -> None:
    """Set the gemeente's own threshold for a material risk (euro, not negative); audited."""
    clean, message = v.amount(non_negative=True)(min_amount)
    if message or clean is None:
        raise ValidationError(
            [FieldError("min_amount", "Grens materieel risico (€)", message or "is verplicht")],
            labels.setting(MATERIAL_KEY),
        )
    db.write(lambda tx: tx.put_setting(MATERIAL_KEY, {"min_amount": float(clean)}, original), actor, "settings")


def statement_text(row: dict[str, Any]) -> str:
    """'Geen materiële risico's voor 2026, vastgesteld op 03-02-2026 (toelichting)'."""
    when = row["stated_on"] if isinstance(row["stated_on"], dt.date) else dt.date.fromisoformat(str(row["stated_on"]))
    note = f" — {row['note']}" if row.get("note") else ""
    return f"Geen materiële risico's voor {row['year']}, vastgesteld op {formatting.date(when)}{note}"
