"""Risk and profile facts of the demo computed straight from the CSVs with pandas, independently of the app:
the rules are written out again here (cell level, weighted profile score, first-year rule, movement)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from tests.demo_facts import csv

REGISTERED = dt.date(2025, 1, 15)  # data/demo/README.md: demo risks count as registered then
LIVE = ("open", "beheerst", "geaccepteerd")


def risks(statuses: tuple[str, ...] | None = LIVE) -> pd.DataFrame:
    table = csv("risks")
    for col in ("gross_likelihood", "gross_impact", "net_likelihood", "net_impact"):
        table[col] = table[col].astype(int)
    return table if statuses is None else table[table["status"].isin(statuses)]


def level(likelihood: int, impact: int) -> str:
    """The default 5×5 matrix, by score: ≤ 4 laag, 5-9 midden, 10-15 hoog, ≥ 16 zeer hoog."""
    score = likelihood * impact
    return "laag" if score <= 4 else "midden" if score <= 9 else "hoog" if score <= 15 else "zeer_hoog"


def cell_counts(kind: str, table: pd.DataFrame | None = None) -> list[list[int]]:
    """counts[impact - 1][likelihood - 1] of the live risks (or of `table`)."""
    table = risks() if table is None else table
    counts = [[0] * 5 for _ in range(5)]
    for li, im in zip(table[f"{kind}_likelihood"], table[f"{kind}_impact"], strict=True):
        counts[int(im) - 1][int(li) - 1] += 1
    return counts


def overdue(today: dt.date) -> pd.DataFrame:
    table = risks()
    due = pd.to_datetime(table["next_review"]).dt.date
    return table[table["next_review"].notna() & (due < today)]


def movement(start: dt.date, loaded_on: dt.date, kind: str) -> dict[str, str]:
    """Title -> change for the period from `start` to the day the demo was loaded (when the history rows were
    brought to the present values): 'nieuw' when registered after `start`, 'vervallen', or the direction of
    the level ('hoger', 'lager', 'andere cel')."""
    rank = {"laag": 0, "midden": 1, "hoog": 2, "zeer_hoog": 3}
    now = risks(None).set_index(["party", "title"], drop=False)
    history = csv("risk_history").set_index(["party", "title"])
    out = {}
    for key, row in now.iterrows():
        if key in history.index:
            first = history.loc[key]
            registered = dt.date.fromisoformat(first["registered_on"])
            old = (int(first[f"{kind}_likelihood"]), int(first[f"{kind}_impact"]), first["status"])
        else:
            registered = REGISTERED
            old = (row[f"{kind}_likelihood"], row[f"{kind}_impact"], row["status"])
        new = (row[f"{kind}_likelihood"], row[f"{kind}_impact"], row["status"])
        if registered > start:
            out[row["title"]] = "nieuw"
        elif start >= loaded_on or old == new:
            continue
        elif new[2] == "vervallen" and old[2] != "vervallen":
            out[row["title"]] = "vervallen"
        elif old[:2] != new[:2]:
            a, b = rank[level(*old[:2])], rank[level(*new[:2])]
            out[row["title"]] = "hoger" if b > a else "lager" if b < a else "andere cel"
    return out


WEIGHTS = {  # the default rubric: (axis, weight)
    "bestuurlijk_belang": ("belang", 2),
    "maatschappelijk_belang": ("belang", 2),
    "financiele_exposure": ("risico", 3),
    "politieke_gevoeligheid": ("risico", 2),
    "complexiteit": ("risico", 1),
    "prestaties": ("risico", 1),
}


def profiles(today: dt.date) -> pd.DataFrame:
    """Per party code: the latest assessment's total (weighted mean of all criteria), the class it gives
    (laag < 2.5 ≤ midden < 3.5 ≤ hoog), and the class that applies today (hoog in a party's first year)."""
    rows = csv("profile_assessments")
    rows["assessed_on"] = pd.to_datetime(rows["assessed_on"]).dt.date
    latest = rows.sort_values("assessed_on").groupby("party").tail(1).set_index("party")
    parties = csv("parties").set_index("code")
    out = []
    for code, party in parties.iterrows():
        founded = None if pd.isna(party["founded"]) else dt.date.fromisoformat(party["founded"])
        first_year = party["status"] == "in_oprichting" or (
            founded is not None and today < founded.replace(year=founded.year + 1)
        )
        total = assessed = None
        if code in latest.index:
            r = latest.loc[code]
            total = sum(w * int(r[c]) for c, (_, w) in WEIGHTS.items()) / sum(w for _, w in WEIGHTS.values())
            total = round(total + 1e-9, 2)
            assessed = "hoog" if total >= 3.5 else "midden" if total >= 2.5 else "laag"
        due = None if code not in latest.index else latest.loc[code]["assessed_on"]
        out.append(
            {
                "code": code,
                "name": party["name"],
                "total": total,
                "assessed_class": assessed,
                "profile_class": "hoog" if first_year else assessed,
                "overdue": not first_year and due is not None and due.replace(year=due.year + 4) < today,
            }
        )
    return pd.DataFrame(out).set_index("code")
