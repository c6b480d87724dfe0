"""The risk profile rules: scores to class and steering regime, assessments, and the geometry of the
belang x risico chart."""

from __future__ import annotations

import datetime as dt
import decimal
import json
from typing import Any

import pandas as pd

from governance import register
from governance.core import formatting, labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, NotFoundError, ValidationError
from governance.risks.rubric import CLASSES, SCORE_MAX, SCORE_MIN, get_rubric


# -- the rules ---------------------------------------------------------------------------------------------
def _round(value: decimal.Decimal) -> decimal.Decimal:
    return value.quantize(decimal.Decimal("0.01"), rounding=decimal.ROUND_HALF_UP)


def scores_of(rubric: dict[str, Any], scores: dict[str, int]) -> dict[str, decimal.Decimal]:
    """Weighted means (rounded to 2 decimals): belang, risico and total; scores are 1-5 per criterion."""

    def mean(criteria: list[dict[str, Any]]) -> decimal.Decimal:
        weights = sum(decimal.Decimal(str(c["weight"])) for c in criteria)
        total = sum(decimal.Decimal(str(c["weight"])) * scores[c["code"]] for c in criteria)
        return _round(total / weights)

    crit = rubric["criteria"]
    return {
        "belang": mean([c for c in crit if c["axis"] == "belang"]),
        "risico": mean([c for c in crit if c["axis"] == "risico"]),
        "total": mean(crit),
    }


def classify(rubric: dict[str, Any], total: decimal.Decimal | float) -> str:
    """laag below the midden threshold, hoog from the hoog threshold, midden in between (bounds included)."""
    t = rubric["thresholds"]
    value = decimal.Decimal(str(total))
    if value >= decimal.Decimal(str(t["hoog"])):
        return "hoog"
    if value >= decimal.Decimal(str(t["midden"])):
        return "midden"
    return "laag"


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return day.replace(year=day.year + year, month=month + 1, day=last)
        except ValueError:
            continue
    raise ValueError(day)


def new_party_until(party: dict[str, Any], rubric: dict[str, Any]) -> dt.date | None:
    """End of a party's first period at the highest level: founding date + new_party_months.
    A party still in oprichting is new with no end date yet (dt.date.max)."""
    if party.get("status") == "in_oprichting":
        founded = party.get("founded")
        return add_months(founded, rubric["new_party_months"]) if founded else dt.date.max
    founded = party.get("founded")
    if founded is None or not rubric["new_party_months"]:
        return None
    return add_months(founded, rubric["new_party_months"])


def effective(
    party: dict[str, Any], latest: dict[str, Any] | None, rubric: dict[str, Any], today: dt.date
) -> dict[str, Any]:
    """The class that applies to a party today, why, and when it must be re-assessed.

    Returns profile_class (or None), source ('nieuwe partij', 'beoordeling', 'niet beoordeeld'),
    next_assessment and overdue."""
    until = new_party_until(party, rubric)
    if until is not None and today < until:
        return {
            "profile_class": "hoog",
            "source": "nieuwe partij",
            "next_assessment": None if until == dt.date.max else until,
            "overdue": False,
            "note": "Nieuwe partij: het eerste jaar het hoogste niveau"
            + ("" if until == dt.date.max else f" (tot {formatting.date(until)})"),
        }
    if latest is None:
        return {
            "profile_class": None,
            "source": "niet beoordeeld",
            "next_assessment": None,
            "overdue": True,
            "note": "Nog niet beoordeeld",
        }
    due = latest["next_assessment"]
    overdue = due < today
    return {
        "profile_class": latest["profile_class"],
        "source": "beoordeling",
        "next_assessment": due,
        "overdue": overdue,
        "note": f"Herbeoordeling achterstallig sinds {formatting.date(due)}" if overdue else "",
    }


