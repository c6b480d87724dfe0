"""The kengetallen as the Financiën page and the party page show them: Dutch column titles, percentages as
percentages (one decimal), amounts in whole euros, missing figures left missing (the page shows them as "nog
niet bekend"). Two views, so each fits a laptop screen without scrolling sideways."""

from __future__ import annotations

from typing import Any

import pandas as pd

MISSING = "nog niet bekend"

# column -> Dutch title; amounts in euro, ratios in percent.
TITLES: dict[str, str] = {
    "name": "Naam",
    "source": "Bron",
    "solvency": "Solvabiliteit %",
    "equity_end": "Eigen vermogen €",
    "equity_change": "Verschil EV €",
    "result": "Resultaat €",
    "negative_streak": "Jaren negatief",
    "contribution": "Bijdrage €",
    "contribution_change_pct": "Bijdrage +/- %",
    "exposure": "Leningen en garanties €",
    "exposure_per_inhabitant": "Per inwoner €",
    "exposure_share_pct": "Van begroting %",
    "reserve_ratio": "Reserve / norm %",
}
VIEWS: dict[str, tuple[str, ...]] = {
    "Vermogen en resultaat": ("solvency", "equity_end", "equity_change", "result", "negative_streak"),
    "Bijdrage, leningen en garanties": (
        "contribution",
        "contribution_change_pct",
        "exposure",
        "exposure_per_inhabitant",
        "exposure_share_pct",
        "reserve_ratio",
    ),
}
OPTIONAL = ("exposure_per_inhabitant", "exposure_share_pct", "reserve_ratio")  # only when someone has a figure
PERCENT = {"solvency", "reserve_ratio"}  # fractions shown as percentages
DECIMALS = {"solvency": 1, "contribution_change_pct": 1, "exposure_share_pct": 2, "reserve_ratio": 0}


def _number(value: Any, column: str) -> float | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    scaled = float(value) * (100.0 if column in PERCENT else 1.0)
    return round(scaled, DECIMALS.get(column, 0))


def display(table: pd.DataFrame, view: str, by_year: bool = False) -> pd.DataFrame:
    """The kengetallen (records.year_table or records.table rows) of one of VIEWS with Dutch titles; with
    `by_year` the year comes first instead of the name (one party over the years)."""
    columns = [c for c in VIEWS[view] if c not in OPTIONAL or (c in table and table[c].notna().any())]
    out = pd.DataFrame(index=table.index)
    if by_year:
        out["Jaar"] = [str(int(v)) for v in table["year"]]
    else:
        out["Naam"] = list(table["name"])
    out["Bron"] = [v if isinstance(v, str) else None for v in table["source"]]
    for column in columns:
        out[TITLES[column]] = pd.array([_number(v, column) for v in table[column]], dtype="Float64")
    return out.reset_index(drop=True)
