"""The outcome of a simulation: the certainty table, ratio and class, and the what-if budget."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from governance import register as register_api
from governance.core.db import Database
from governance.weerstand import engine as simulation
from governance.weerstand.exposure import WhatIf, apply_what_if, exposure_lines, risk_lines, to_register
from governance.weerstand.settings import (
    SIMULATION_DEFAULTS,
    WHAT_IF_BUDGET,
    capacity,
    norm_of,
    simulation_settings,
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
    norm: dict[str, Any] = field(default_factory=lambda: norm_of(SIMULATION_DEFAULTS))  # settings.norm_of

    @property
    def judged(self) -> bool:
        """Whether there is a class at all: not when nothing is required (no risk, or none with kans and bedrag)."""
        return self.ratio is not None

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
            "class": self.nar_class if self.judged else None,
            "label": self.nar_label,
            "norm": self.norm["text"],
            "raadsnorm": self.norm["decided"],
            "p_exceed_available": round(self.p_exceed_available, 6),
            "levels": [
                {
                    "certainty_pct": float(r["certainty_pct"]),
                    "required": round(float(r["required"]), 2),
                    "ratio": None if pd.isna(r["ratio"]) else round(float(r["ratio"]), 4),
                    "class": None if pd.isna(r["ratio"]) else r["class"],
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
    year = year if year is not None else register_api.default_year(db, _today_year())
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
    result = simulate_once(to_register(lines), iterations, seed, certainty, capacity(db)["total"])
    found = _outcome(db, lines, skipped, result, scope, year, distribution, include_exposures, what_if)
    return replace(found, norm=norm_of(settings))


_RESULTS: OrderedDict[str, simulation.Result] = OrderedDict()
_RESULTS_LOCK = threading.Lock()
MEMO_SIZE = 16  # simulations kept: the page's main run, a few what-ifs and certainty choices


def simulate_once(
    register: simulation.Register, iterations: int, seed: int, certainty: float, available: float
) -> simulation.Result:
    """`simulate` of exactly these inputs, run once per process: the result depends only on the arrays, the
    iterations, the seed, the certainty and the capacity, so a save that changes none of them (a party's name,
    a vote, a non-financial risk) finds it here instead of re-running the Monte Carlo."""
    digest = hashlib.sha256()
    for part in (register.probability, register.low, register.mode, register.high):
        digest.update(np.ascontiguousarray(part).tobytes())
    digest.update("|".join(map(str, register.shape.tolist())).encode())
    digest.update(repr((iterations, seed, float(certainty), float(available))).encode())
    key = digest.hexdigest()
    with _RESULTS_LOCK:
        if key in _RESULTS:
            _RESULTS.move_to_end(key)
            return _RESULTS[key]
    result = simulation.simulate(
        register, iterations=iterations, seed=seed, certainty=certainty, thresholds=[available]
    )
    with _RESULTS_LOCK:
        _RESULTS[key] = result
        while len(_RESULTS) > MEMO_SIZE:
            _RESULTS.popitem(last=False)
    return result


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