# -- assessments -----------------------------------------------------------------------------------------
def validate_assessment(
    rubric: dict[str, Any], scores: dict[str, Any], assessed_on: Any, today: dt.date, row: int | None = None
) -> tuple[dict[str, int], dt.date]:
    errors: list[FieldError] = []
    clean: dict[str, int] = {}
    for c in rubric["criteria"]:
        raw = scores.get(c["code"])
        value, error = v.number(integer=True)(raw)
        if v.blank(raw):
            errors.append(FieldError(c["code"], c["label"], "is verplicht (score 1 tot en met 5)", row))
        elif error or not SCORE_MIN <= value <= SCORE_MAX:
            errors.append(
                FieldError(c["code"], c["label"], f"'{raw}' past niet: kies een geheel getal van 1 tot en met 5", row)
            )
        else:
            clean[c["code"]] = int(value)
    day, error = v.date()(assessed_on)
    label = labels.field("profile_assessment", "assessed_on")
    if v.blank(assessed_on):
        errors.append(FieldError("assessed_on", label, "is verplicht", row))
    elif error:
        errors.append(FieldError("assessed_on", label, error, row))
    elif day > today:
        errors.append(FieldError("assessed_on", label, "ligt in de toekomst", row))
    if errors:
        raise ValidationError(errors, labels.entity("profile_assessment"))
    return clean, day


def insert_assessment(
    tx: Tx,
    party_id: int,
    scores: dict[str, Any],
    assessed_on: Any,
    rubric: dict[str, Any],
    today: dt.date,
    notes: str | None = None,
    assessor: str | None = None,
    row: int | None = None,
) -> int:
    clean, day = validate_assessment(rubric, scores, assessed_on, today, row)
    result = scores_of(rubric, clean)
    cls = classify(rubric, result["total"])
    return int(
        tx.insert(
            "profile_assessment",
            {
                "party_id": party_id,
                "assessed_on": day,
                "scores": json.dumps(clean),
                "rubric": json.dumps(rubric),
                "belang_score": result["belang"],
                "risk_score": result["risico"],
                "total_score": result["total"],
                "profile_class": cls,
                "next_assessment": add_years(day, rubric["regimes"][cls]["reassess_years"]),
                "assessor": (assessor or "").strip()[:100] or None,
                "notes": (notes or "").strip()[:2000] or None,
            },
        )
    )


