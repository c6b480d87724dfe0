"""What goes into the simulation: the financial risks as lines, guarantees and loans as exposures, and
what-if changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from governance import register
from governance.core import formatting
from governance.core import validation as v
from governance.core.db import Database
from governance.core.formatting import euro_nowrap
from governance.weerstand import engine as simulation
from governance.weerstand.settings import OWN, SCOPES, likelihood_scale, simulation_settings


# -- what goes into the simulation --------------------------------------------------------------------------
@dataclass(frozen=True)
class WhatIf:
    """A 'what if' on top of the register: scale one party's risks, add one guarantee claim."""

    party_code: str | None = None
    factor: float = 1.0
    claim_amount: float = 0.0
    claim_probability_pct: float = 0.0

    @property
    def active(self) -> bool:
        return (self.party_code is not None and self.factor != 1.0) or (
            self.claim_amount > 0 and self.claim_probability_pct > 0
        )


def _amounts(row: dict[str, Any]) -> tuple[float, float, float] | str:
    """(low, mode, high) by the rules in the module docstring, or the reason the risk cannot be simulated."""
    lo, mid, hi = (None if v.blank(row[c]) else float(row[c]) for c in ("amount_min", "amount_likely", "amount_max"))
    if lo is None and mid is None and hi is None:
        return "geen bedrag (minimum, meest waarschijnlijk of maximum)"
    if lo is not None and hi is not None and lo > hi:
        return "minimum is groter dan maximum"
    if mid is None:
        mid = (lo + hi) / 2 if lo is not None and hi is not None else (lo if lo is not None else hi)
    lo = mid if lo is None else lo
    hi = mid if hi is None else hi
    if lo > mid:
        return "minimum is groter dan het meest waarschijnlijke bedrag"
    if mid > hi:
        return "meest waarschijnlijke bedrag is groter dan maximum"
    return lo, mid, hi


def risk_lines(db: Database, scope: str = "alle", distribution: str = "pert") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(lines, skipped): the financial risks in `scope` as simulation lines, and those left out with the reason.

    lines: key, risk_id, title, party_code, party_name, probability_pct, probability_from, low, mode, high, shape,
    source ('risico'). skipped: risk_id, title, party_name, reason."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    risks = db.query(
        """
        SELECT r.id, r.title, r.party_id, p.code AS party_code, p.name AS party_name, r.probability_pct,
               r.net_likelihood, r.amount_min, r.amount_likely, r.amount_max
        FROM risk r LEFT JOIN party p ON p.id = r.party_id
        WHERE r.category = 'financieel' AND r.status <> 'vervallen'
          AND (r.party_id IS NULL OR p.archived_at IS NULL)
        ORDER BY r.id
        """
    )
    if scope == "partijen":
        risks = risks[risks["party_id"].notna()]
    scale = likelihood_scale(db)
    lines, skipped = [], []
    for row in risks.to_dict("records"):
        party_name = row["party_name"] if isinstance(row["party_name"], str) else OWN
        if not v.blank(row["probability_pct"]):
            pct, source = float(row["probability_pct"]), "kans (%)"
        elif not v.blank(row["net_likelihood"]) and int(row["net_likelihood"]) in scale:
            pct, source = scale[int(row["net_likelihood"])], f"kansklasse {int(row['net_likelihood'])}"
        else:
            reason = "geen kans"
            if not v.blank(row["net_likelihood"]):
                reason = f"kansklasse {int(row['net_likelihood'])} heeft geen percentage in de risicomatrix"
            skipped.append({"risk_id": row["id"], "title": row["title"], "party_name": party_name, "reason": reason})
            continue
        amounts = _amounts(row)
        if isinstance(amounts, str):
            skipped.append({"risk_id": row["id"], "title": row["title"], "party_name": party_name, "reason": amounts})
            continue
        lo, mid, hi = amounts
        lines.append(
            {
                "key": f"risico-{row['id']}",
                "risk_id": int(row["id"]),
                "title": row["title"],
                "party_code": row["party_code"] if isinstance(row["party_code"], str) else None,
                "party_name": party_name,
                "probability_pct": pct,
                "probability_from": source,
                "low": lo,
                "mode": mid,
                "high": hi,
                "shape": simulation.FIXED if lo == hi else distribution,
                "source": "risico",
            }
        )
    return _frame(lines), pd.DataFrame(skipped, columns=["risk_id", "title", "party_name", "reason"])


