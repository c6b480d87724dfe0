"""Display helpers of the weerstandsvermogen (pure): report lines and tables."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from governance.core import formatting
from governance.core.formatting import euro_nowrap
from governance.weerstand.outcome import Outcome
from governance.weerstand.settings import CAPACITY_PARTS, DISTRIBUTIONS, SCOPES


# -- display helpers (pure) -----------------------------------------------------------------------------------
def ratio_text(value: float | None) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else formatting.number(value, 2)


def level_table(outcome: Outcome) -> pd.DataFrame:
    """The certainty table as a paragraaf weerstandsvermogen prints it."""
    rows = []
    for r in outcome.levels.to_dict("records"):
        ratio_value = None if pd.isna(r["ratio"]) else float(r["ratio"])
        rows.append(
            {
                "Zekerheid": formatting.percent(r["certainty_pct"], 0 if float(r["certainty_pct"]).is_integer() else 1)
                + (" (raadsnorm)" if r["chosen"] else ""),
                "Benodigde capaciteit": euro_nowrap(r["required"]),
                "Ratio": ratio_text(ratio_value),
                "Klasse": f"{r['class']} – {r['label']}",
            }
        )
    return pd.DataFrame(rows)


def report_lines(outcome: Outcome, council: float | None = None) -> list[str]:
    """The certainty table, the ratio and the class as plain text lines (the command line prints these)."""
    mark = "raadsnorm" if council is None or float(council) == outcome.certainty else "gekozen"
    level = formatting.percent(outcome.certainty, 0 if float(outcome.certainty).is_integer() else 1)
    out = [
        f"Weerstandsvermogen — {SCOPES[outcome.scope].lower()}: {len(outcome.lines)} risico's gesimuleerd, "
        f"{formatting.number(outcome.iterations)} iteraties, startgetal {outcome.seed}, "
        f"verdeling {DISTRIBUTIONS[outcome.distribution].split(' ')[0]}"
        + (f", garanties en leningen {outcome.year} als faalrisico" if outcome.include_exposures else ""),
        "",
        f"{'Verwachte waarde':<34}{formatting.euro(outcome.expected):>14}",
        f"{'Bruto (alle risico’s op maximum)':<34}{formatting.euro(outcome.gross):>14}",
        f"{'Beschikbare capaciteit':<34}{formatting.euro(outcome.available):>14}",
        "",
        f"{'Zekerheid':<18}{'Benodigd':>14}  {'Ratio':>6}  Klasse",
    ]
    for r in outcome.levels.to_dict("records"):
        shown = formatting.percent(r["certainty_pct"], 0 if float(r["certainty_pct"]).is_integer() else 1)
        ratio_value = None if pd.isna(r["ratio"]) else float(r["ratio"])
        out.append(
            f"{shown + (f' ({mark})' if r['chosen'] else ''):<18}{formatting.euro(r['required']):>14}  "
            f"{ratio_text(ratio_value):>6}  {r['class']} {r['label']}"
        )
    out += [
        "",
        f"Ratio bij {level} zekerheid: {ratio_text(outcome.ratio)} — klasse {outcome.nar_class} ({outcome.nar_label}).",
    ]
    if len(outcome.skipped):
        out.append(f"Niet meegerekend ({len(outcome.skipped)}):")
        out += [f"- {r['title']} ({r['party_name']}): {r['reason']}" for r in outcome.skipped.to_dict("records")]
    return out


def capacity_table(cap: dict[str, Any]) -> pd.DataFrame:
    rows = [
        {"Onderdeel": CAPACITY_PARTS[k], "Bedrag": euro_nowrap(val), "Toelichting": cap["notes"][k]}
        for k, val in cap["parts"].items()
    ]
    rows.append({"Onderdeel": "Totaal beschikbaar", "Bedrag": euro_nowrap(cap["total"]), "Toelichting": ""})
    return pd.DataFrame(rows)


def top_risks(outcome: Outcome, n: int = 10) -> pd.DataFrame:
    """The n risks that add most to the benodigde capaciteit, contribution first (a projector shows the left)."""
    top = outcome.lines.head(n)
    return pd.DataFrame(
        {
            "Risico": top["title"],
            "Partij": top["party_name"],
            "Bijdrage benodigd": top["contribution"].map(euro_nowrap),
            "Kans": top["probability_pct"].map(lambda x: formatting.percent(x, 0)),
            "Bedrag (min – max)": [
                euro_nowrap(lo) if lo == hi else f"{euro_nowrap(lo)} – {euro_nowrap(hi)}"
                for lo, hi in zip(top["low"], top["high"], strict=True)
            ],
            "Verwacht": top["expected"].map(euro_nowrap),
        }
    )


def party_table(outcome: Outcome) -> pd.DataFrame:
    p = outcome.parties
    return pd.DataFrame(
        {
            "Partij": p["party_name"],
            "Risico's": p["risks"],
            "Verwacht": p["expected"].map(euro_nowrap),
            "Bijdrage benodigd": p["contribution"].map(euro_nowrap),
            "Aandeel": p["share"].map(lambda x: formatting.percent(100 * x, 0)),
        }
    )