def assess(
    db: Database,
    party_id: int,
    scores: dict[str, Any],
    assessed_on: Any,
    actor: Actor,
    notes: str | None = None,
    assessor: str | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Record an assessment of a party with the current rubric; audited. Returns the stored row."""
    rubric = get_rubric(db)
    day = today or dt.date.today()

    def run(tx: Tx) -> dict[str, Any]:
        if tx.get("party", party_id) is None:
            raise NotFoundError(f"Verbonden partij {party_id} bestaat niet.")
        new_id = insert_assessment(tx, party_id, scores, assessed_on, rubric, day, notes, assessor)
        return tx.get("profile_assessment", new_id) or {}

    return db.write(run, actor, "risks")


SCORE_OPTIONS = tuple(range(SCORE_MIN, SCORE_MAX + 1))
DEFAULT_SCORE = (SCORE_MIN + SCORE_MAX) // 2  # a criterion never scored starts in the middle, not at an extreme


def form_scores(rubric: dict[str, Any], previous: dict[str, int]) -> dict[str, int]:
    """The score each criterion of `rubric` starts from in a new assessment: the previous assessment's, else
    DEFAULT_SCORE (also for a criterion added to the rubric since)."""
    return {c["code"]: int(previous.get(c["code"], DEFAULT_SCORE)) for c in rubric["criteria"]}


def class_counts(table: pd.DataFrame) -> dict[str, int]:
    """Parties per class of profile_table(), highest first, and 'geen' for those not assessed."""
    found = table["profile_class"].fillna("geen").value_counts()
    return {cls: int(found.get(cls, 0)) for cls in (*reversed(CLASSES), "geen")}


def overdue_count(table: pd.DataFrame) -> int:
    """Parties with a class whose re-assessment date has passed."""
    return int((table["overdue"] & table["profile_class"].notna()).sum())


def assessments_display(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Beoordeeld op": frame["assessed_on"].map(formatting.date),
            "Risicoprofiel": frame["profile_class"].map(labels.PROFILE_CLASSES),
            "Belang": frame["belang_score"].map(lambda s: formatting.number(s, 2)),
            "Risico": frame["risk_score"].map(lambda s: formatting.number(s, 2)),
            "Totaal": frame["total_score"].map(lambda s: formatting.number(s, 2)),
            "Herbeoordeling": frame["next_assessment"].map(formatting.date),
            "Door": frame["assessor"].fillna("—"),
            "Toelichting": frame["notes"].fillna(""),
        }
    )


def assessments(db: Database, party_id: int) -> pd.DataFrame:
    return db.query(
        "SELECT * FROM profile_assessment WHERE party_id = ? ORDER BY assessed_on DESC, id DESC", [party_id]
    )


def last_scores(db: Database, party_id: int) -> dict[str, int]:
    """The criterion scores of a party's latest assessment ({} when there is none): the form starts there."""
    found = db.rows(
        "SELECT scores FROM profile_assessment WHERE party_id = ? ORDER BY assessed_on DESC, id DESC LIMIT 1",
        [party_id],
    )
    return json.loads(found[0]["scores"]) if found else {}


def _latest(db: Database) -> dict[int, dict[str, Any]]:
    rows = db.rows(
        """
        SELECT * FROM profile_assessment
        QUALIFY row_number() OVER (PARTITION BY party_id ORDER BY assessed_on DESC, id DESC) = 1
        """
    )
    return {int(r["party_id"]): r for r in rows}


def profile_table(db: Database, year: int, today: dt.date | None = None) -> pd.DataFrame:
    """Per non-archived party: the class that applies today and why, the regime, the scores of the latest
    assessment (belang, risico, per criterion) and the financieel belang at the end of `year`."""
    day = today or dt.date.today()
    rubric = get_rubric(db)
    latest = _latest(db)
    parties = db.rows("SELECT id, code, name, status, founded FROM party WHERE archived_at IS NULL ORDER BY name")
    figures = register.figures_for_year(db, year).set_index("party_id")
    records = []
    for p in parties:
        last = latest.get(int(p["id"]))
        eff = effective(p, last, rubric, day)
        cls = eff["profile_class"]
        regime = rubric["regimes"][cls] if cls else None
        fig = figures.loc[p["id"]] if p["id"] in figures.index else None
        interest = None if fig is None or pd.isna(fig["interest_end"]) else float(fig["interest_end"])
        exposure = None
        if fig is not None:
            parts = [fig[c] for c in ("interest_end", "loans", "guarantees") if not pd.isna(fig[c])]
            exposure = float(sum(parts)) if parts else None
        records.append(
            {
                "party_id": p["id"],
                "code": p["code"],
                "name": p["name"],
                "profile_class": cls,
                "source": eff["source"],
                "note": eff["note"],
                "assessed_class": last["profile_class"] if last else None,
                "assessed_on": last["assessed_on"] if last else None,
                "next_assessment": eff["next_assessment"],
                "overdue": eff["overdue"],
                "belang_score": float(last["belang_score"]) if last else None,
                "risk_score": float(last["risk_score"]) if last else None,
                "total_score": float(last["total_score"]) if last else None,
                "scores": json.loads(last["scores"]) if last else {},
                "criteria": json.loads(last["rubric"])["criteria"] if last else [],
                "regime": regime["label"] if regime else None,
                "reporting": regime["reporting"] if regime else None,
                "analyses_per_year": regime["analyses_per_year"] if regime else None,
                "interest": interest,
                "exposure": exposure,
            }
        )
    return pd.DataFrame(records)


def analyses_text(n: int | None) -> str:
    if n is None:
        return "—"
    if n == 0:
        return "geen extra"
    return f"{n}× per jaar"


def profile_display(table: pd.DataFrame) -> pd.DataFrame:
    """The profile table as people read it: class in words with its source, regime, dates."""

    def cls_text(row: dict[str, Any]) -> str:
        if not isinstance(row["profile_class"], str):
            return "niet beoordeeld"
        text = labels.PROFILE_CLASSES[row["profile_class"]]
        return text + (" (nieuwe partij)" if row["source"] == "nieuwe partij" else "")

    rows = table.to_dict("records")
    return pd.DataFrame(
        {
            "Partij": table["name"],
            "Risicoprofiel": [cls_text(r) for r in rows],
            "Regime": table["regime"].fillna("—"),
            "Rapportage": table["reporting"].fillna("—"),
            "Risicoanalyses": table["analyses_per_year"].map(lambda n: analyses_text(None if pd.isna(n) else int(n))),
            "Score": table["total_score"].map(lambda s: formatting.number(s, 2)),
            "Beoordeeld": table["assessed_on"].map(formatting.date),
            "Herbeoordeling": table["next_assessment"].map(formatting.date),
            "Let op": table["note"],
        }
    )


def regime_summary(rubric: dict[str, Any]) -> list[tuple[str, str]]:
    """(class label, 'Intensief regime: ... ; 2 risicoanalyses per jaar; herbeoordeling elke 4 jaar') per class,
    highest first."""
    out = []
    for cls in reversed(CLASSES):
        r = rubric["regimes"][cls]
        analyses = r["analyses_per_year"]
        analysis_text = (
            "alleen begroting en jaarrekening analyseren"
            if analyses == 0
            else f"{analyses}× per jaar een risicoanalyse"
        )
        out.append(
            (
                labels.PROFILE_CLASSES[cls],
                f"{r['label']}: {r['reporting'].lower()}; {analysis_text}; "
                f"herbeoordeling elke {r['reassess_years']} jaar",
            )
        )
    return out


# -- geometry of the belang × risico chart -------------------------------------------------------------------
def _clip(poly: list[tuple[float, float]], a: float, b: float, c: float, keep_above: bool) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: keep the part of `poly` with a*x + b*y >= c (or < c)."""

    def inside(p: tuple[float, float]) -> bool:
        value = a * p[0] + b * p[1]
        return value >= c - 1e-12 if keep_above else value <= c + 1e-12

    out: list[tuple[float, float]] = []
    for i, cur in enumerate(poly):
        prev = poly[i - 1]
        if inside(cur):
            if not inside(prev):
                out.append(_cross(prev, cur, a, b, c))
            out.append(cur)
        elif inside(prev):
            out.append(_cross(prev, cur, a, b, c))
    return out


def _cross(p: tuple[float, float], q: tuple[float, float], a: float, b: float, c: float) -> tuple[float, float]:
    fp, fq = a * p[0] + b * p[1] - c, a * q[0] + b * q[1] - c
    t = fp / (fp - fq)
    return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))


def zones(rubric: dict[str, Any], low: float = 1.0, high: float = 5.0) -> dict[str, list[tuple[float, float]]]:
    """Per class the polygon of (risico, belang) points in [low, high]² whose total score gives that class.
    total = (Wr * risico + Wb * belang) / (Wr + Wb), with Wr, Wb the summed weights of each axis."""
    wr = sum(c["weight"] for c in rubric["criteria"] if c["axis"] == "risico")
    wb = sum(c["weight"] for c in rubric["criteria"] if c["axis"] == "belang")
    square = [(low, low), (high, low), (high, high), (low, high)]
    t = rubric["thresholds"]
    bounds = {"laag": (None, t["midden"]), "midden": (t["midden"], t["hoog"]), "hoog": (t["hoog"], None)}
    out = {}
    for cls, (floor, ceiling) in bounds.items():
        poly = square
        if floor is not None:
            poly = _clip(poly, wr, wb, floor * (wr + wb), keep_above=True)
        if ceiling is not None and poly:
            poly = _clip(poly, wr, wb, ceiling * (wr + wb), keep_above=False)
        out[cls] = poly
    return out
