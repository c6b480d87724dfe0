"""Display helpers of the weerstandsvermogen (pure): report lines, tables, and the choices and texts of the page,
so the page shows what these decide and the command line prints the same wording."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from governance.core import formatting
from governance.core.formatting import euro_nowrap
from governance.weerstand import engine as simulation
from governance.weerstand.outcome import Outcome
from governance.weerstand.settings import CAPACITY_PARTS, DISTRIBUTIONS, SCOPES

WHAT_IF_FACTORS: tuple[float, ...] = tuple(round(0.1 * n, 1) for n in range(31))  # 0.0x .. 3.0x in steps of 0.1
RARE = 0.0001  # below this a probability of exceeding the capacity shows as "minder dan 0,01 %"


# -- display helpers (pure) -----------------------------------------------------------------------------------
def ratio_text(value: float | None) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else formatting.number(value, 2)


def level_text(level: float) -> str:
    """A certainty level as shown everywhere: "90 %", "97,5 %" (a decimal only when it has one)."""
    return formatting.percent(level, 0 if float(level).is_integer() else 1)


def certainty_choices(council: float) -> list[float]:
    """The certainty levels a user can pick: the table's levels and the council's norm (which may lie between)."""
    return sorted({*(float(x) for x in simulation.LEVELS), float(council)})


def certainty_label(level: float, norm: dict[str, Any]) -> str:
    """A certainty level as offered: the configured one says what it is ("90 % – raadsnorm" only with a recorded
    raadsbesluit, else "90 % – standaard (geen raadsbesluit vastgelegd)"); see settings.norm_of."""
    return level_text(level) + (f" – {norm['tag']}" if float(level) == float(norm["pct"]) else "")


def class_text(letter: str, label: str) -> str:
    """A NAR class as shown ("A – uitstekend"), or "geen oordeel" when there is no ratio to judge."""
    return label if (letter, label) == simulation.NO_CLASS else f"{letter} – {label}"


def class_headline(outcome: Outcome) -> str:
    """The class badge: "Klasse C – voldoende", or why there is none."""
    if outcome.judged:
        return f"Klasse {class_text(outcome.nar_class, outcome.nar_label)}"
    return "Geen oordeel: er is geen benodigde capaciteit (geen financieel risico met kans en bedrag)"


def distribution_name(distribution: str) -> str:
    """The distribution's short name ("PERT", "Driehoek") for running text."""
    return DISTRIBUTIONS[distribution].split(" ")[0]


def exceed_text(probability: float) -> str:
    """P(risks cost more than the capacity in one year), 0..1, as text; tiny values are not shown as 0,00 %."""
    return "minder dan 0,01 %" if probability < RARE else formatting.percent(100 * probability, 2)


def skipped_items(outcome: Outcome) -> list[str]:
    """Each risk left out of the simulation with the reason: "title (party): reason"."""
    return [f"{r['title']} ({r['party_name']}): {r['reason']}" for r in outcome.skipped.to_dict("records")]


def what_if_parties(outcome: Outcome) -> dict[str, str]:
    """Party code -> name of each party with a simulated risk, by code: the parties a what-if can scale."""
    names = dict(zip(outcome.lines["party_code"], outcome.lines["party_name"], strict=True))
    return {code: names[code] for code in sorted(c for c in names if isinstance(c, str))}


def ratio_change(changed: Outcome, base: Outcome) -> str | None:
    """How a what-if moves the ratio ("0,12", "-0,30"); None when either has no ratio (nothing required)."""
    if changed.ratio is None or base.ratio is None:
        return None
    return formatting.number(changed.ratio - base.ratio, 2)


def what_if_note(iterations: int, configured: int) -> str:
    """What a what-if computed, and why with fewer iterations than configured when it did."""
    return (
        f"Wat-als met {formatting.number(iterations)} iteraties en hetzelfde startgetal als de basis "
        + (
            "(minder iteraties dan ingesteld, zodat het direct rekent; de basis is met hetzelfde aantal herberekend)."
            if iterations < configured
            else "(dezelfde berekening als hierboven)."
        )
        + " Alleen de gewijzigde risico's krijgen andere uitkomsten; een wat-als wordt niet vastgelegd."
    )


