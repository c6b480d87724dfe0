"""Weerstandsvermogen (BBV art. 11): beschikbare capaciteit from settings, benodigde capaciteit by simulating the
financial risks of the register (governance.simulation), the ratio and its NAR class, and the saved runs.

Which risks count
    Category 'financieel', status not 'vervallen', of the gemeente itself (no party) or of a non-archived party,
    with a probability and an amount. Scope 'partijen' keeps only the risks of verbonden partijen, 'alle' adds
    the gemeente's own risks (party empty).

Probability
    `probability_pct` when filled in. Otherwise the net likelihood class (netto kans) through the percentages
    of the configured risk matrix (setting 'risk_matrix', governance.riskmatrix), by default the five-step scale
    1..5 = 10/30/50/70/90 % (Arnhem, domain.md §5; the demo data follow it). A risk with neither, or with a
    class the matrix gives no percentage, is left out and listed, with the reason, as not simulated.

Amount
    minimum / most likely / maximum. All three: a PERT (or, by setting, triangular) distribution. Only the most
    likely amount: that fixed amount. A missing minimum or maximum collapses onto the most likely amount; a
    missing most likely amount is the midpoint of minimum and maximum. Minimum above most likely or most likely
    above maximum: left out and listed, never silently reordered.

Guarantees and loans (optional, off by default)
    Each party with guarantees or loans in the year's figures becomes one default risk: the party fails with the
    probability set for it (or the default setting) and the gemeente then loses its guarantees plus loans. Off by
    default because a register often already holds a risk for the same claim (the demo's sport foundation does).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from governance import finance, formatting, labels, riskmatrix, simulation
from governance import validation as v
from governance.db import Database, Tx
from governance.errors import DomainError, FieldError, ValidationError

CAPACITY_KEY = "weerstandscapaciteit"
SIMULATION_KEY = "weerstand_simulatie"

CAPACITY_PARTS: dict[str, str] = {
    "algemene_reserve": "Algemene reserve",
    "stille_reserves": "Stille reserves",
    "onbenutte_belastingcapaciteit": "Onbenutte belastingcapaciteit",
    "post_onvoorzien": "Post onvoorzien",
}
SCOPES: dict[str, str] = {"alle": "Alle risico's", "partijen": "Verbonden partijen"}
SCOPE_NOTES: dict[str, str] = {
    "alle": "van verbonden partijen en van de gemeente zelf",
    "partijen": "alleen verbonden partijen",
}
DISTRIBUTIONS: dict[str, str] = {"pert": "PERT (standaard)", "triangular": "Driehoek"}
PURPOSES: dict[str, str] = {"begroting": "Begroting", "jaarstukken": "Jaarstukken", "overig": "Overig"}
DEFAULT_LIKELIHOOD = {1: 10.0, 2: 30.0, 3: 50.0, 4: 70.0, 5: 90.0}
SIMULATION_DEFAULTS: dict[str, Any] = {
    "certainty_pct": 90,
    "iterations": simulation.DEFAULT_ITERATIONS,
    "seed": simulation.DEFAULT_SEED,
    "distribution": "pert",
    "default_probability_pct": 1.0,  # yearly probability that a party with guarantees or loans fails
    "party_probability_pct": {},  # party code -> probability, overrides the default
}
METHOD_TEXT = """
- **Welke risico's.** Financiële risico's die niet vervallen zijn, met een kans en een bedrag. Zonder kans in procenten
  telt de netto kansklasse (1–5 = 10/30/50/70/90 %, of de schaal uit de risicomatrix). Risico's zonder kans of
  bedrag, of met een minimum boven het maximum, worden niet meegerekend en boven de tabellen genoemd.
- **Per risico, per gesimuleerd jaar.** Het risico treedt op met zijn kans. Treedt het op, dan kost het een bedrag
  tussen minimum en maximum volgens een PERT-verdeling rond het meest waarschijnlijke bedrag (of een
  driehoeksverdeling, als dat is ingesteld); met alleen een meest waarschijnlijk bedrag is dat het bedrag.
  Risico's zijn onafhankelijk van elkaar.
- **Benodigde capaciteit bij 90 % zekerheid.** Het bedrag waaronder het totaal van de risico's blijft in 90 % van de
  gesimuleerde jaren. Zo voor elk zekerheidsniveau in de tabel.
- **Herhaalbaar.** Met hetzelfde aantal iteraties en hetzelfde startgetal komt er exact hetzelfde uit.
- **Bijdrage van een risico.** Wat het risico gemiddeld kost in de gesimuleerde jaren rond de grens van het
  zekerheidsniveau (de 1 % van de jaren eromheen), zo geschaald dat de bijdragen optellen tot de benodigde
  capaciteit (Euler-toerekening).
