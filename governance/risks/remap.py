"""Changing a matrix: how stored scores map onto new scales, previewed before saving."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from governance.risks.matrix import Matrix, ScaleLevel, _missing


# -- remapping -------------------------------------------------------------------------------------------
def map_scale(
    old: tuple[ScaleLevel, ...], new: tuple[ScaleLevel, ...], method: str, axis: str
) -> dict[int, int | None]:
    """Where each old level (1-based) goes on the new scale; None = it has no place with this method."""
    n, m = len(old), len(new)
    if method == "gelijk":
        return {k: (k if k <= m else None) for k in range(1, n + 1)}
    if method == "proportioneel":
        return {k: 1 + math.floor((k - 1) * (m - 1) / (n - 1) + 0.5) for k in range(1, n + 1)}
    if method == "betekenis":
        return _by_meaning(old, new, axis)
    raise ValueError(f"unknown method {method!r}")


def _by_meaning(old: tuple[ScaleLevel, ...], new: tuple[ScaleLevel, ...], axis: str) -> dict[int, int | None]:
    if axis == "likelihood":
        if any(x.percentage is None for x in (*old, *new)):
            return dict.fromkeys(range(1, len(old) + 1))
        out: dict[int, int | None] = {}
        for k, level in enumerate(old, start=1):
            distances = [(abs(float(level.percentage) - float(x.percentage)), -j) for j, x in enumerate(new, start=1)]  # type: ignore[arg-type]
            out[k] = -min(distances)[1]  # nearest; on a tie the higher level
        return out
    if any(x.max_amount is None for x in (*old[:-1], *new[:-1])):
        return dict.fromkeys(range(1, len(old) + 1))
    out = {}
    for k, level in enumerate(old, start=1):
        lower = float(old[k - 2].max_amount) if k > 1 else 0.0  # type: ignore[arg-type]
        value = lower + 1 if level.max_amount is None else (lower + float(level.max_amount)) / 2
        out[k] = next(
            (j for j, x in enumerate(new, start=1) if x.max_amount is None or value <= float(x.max_amount)), len(new)
        )
    return out


def method_available(old: Matrix, new: Matrix, method: str) -> str | None:
    """Why a method cannot be used for these two matrices, or None when it can."""
    if method == "betekenis":
        if any(x.percentage is None for x in (*old.likelihood, *new.likelihood)):
            return "Op betekenis kan alleen als beide kansschalen percentages hebben."
        if any(x.max_amount is None for x in (*old.impact[:-1], *new.impact[:-1])):
            return "Op betekenis kan alleen als beide impactschalen bedragen hebben."
    return None


def mapping_text(old: Matrix, new: Matrix, method: str) -> dict[str, str]:
    """Per scale where each old level goes, e.g. {'Kans': '1 → 1, 2 → 1, 3 → 2, 4 → 3, 5 → 3'}; 'past niet'
    where a level has no place."""
    out = {}
    for axis, name in (("likelihood", "Kans"), ("impact", "Impact")):
        mapping = map_scale(getattr(old, axis), getattr(new, axis), method, axis)
        out[name] = ", ".join(f"{k} → {'past niet' if j is None else j}" for k, j in mapping.items())
    return out


def planned_scores(plan: pd.DataFrame) -> pd.DataFrame:
    """The scores a preview would give (new_* columns) under the usual names, for counting per cell;
    a score without a place stays empty."""
    return pd.DataFrame({col: plan[f"new_{col}"] for pair in SCORE_COLUMNS for col in pair})


OUTCOMES = {
    "past niet": "past niet",
    "ander niveau": "ander risiconiveau",
    "andere cel": "andere cel, zelfde niveau",
    "ongewijzigd": "ongewijzigd",
}


def preview_display(plan: pd.DataFrame) -> pd.DataFrame:
    """The preview as people read it: risk, old cell → new cell (gross and net), and the outcome."""
    order = {k: n for n, k in enumerate(OUTCOMES)}
    plan = plan.sort_values("outcome", key=lambda s: s.map(order), kind="stable")
    return pd.DataFrame(
        {
            "Partij": plan["party_name"],
            "Risico": plan["title"],
            "Bruto: nu → nieuw": plan["gross_old"] + " → " + plan["gross_new"],
            "Netto: nu → nieuw": plan["net_old"] + " → " + plan["net_new"],
            "Uitkomst": plan["outcome"].map(OUTCOMES),
        }
    ).reset_index(drop=True)


SCORE_COLUMNS = (("gross_likelihood", "gross_impact"), ("net_likelihood", "net_impact"))


def remap_preview(risks: pd.DataFrame, old: Matrix, new: Matrix, method: str) -> pd.DataFrame:
    """Per risk with a score: the old and new cell (gross and net) and what happens to it.

    `risks` has id, title, party_name, version and the four score columns. Columns out: id, version, title,
    party_name, the new scores (new_gross_likelihood, ...), gross_old, gross_new, net_old, net_new (cell texts),
    outcome ('ongewijzigd', 'ander niveau', 'andere cel', 'past niet') and fits (bool)."""
    lmap = map_scale(old.likelihood, new.likelihood, method, "likelihood")
    imap = map_scale(old.impact, new.impact, method, "impact")
    records = []
    for risk in risks.to_dict("records"):
        rec: dict[str, Any] = {k: risk.get(k) for k in ("id", "version", "title", "party_name")}
        fits, moved, relevelled, scored = True, False, False, False
        for kind, (lcol, icol) in zip(("gross", "net"), SCORE_COLUMNS, strict=True):
            li, im = risk.get(lcol), risk.get(icol)
            if _missing(li) or _missing(im):
                rec[f"new_{lcol}"], rec[f"new_{icol}"] = None, None
                rec[f"{kind}_old"] = rec[f"{kind}_new"] = "—"
                continue
            scored = True
            li, im = int(li), int(im)
            new_li, new_im = lmap.get(li), imap.get(im)
            rec[f"new_{lcol}"], rec[f"new_{icol}"] = new_li, new_im
            rec[f"{kind}_old"] = old.cell_text(li, im)
            if new_li is None or new_im is None:
                fits = False
                parts = []
                if new_li is None:
                    parts.append(f"kans {li} (nieuw: {len(new.likelihood)} niveaus)")
                if new_im is None:
                    parts.append(f"impact {im} (nieuw: {len(new.impact)} niveaus)")
                rec[f"{kind}_new"] = "past niet: " + ", ".join(parts)
                continue
            rec[f"{kind}_new"] = new.cell_text(new_li, new_im)
            moved |= (new_li, new_im) != (li, im)
            old_level = old.level(li, im) if li <= len(old.likelihood) and im <= len(old.impact) else None
            relevelled |= old_level != new.level(new_li, new_im)
        if not scored:
            continue
        rec["fits"] = fits
        rec["outcome"] = (
            "past niet" if not fits else "ander niveau" if relevelled else "andere cel" if moved else "ongewijzigd"
        )
        records.append(rec)
    columns = [
        "id", "version", "title", "party_name",
        "new_gross_likelihood", "new_gross_impact", "new_net_likelihood", "new_net_impact",
        "gross_old", "gross_new", "net_old", "net_new", "outcome", "fits",
    ]  # fmt: skip
    return pd.DataFrame(records, columns=columns)