def exceedance_text(outcome: Outcome) -> str:
    """The exceedance curve's figures in words (its text alternative): per certainty level the amount the risks
    together exceed in that share of the simulated years."""
    parts = [
        f"meer dan {formatting.euro(float(r['required']))} in {formatting.percent(100 - float(r['certainty_pct']))} "
        "van de jaren"
        for r in outcome.levels.to_dict("records")
    ]
    return "Cijfers: de risico's kosten samen " + "; ".join(parts) + "." if parts else ""


def distribution_text(histogram: pd.DataFrame, iterations: int, most: int = 8) -> str:
    """The histogram's figures in words: the amount bands holding the most simulated years, with their share."""
    if histogram.empty or iterations <= 0:
        return ""
    top = histogram[histogram["count"] > 0].nlargest(most, "count").sort_values("low")
    parts = [
        f"{formatting.euro(float(r['low']))} – {formatting.euro(float(r['high']))}: "
        f"{formatting.percent(100 * float(r['count']) / iterations)}"
        for r in top.to_dict("records")
    ]
    return f"Cijfers (de {len(parts)} banden met de meeste jaren): " + "; ".join(parts) + "."


def level_table(outcome: Outcome) -> pd.DataFrame:
    """The certainty table as a paragraaf weerstandsvermogen prints it."""
    rows = []
    for r in outcome.levels.to_dict("records"):
        ratio_value = None if pd.isna(r["ratio"]) else float(r["ratio"])
        rows.append(
            {
                "Zekerheid": _level_mark(outcome, r["certainty_pct"], r["chosen"]),
                "Benodigde capaciteit": euro_nowrap(r["required"]),
                "Ratio": ratio_text(ratio_value),
                "Klasse": class_text(r["class"], r["label"]),
            }
        )
    return pd.DataFrame(rows)


def _level_mark(outcome: Outcome, level: float, chosen: bool) -> str:
    """'90 % – raadsnorm', '90 % – standaard (geen raadsbesluit vastgelegd)', '95 % – gekozen' or '80 %'."""
    if float(level) == float(outcome.norm["pct"]):
        return f"{level_text(level)} – {outcome.norm['tag']}"
    return level_text(level) + (" – gekozen" if chosen else "")


def norm_line(outcome: Outcome) -> str:
    """What the configured certainty level is: a raadsnorm with its besluit, or a default no raad decided."""
    return f"Zekerheidsniveau {level_text(outcome.norm['pct'])}: {outcome.norm['text']}."


def report_lines(outcome: Outcome) -> list[str]:
    """The certainty table, the ratio and the class as plain text lines (the command line prints these)."""
    level = level_text(outcome.certainty)
    out = [
        f"Weerstandsvermogen — {SCOPES[outcome.scope].lower()}: {len(outcome.lines)} risico's gesimuleerd, "
        f"{formatting.number(outcome.iterations)} iteraties, startgetal {outcome.seed}, "
        f"verdeling {distribution_name(outcome.distribution)}"
        + (f", garanties en leningen {outcome.year} als faalrisico" if outcome.include_exposures else ""),
        "",
        f"{'Verwachte waarde':<34}{formatting.euro(outcome.expected):>14}",
        f"{'Bruto (alle risico’s op maximum)':<34}{formatting.euro(outcome.gross):>14}",
        f"{'Beschikbare capaciteit':<34}{formatting.euro(outcome.available):>14}",
        "",
        norm_line(outcome),
        "",
        f"{'Zekerheid':<52}{'Benodigd':>14}  {'Ratio':>6}  Klasse",
    ]
    for r in outcome.levels.to_dict("records"):
        ratio_value = None if pd.isna(r["ratio"]) else float(r["ratio"])
        out.append(
            f"{_level_mark(outcome, r['certainty_pct'], r['chosen']):<52}{formatting.euro(r['required']):>14}  "
            f"{ratio_text(ratio_value):>6}  {class_text(r['class'], r['label'])}"
        )
    out.append("")
    if outcome.judged:
        out.append(
            f"Ratio bij {level} zekerheid: {ratio_text(outcome.ratio)} — klasse {outcome.nar_class} "
            f"({outcome.nar_label})."
        )
    else:
        out.append(
            f"Ratio bij {level} zekerheid: — (geen oordeel): er is geen benodigde capaciteit, want er is geen "
            "financieel risico met een kans en een bedrag."
        )
    if len(outcome.skipped):
        out.append(f"Niet meegerekend ({len(outcome.skipped)}):")
        out += [f"- {item}" for item in skipped_items(outcome)]
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
