"""Saved simulation runs for the begroting and jaarstukken (weerstand_run)."""

from __future__ import annotations

import json

import pandas as pd

from governance.core import formatting, labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database
from governance.core.errors import FieldError, ValidationError
from governance.core.formatting import euro_nowrap
from governance.weerstand import engine as simulation
from governance.weerstand.display import ratio_text
from governance.weerstand.outcome import Outcome
from governance.weerstand.settings import PURPOSES, SCOPES

# -- saved runs -----------------------------------------------------------------------------------------------
RUN_YEARS = (1900, 2100)  # the begroting or jaarstukken year a run may be recorded for
RUN_SCHEMA: dict[str, v.Check] = {
    "purpose": v.choice(PURPOSES),
    "year": v.number(low=RUN_YEARS[0], high=RUN_YEARS[1], integer=True),
    "notes": v.text(max_len=1000),
}


def save_run(db: Database, outcome: Outcome, purpose: str, year: int, notes: str | None, actor: Actor) -> int:
    """Record a simulation for the begroting or the jaarstukken (audited). What-ifs are never recorded."""
    if outcome.what_if.active:
        raise ValidationError(
            [FieldError("what_if", "Wat-als", "een wat-als-berekening wordt niet vastgelegd; zet de wat-als uit")],
            labels.entity("weerstand_run"),
        )
    if not outcome.judged:
        raise ValidationError(
            [
                FieldError(
                    "ratio_class",
                    "Klasse",
                    "geen oordeel: er is geen benodigde capaciteit (geen financieel risico met kans en bedrag), dus "
                    "niets om vast te leggen",
                )
            ],
            labels.entity("weerstand_run"),
        )
    clean, errors = v.apply("weerstand_run", RUN_SCHEMA, {"purpose": purpose, "year": year, "notes": notes})
    if errors:
        raise ValidationError(errors, labels.entity("weerstand_run"))
    summary = outcome.summary()
    row = {
        "purpose": clean["purpose"],
        "year": clean["year"],
        "scope": outcome.scope,
        "iterations": outcome.iterations,
        "seed": outcome.seed,
        "distribution": outcome.distribution,
        "include_exposures": outcome.include_exposures,
        "risks": len(outcome.lines),
        "certainty_pct": outcome.certainty,
        "expected": round(outcome.expected, 2),
        "gross": round(outcome.gross, 2),
        "available": round(outcome.available, 2),
        "required": round(outcome.required, 2),
        "ratio": None if outcome.ratio is None else round(outcome.ratio, 4),
        "ratio_class": outcome.nar_class,
        "levels": json.dumps(summary["levels"]),
        "contributions": json.dumps(
            [
                {"party": r["party_name"], "contribution": round(float(r["contribution"]), 2)}
                for r in outcome.parties.to_dict("records")
            ],
            ensure_ascii=False,
        ),
        "notes": clean.get("notes"),
    }
    return int(db.write(lambda tx: tx.insert("weerstand_run", row), actor, "weerstand"))


def runs(db: Database) -> pd.DataFrame:
    return db.query("SELECT * FROM weerstand_run ORDER BY run_at DESC, id DESC")


def runs_table(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Vastgelegd": table["run_at"].map(lambda t: t.strftime("%d-%m-%Y %H:%M")),
            "Voor": [f"{PURPOSES.get(p, p)} {y}" for p, y in zip(table["purpose"], table["year"], strict=True)],
            "Risico's": [f"{n} ({SCOPES[s].lower()})" for n, s in zip(table["risks"], table["scope"], strict=True)],
            "Zekerheid": table["certainty_pct"].map(lambda x: formatting.percent(x, 0)),
            "Beschikbaar": table["available"].map(euro_nowrap),
            "Benodigd": table["required"].map(euro_nowrap),
            "Ratio": table["ratio"].map(lambda x: ratio_text(None if pd.isna(x) else float(x))),
            "Klasse": [
                f"{c} – {dict((k, lab) for k, _, lab in simulation.NAR_CLASSES)[c]}" for c in table["ratio_class"]
            ],
            "Iteraties / seed": [
                f"{formatting.number(n)} / {s}" for n, s in zip(table["iterations"], table["seed"], strict=True)
            ],
        }
    )