LINE_COLUMNS = [
    "key",
    "risk_id",
    "title",
    "party_code",
    "party_name",
    "probability_pct",
    "probability_from",
    "low",
    "mode",
    "high",
    "shape",
    "source",
]


def _frame(lines: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(lines, columns=LINE_COLUMNS)


def exposure_lines(db: Database, year: int, settings: dict[str, Any]) -> pd.DataFrame:
    """Per party with guarantees or loans in `year`: one default risk losing both, at the party's probability."""
    figures = register.figures_for_year(db, year)
    codes = {r["id"]: r["code"] for r in db.rows("SELECT id, code FROM party")}
    per_party = settings.get("party_probability_pct") or {}
    lines = []
    for row in figures.to_dict("records"):
        guarantees = 0.0 if v.blank(row["guarantees"]) else float(row["guarantees"])
        loans = 0.0 if v.blank(row["loans"]) else float(row["loans"])
        if guarantees + loans <= 0:
            continue
        code = codes.get(row["party_id"])
        pct = float(per_party.get(code, settings["default_probability_pct"]))
        parts = [f"garanties {formatting.euro(guarantees)}"] * (guarantees > 0) + [
            f"leningen {formatting.euro(loans)}"
        ] * (loans > 0)
        lines.append(
            {
                "key": f"faalrisico-{code}",
                "risk_id": None,
                "title": f"Faalrisico {row['name']}: {' en '.join(parts)}",
                "party_code": code,
                "party_name": row["name"],
                "probability_pct": pct,
                "probability_from": "kans op falen" + (" (partij)" if code in per_party else " (standaard)"),
                "low": guarantees + loans,
                "mode": guarantees + loans,
                "high": guarantees + loans,
                "shape": simulation.FIXED,
                "source": "garantie/lening",
            }
        )
    return _frame(lines)


def exposure_parties(db: Database, year: int, settings: dict[str, Any] | None = None) -> pd.DataFrame:
    """Parties with guarantees or loans in `year` and the probability that each fails (its own, else the default)
    under `settings` (the settings form passes them as the user opened them; default: as stored now).
    Columns: code, Partij, Garanties en leningen, Kans op falen (%)."""
    lines = exposure_lines(db, year, settings if settings is not None else simulation_settings(db))
    return pd.DataFrame(
        {
            "code": lines["party_code"],
            "Partij": lines["party_name"],
            "Garanties en leningen": lines["low"].map(euro_nowrap),
            "Kans op falen (%)": lines["probability_pct"].astype(float),
        }
    )


def apply_what_if(lines: pd.DataFrame, what_if: WhatIf) -> pd.DataFrame:
    """The lines with one party's amounts scaled and a guarantee claim added at the end (so every other line
    keeps its random numbers: base and what-if differ only by the change)."""
    out = lines.copy()
    if what_if.party_code is not None and what_if.factor != 1.0:
        hit = out["party_code"] == what_if.party_code
        for column in ("low", "mode", "high"):
            out.loc[hit, column] = out.loc[hit, column].astype(float) * float(what_if.factor)
    if what_if.claim_amount > 0 and what_if.claim_probability_pct > 0:
        claim = {
            "key": "wat-als-garantieclaim",
            "risk_id": None,
            "title": "Wat-als: garantieclaim",
            "party_code": what_if.party_code,
            "party_name": out.loc[out["party_code"] == what_if.party_code, "party_name"].iloc[0]
            if what_if.party_code is not None and (out["party_code"] == what_if.party_code).any()
            else OWN,
            "probability_pct": float(what_if.claim_probability_pct),
            "probability_from": "wat-als",
            "low": float(what_if.claim_amount),
            "mode": float(what_if.claim_amount),
            "high": float(what_if.claim_amount),
            "shape": simulation.FIXED,
            "source": "wat-als",
        }
        out = pd.concat([out, _frame([claim])], ignore_index=True) if len(out) else _frame([claim])
    return out


def to_register(lines: pd.DataFrame) -> simulation.Register:
    return simulation.Register.build(
        lines["probability_pct"].astype(float).to_numpy() / 100,
        lines["low"].astype(float).to_numpy(),
        lines["mode"].astype(float).to_numpy(),
        lines["high"].astype(float).to_numpy(),
        lines["shape"].astype(str).to_numpy(),
    )
