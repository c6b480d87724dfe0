"""Facts about the demo computed straight from the committed CSVs with pandas, independently of the app's
SQL, so page tests compare what the app shows against a second derivation of the same data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"


def csv(name: str) -> pd.DataFrame:
    """A demo file with empty cells as missing (pd.isna)."""
    return pd.read_csv(DEMO / f"{name}.csv", dtype=str, keep_default_na=False).replace("", pd.NA)


def parties(year: int | None = None) -> pd.DataFrame:
    """All demo parties, or those that existed in `year` (founded no later, ended no earlier)."""
    table = csv("parties")
    if year is None:
        return table
    founded = pd.to_datetime(table["founded"]).dt.year
    ended = pd.to_datetime(table["ended"]).dt.year
    return table[(founded.isna() | (founded <= year)) & (ended.isna() | (ended >= year))]


def figures(year: int) -> pd.DataFrame:
    """Per party the figures of `year`: the jaarrekening where it exists, else the begroting."""
    rows = csv("party_years")
    rows = rows[rows["year"].astype(int) == year].copy()
    rows["rank"] = (rows["kind"] != "jaarrekening").astype(int)
    return rows.sort_values("rank").drop_duplicates("party").set_index("party")


def amount_total(year: int, column: str) -> float:
    return float(pd.to_numeric(figures(year)[column]).fillna(0).sum())


def open_risks_per_category() -> dict[str, int]:
    risks = csv("risks")
    risks = risks[risks["status"] != "vervallen"]
    return risks["category"].value_counts().to_dict()


BBV_FIGURES = ["interest_begin", "interest_end", "equity_begin", "equity_end", "debt_begin", "debt_end", "result"]


def incomplete_parties(year: int) -> set[str]:
    """Codes of parties missing any art. 15 item in `year` (same rule as governance.bbv, written again)."""
    p = parties(year).set_index("code")
    fig = figures(year)
    risks = csv("risks")
    with_risks = set(risks[(risks["status"] != "vervallen") & risks["party"].notna()]["party"])
    out = set()
    for code, row in p.iterrows():
        gaps = pd.isna(row["interest_held"]) or pd.isna(row["public_interest"])
        gaps |= code not in fig.index or any(pd.isna(fig.loc[code][c]) for c in BBV_FIGURES)
        gaps |= code not in with_risks and str(row["no_material_risks"]).lower() != "true"
        if gaps:
            out.add(code)
    return out
