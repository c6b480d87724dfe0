"""Facts about the demo's weerstandsvermogen, computed straight from the committed CSVs with pandas (the rules of
governance.weerstand written again), so tests compare what the app shows against a second derivation."""

from __future__ import annotations

import pandas as pd

from tests.demo_facts import csv

LIKELIHOOD = {1: 10.0, 2: 30.0, 3: 50.0, 4: 70.0, 5: 90.0}


def capacity_total() -> float:
    return float(pd.to_numeric(csv("weerstandscapaciteit")["amount"]).sum())


def capacity_parts() -> dict[str, float]:
    rows = csv("weerstandscapaciteit")
    return dict(zip(rows["part"], pd.to_numeric(rows["amount"]).astype(float), strict=True))


def financial_risks(scope: str = "alle") -> pd.DataFrame:
    """The demo risks the simulation takes: financieel, not vervallen, with a probability and an amount;
    scope 'partijen' drops the gemeente's own (empty party). The demo has no archived parties."""
    risks = csv("risks")
    risks = risks[(risks["category"] == "financieel") & (risks["status"] != "vervallen")]
    if scope == "partijen":
        risks = risks[risks["party"].notna()]
    has_probability = risks["probability_pct"].notna() | risks["net_likelihood"].notna()
    has_amount = risks[["amount_min", "amount_likely", "amount_max"]].notna().any(axis=1)
    return risks[has_probability & has_amount]


def gross(scope: str = "alle") -> float:
    """Sum of the maxima: amount_max, else the most likely amount (a fixed amount)."""
    risks = financial_risks(scope)
    top = pd.to_numeric(risks["amount_max"]).fillna(pd.to_numeric(risks["amount_likely"]))
    return float(top.sum())


def expected(scope: str = "alle") -> float:
    """Sum of p x mean amount: PERT (min + 4 likely + max) / 6 where all three are known, else the fixed amount."""
    total = 0.0
    for r in financial_risks(scope).to_dict("records"):
        p = float(r["probability_pct"]) if not pd.isna(r["probability_pct"]) else LIKELIHOOD[int(r["net_likelihood"])]
        lo, mid, hi = (None if pd.isna(r[c]) else float(r[c]) for c in ("amount_min", "amount_likely", "amount_max"))
        mean = (lo + 4 * mid + hi) / 6 if lo is not None and hi is not None else mid
        total += p / 100 * mean
    return total


def exposures(year: int) -> dict[str, float]:
    """Party code -> guarantees + loans in `year` (jaarrekening before begroting), where positive."""
    from tests.demo_facts import figures

    fig = figures(year)
    amounts = pd.to_numeric(fig["guarantees"]).fillna(0) + pd.to_numeric(fig["loans"]).fillna(0)
    return {code: float(x) for code, x in amounts.items() if x > 0}