- **Ratio en klasse.** Beschikbare ÷ benodigde capaciteit, afgerond op twee decimalen, ingedeeld volgens de tabel
  van NAR / Universiteit Twente: A > 2,0; B 1,4–2,0; C 1,0–1,4; D 0,8–1,0; E 0,6–0,8; F < 0,6. Een grens hoort bij
  de hogere klasse (1,0 is C), behalve 2,0: dat is B.
"""
WHAT_IF_BUDGET = 20_000_000  # risks x iterations for an interactive what-if (about 0.2 s)
OWN = "Gemeente (eigen risico's)"

CAPACITY_SCHEMA: dict[str, v.Check] = {
    **{part: v.amount(non_negative=True) for part in CAPACITY_PARTS},
    **{f"{part}_note": v.text(max_len=500) for part in CAPACITY_PARTS},
}
SIMULATION_SCHEMA: dict[str, v.Check] = {
    "certainty_pct": v.number(low=50, high=99.9),
    "iterations": v.number(low=1_000, high=2_000_000, integer=True),
    "seed": v.number(low=0, high=2**63 - 1, integer=True),
    "distribution": v.choice(DISTRIBUTIONS),
    "default_probability_pct": v.number(low=0, high=100),
}
FIELD_LABELS = {
    **CAPACITY_PARTS,
    **{f"{part}_note": f"Toelichting {name.lower()}" for part, name in CAPACITY_PARTS.items()},
    "certainty_pct": "Zekerheidsniveau (%)",
    "iterations": "Aantal iteraties",
    "seed": "Startgetal (seed)",
    "distribution": "Verdeling bij min/max",
    "default_probability_pct": "Kans op falen bij garanties en leningen (%)",
}


# -- settings ---------------------------------------------------------------------------------------------
def _setting(db: Database, key: str) -> dict[str, Any] | None:
    found = db.rows("SELECT key, value, version FROM setting WHERE key = ?", [key])
    return found[0] if found else None


def _value(row: dict[str, Any] | None) -> Any:
    return None if row is None else json.loads(row["value"])


def capacity(db: Database) -> dict[str, Any]:
    """The beschikbare weerstandscapaciteit: each part (0 when not set), its note, the total, and the setting
    row as loaded (`original`, for the conflict check when saving)."""
    row = _setting(db, CAPACITY_KEY)
    stored = _value(row) or {}
    parts = {part: float(stored.get(part) or 0) for part in CAPACITY_PARTS}
    notes = {part: (stored.get("notes") or {}).get(part) or "" for part in CAPACITY_PARTS}
    return {
        "parts": parts,
        "notes": notes,
        "total": float(sum(parts.values())),
        "is_set": row is not None,
        "original": row,
    }


def simulation_settings(db: Database) -> dict[str, Any]:
    row = _setting(db, SIMULATION_KEY)
    return {**SIMULATION_DEFAULTS, **(_value(row) or {}), "original": row}


def _save_setting(tx: Tx, key: str, value: dict[str, Any], original: dict[str, Any] | None) -> None:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    exists = tx.get("setting", key)
    if exists is None:
        tx.insert("setting", {"key": key, "value": text})
    else:
        tx.update("setting", key, {"value": text}, original=original)


def _validate(schema: dict[str, v.Check], values: dict[str, Any]) -> dict[str, Any]:
    clean, errors = v.apply("setting", schema, values)
    errors = [FieldError(e.field, FIELD_LABELS.get(e.field, e.label), e.message, e.row) for e in errors]
    if errors:
        raise ValidationError(errors, "Weerstandsvermogen")
    return clean


def save_capacity(db: Database, values: dict[str, Any], actor: str, original: dict[str, Any] | None = None) -> None:
    """Store the parts of the beschikbare capaciteit (euro, not negative; empty is 0) and a note per part; audited.
    `values` has a key per part and optionally '<part>_note'."""
    clean = _validate(CAPACITY_SCHEMA, values)
    stored: dict[str, Any] = {part: float(clean.get(part) or 0) for part in CAPACITY_PARTS}
    stored["notes"] = {part: clean[f"{part}_note"] for part in CAPACITY_PARTS if clean.get(f"{part}_note")}
    db.write(lambda tx: _save_setting(tx, CAPACITY_KEY, stored, original), actor)


def capacity_from_rows(rows: list[dict[str, Any]]) -> str:
    """The setting value (JSON) for rows of part, amount, notes, as in data/demo/weerstandscapaciteit.csv; each
    row is checked like the form's input (row numbers as in the file, header = row 1)."""
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    for n, row in enumerate(rows, start=2):
        part = (row.get("part") or "").strip()
        if part not in CAPACITY_PARTS:
            errors.append(
                FieldError("part", "Onderdeel", f"'{part}' is geen onderdeel; kies uit: {', '.join(CAPACITY_PARTS)}", n)
            )
            continue
        amount, message = CAPACITY_SCHEMA[part](row.get("amount"))
        if message:
            errors.append(FieldError("amount", CAPACITY_PARTS[part], message, n))
        values[part], values[f"{part}_note"] = amount, row.get("notes")
    if errors:
        raise ValidationError(errors, "Weerstandscapaciteit")
    clean = _validate(CAPACITY_SCHEMA, values)
    stored: dict[str, Any] = {part: float(clean.get(part) or 0) for part in CAPACITY_PARTS}
    stored["notes"] = {part: clean[f"{part}_note"] for part in CAPACITY_PARTS if clean.get(f"{part}_note")}
    return json.dumps(stored, ensure_ascii=False, sort_keys=True)


def save_simulation_settings(
    db: Database, values: dict[str, Any], actor: str, original: dict[str, Any] | None = None
) -> None:
    """Store the certainty level, iterations, seed, distribution and default probabilities; audited."""
    clean = _validate(SIMULATION_SCHEMA, values)
    current = {k: val for k, val in simulation_settings(db).items() if k != "original"}
    for key, val in clean.items():
        if val is not None:
            current[key] = float(val) if isinstance(val, (float, int)) and key.endswith("_pct") else val
    current["iterations"] = int(current["iterations"])
    current["seed"] = int(current["seed"])
    if "party_probability_pct" in values:
        own = _party_probabilities(values["party_probability_pct"])
        # a party at the default follows the default when that changes later
        current["party_probability_pct"] = {
            code: pct for code, pct in own.items() if pct != float(current["default_probability_pct"])
        }
    db.write(lambda tx: _save_setting(tx, SIMULATION_KEY, _plain(current), original), actor)


def _party_probabilities(values: dict[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    errors = []
    for code, pct in (values or {}).items():
        if v.blank(pct):
            continue
        clean, message = v.number(low=0, high=100)(pct)
        if message:
            errors.append(FieldError("party_probability_pct", f"Kans op falen {code} (%)", message))
        else:
            out[str(code)] = float(clean)
    if errors:
        raise ValidationError(errors, "Weerstandsvermogen")
    return out


def _plain(value: Any) -> Any:
    """Decimals from validation as JSON numbers."""
    if isinstance(value, dict):
        return {k: _plain(x) for k, x in value.items()}
    if hasattr(value, "is_finite"):  # Decimal
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def likelihood_scale(db: Database) -> dict[int, float]:
    """Likelihood class -> probability (%) from the configured risk matrix (setting 'risk_matrix', see
    governance.riskmatrix; default 1..5 = 10/30/50/70/90 %). A class the matrix gives no percentage (a scale in
    words) is left out: risks with only that class are not simulated, and say why. A stored matrix that cannot
    be read falls back to the default scale."""
    try:
        matrix = riskmatrix.get_matrix(db)
    except (DomainError, ValueError, TypeError, KeyError):
        return dict(DEFAULT_LIKELIHOOD)
    return {
        n: float(level.percentage) for n, level in enumerate(matrix.likelihood, start=1) if level.percentage is not None
    }


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
    figures = finance.figures_for_year(db, year)
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


def exposure_parties(db: Database, year: int) -> pd.DataFrame:
    """Parties with guarantees or loans in `year` and the probability that each fails (its own, else the default),
    for the settings form. Columns: code, Partij, Garanties en leningen, Kans op falen (%)."""
    settings = simulation_settings(db)
    lines = exposure_lines(db, year, settings)
    return pd.DataFrame(
        {
            "code": lines["party_code"],
            "Partij": lines["party_name"],
            "Garanties en leningen": lines["low"].map(euro),
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


# -- the outcome ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    """A simulation of the register against the beschikbare capaciteit, shaped for the page, CLI and runs."""

    scope: str
    year: int
    certainty: float
    iterations: int
    seed: int
    distribution: str
    include_exposures: bool
    available: float
    required: float
    ratio: float | None
    nar_class: str
    nar_label: str
    expected: float
    mean: float
    gross: float
    p_zero: float
    p_exceed_available: float  # P(yearly total > beschikbare capaciteit)
    levels: pd.DataFrame  # certainty_pct, required, ratio, class, label, chosen
    lines: pd.DataFrame  # the simulated lines with their contribution, largest first
    parties: pd.DataFrame  # party_name, risks, expected, contribution, share
    skipped: pd.DataFrame
    exceedance: pd.DataFrame  # amount, probability (P(S > amount))
    histogram: pd.DataFrame  # low, high, count
    what_if: WhatIf = field(default_factory=WhatIf)

    def summary(self) -> dict[str, Any]:
        """Plain values (for JSON and the run table)."""
        return {
            "scope": self.scope,
            "year": self.year,
            "iterations": self.iterations,
            "seed": self.seed,
            "distribution": self.distribution,
            "include_exposures": self.include_exposures,
            "risks": len(self.lines),
            "skipped": len(self.skipped),
            "certainty_pct": self.certainty,
            "expected": round(self.expected, 2),
            "mean": round(self.mean, 2),
            "gross": round(self.gross, 2),
            "available": round(self.available, 2),
            "required": round(self.required, 2),
            "ratio": None if self.ratio is None else round(self.ratio, 4),
            "class": self.nar_class,
            "label": self.nar_label,
            "p_exceed_available": round(self.p_exceed_available, 6),
            "levels": [
                {
                    "certainty_pct": float(r["certainty_pct"]),
                    "required": round(float(r["required"]), 2),
                    "ratio": None if pd.isna(r["ratio"]) else round(float(r["ratio"]), 4),
                    "class": r["class"],
                    "label": r["label"],
                }
                for r in self.levels.to_dict("records")
            ],
        }


def compute(
    db: Database,
    scope: str = "alle",
    year: int | None = None,
    certainty: float | None = None,
    include_exposures: bool = False,
    iterations: int | None = None,
    seed: int | None = None,
    what_if: WhatIf | None = None,
    distribution: str | None = None,
) -> Outcome:
    """Simulate the register (settings fill in what is not given) and compare with the beschikbare capaciteit."""
    settings = simulation_settings(db)
    year = year if year is not None else finance.default_year(db, _today_year())
    certainty = float(certainty if certainty is not None else settings["certainty_pct"])
    iterations = int(iterations if iterations is not None else settings["iterations"])
    seed = int(seed if seed is not None else settings["seed"])
    distribution = distribution or settings["distribution"]
    lines, skipped = risk_lines(db, scope, distribution)
    if include_exposures:
        lines = pd.concat([lines, exposure_lines(db, year, settings)], ignore_index=True)
    what_if = what_if or WhatIf()
    if what_if.active:
        lines = apply_what_if(lines, what_if)
    result = simulation.simulate(
        to_register(lines), iterations=iterations, seed=seed, certainty=certainty, thresholds=[capacity(db)["total"]]
    )
    return _outcome(db, lines, skipped, result, scope, year, distribution, include_exposures, what_if)


def what_if_iterations(risks: int, iterations: int) -> int:
    """Iterations for an interactive what-if: all of them while risks x iterations fits WHAT_IF_BUDGET, else fewer
    (whole thousands, at least 10,000)."""
    if risks * iterations <= WHAT_IF_BUDGET:
        return iterations
    return max(10_000, (WHAT_IF_BUDGET // max(risks, 1)) // 1000 * 1000)


def _today_year() -> int:
    import datetime as dt

    return dt.date.today().year


def _outcome(
    db: Database,
    lines: pd.DataFrame,
    skipped: pd.DataFrame,
    result: simulation.Result,
    scope: str,
    year: int,
    distribution: str,
    include_exposures: bool,
    what_if: WhatIf,
) -> Outcome:
    available = capacity(db)["total"]
    value = simulation.ratio(available, result.required)
    letter, label = simulation.nar_class(value)
    levels = []
    for level, required in sorted(result.quantiles.items()):
        r = simulation.ratio(available, required)
        lv_letter, lv_label = simulation.nar_class(r)
        levels.append(
            {
                "certainty_pct": level,
                "required": required,
                "ratio": np.nan if r is None else r,
                "class": lv_letter,
                "label": lv_label,
                "chosen": level == result.certainty,
            }
        )
    register = to_register(lines)
    shown = lines.assign(
        expected=register.probability * register.means(),
        contribution=result.contributions,
    ).sort_values(["contribution", "expected"], ascending=False, kind="stable")
    parties = (
        shown.groupby("party_name", dropna=False)
        .agg(risks=("key", "count"), expected=("expected", "sum"), contribution=("contribution", "sum"))
        .reset_index()
        .sort_values("contribution", ascending=False, kind="stable")
    )
    parties["share"] = parties["contribution"] / result.required if result.required > 0 else 0.0
    edges = result.histogram_edges
    return Outcome(
        scope=scope,
        year=year,
        certainty=result.certainty,
        iterations=result.iterations,
        seed=result.seed,
        distribution=distribution,
        include_exposures=include_exposures,
        available=available,
        required=result.required,
        ratio=value,
        nar_class=letter,
        nar_label=label,
        expected=result.expected,
        mean=result.mean,
        gross=result.gross,
        p_zero=result.p_zero,
        p_exceed_available=result.probability_exceeding(available),
        levels=pd.DataFrame(levels),
        lines=shown.reset_index(drop=True),
        parties=parties.reset_index(drop=True),
        skipped=skipped,
        exceedance=pd.DataFrame({"amount": result.exceedance_amounts, "probability": result.exceedance_probability}),
        histogram=pd.DataFrame({"low": edges[:-1], "high": edges[1:], "count": result.histogram_counts}),
        what_if=what_if,
    )


# -- display helpers (pure) -----------------------------------------------------------------------------------
def euro(value: Any) -> str:
    """'€ 1.234.567' with a non-breaking space, so a narrow table column never splits sign and amount."""
    return formatting.euro(value).replace(" ", "\u00a0")


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
                "Benodigde capaciteit": euro(r["required"]),
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
        {"Onderdeel": CAPACITY_PARTS[k], "Bedrag": euro(val), "Toelichting": cap["notes"][k]}
        for k, val in cap["parts"].items()
    ]
    rows.append({"Onderdeel": "Totaal beschikbaar", "Bedrag": euro(cap["total"]), "Toelichting": ""})
    return pd.DataFrame(rows)


def top_risks(outcome: Outcome, n: int = 10) -> pd.DataFrame:
    """The n risks that add most to the benodigde capaciteit, contribution first (a projector shows the left)."""
    top = outcome.lines.head(n)
    return pd.DataFrame(
        {
            "Risico": top["title"],
            "Partij": top["party_name"],
            "Bijdrage benodigd": top["contribution"].map(euro),
            "Kans": top["probability_pct"].map(lambda x: formatting.percent(x, 0)),
            "Bedrag (min – max)": [
                euro(lo) if lo == hi else f"{euro(lo)} – {euro(hi)}"
                for lo, hi in zip(top["low"], top["high"], strict=True)
            ],
            "Verwacht": top["expected"].map(euro),
        }
    )


def party_table(outcome: Outcome) -> pd.DataFrame:
    p = outcome.parties
    return pd.DataFrame(
        {
            "Partij": p["party_name"],
            "Risico's": p["risks"],
            "Verwacht": p["expected"].map(euro),
            "Bijdrage benodigd": p["contribution"].map(euro),
            "Aandeel": p["share"].map(lambda x: formatting.percent(100 * x, 0)),
        }
    )


# -- saved runs -----------------------------------------------------------------------------------------------
RUN_SCHEMA: dict[str, v.Check] = {
    "purpose": v.choice(PURPOSES),
    "year": v.number(low=1900, high=2100, integer=True),
    "notes": v.text(max_len=1000),
}


def save_run(db: Database, outcome: Outcome, purpose: str, year: int, notes: str | None, actor: str) -> int:
    """Record a simulation for the begroting or the jaarstukken (audited). What-ifs are never recorded."""
    if outcome.what_if.active:
        raise ValidationError(
            [FieldError("what_if", "Wat-als", "een wat-als-berekening wordt niet vastgelegd; zet de wat-als uit")],
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
    return int(db.write(lambda tx: tx.insert("weerstand_run", row), actor))


def runs(db: Database) -> pd.DataFrame:
    return db.query("SELECT * FROM weerstand_run ORDER BY run_at DESC, id DESC")


def runs_table(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Vastgelegd": table["run_at"].map(lambda t: t.strftime("%d-%m-%Y %H:%M")),
            "Voor": [f"{PURPOSES.get(p, p)} {y}" for p, y in zip(table["purpose"], table["year"], strict=True)],
            "Risico's": [f"{n} ({SCOPES[s].lower()})" for n, s in zip(table["risks"], table["scope"], strict=True)],
            "Zekerheid": table["certainty_pct"].map(lambda x: formatting.percent(x, 0)),
            "Beschikbaar": table["available"].map(euro),
            "Benodigd": table["required"].map(euro),
            "Ratio": table["ratio"].map(lambda x: ratio_text(None if pd.isna(x) else float(x))),
            "Klasse": [
                f"{c} – {dict((k, lab) for k, _, lab in simulation.NAR_CLASSES)[c]}" for c in table["ratio_class"]
            ],
            "Iteraties / seed": [
                f"{formatting.number(n)} / {s}" for n, s in zip(table["iterations"], table["seed"], strict=True)
            ],
        }
    )
