"""The configurable risk matrix: scales for kans (likelihood) and gevolg (impact), the level of each cell,
and how existing scores move when the matrix changes.

Stored as the setting `risk_matrix` (JSON) and exchanged as YAML. The default is Arnhem's 5×5
(domain.md §5): kans 1-5 = 10/30/50/70/90 %; gevolg 1-5 = ≤ € 50k, € 50-200k, € 200-500k, € 500k-1 mln,
> € 1 mln. Levels are numbered from 1 (lowest); `cells[impact - 1][likelihood - 1]` is the level of a cell.

Changing the number of levels never clamps a score silently: `map_scale` says, per method, where each old
level goes or that it cannot go anywhere, `remap_preview` shows it per risk, and `save_matrix` refuses to
save while any score has no place, then moves every score in the same transaction as the new matrix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import pandas as pd

from governance.core import formatting

SETTING_KEY = "risk_matrix"
MIN_LEVELS, MAX_LEVELS = 3, 6

# The risk level of a cell. The codes are fixed; their Dutch names and colours are part of the setting.
LEVEL_CODES = ("laag", "midden", "hoog", "zeer_hoog")
DEFAULT_LEVELS = {
    "laag": ("Laag", "#b7dfb9"),
    "midden": ("Midden", "#ffe08a"),
    "hoog": ("Hoog", "#f29d52"),
    "zeer_hoog": ("Zeer hoog", "#b3261e"),
}

METHODS: dict[str, str] = {
    "proportioneel": "Proportioneel: elk niveau naar de overeenkomstige plaats op de nieuwe schaal",
    "betekenis": "Op betekenis: naar het niveau met het dichtstbijzijnde percentage of bedrag",
    "gelijk": "Zelfde niveaunummer: alleen mogelijk als elk niveau nog bestaat",
}

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_LIKELIHOOD_WORDS = {
    3: ["Klein", "Middel", "Groot"],
    4: ["Zeer klein", "Klein", "Groot", "Zeer groot"],
    5: ["Zeer klein", "Klein", "Gemiddeld", "Groot", "Zeer groot"],
    6: ["Uiterst klein", "Zeer klein", "Klein", "Groot", "Zeer groot", "Vrijwel zeker"],
}
_IMPACT_WORDS = {
    3: ["Klein", "Middel", "Groot"],
    4: ["Klein", "Middel", "Groot", "Zeer groot"],
    5: ["Zeer klein", "Klein", "Gemiddeld", "Groot", "Zeer groot"],
    6: ["Zeer klein", "Klein", "Gemiddeld", "Groot", "Zeer groot", "Ernstig"],
}
_IMPACT_BANDS = {  # upper bound of each euro band; the last band is open
    3: [200_000, 1_000_000, None],
    4: [50_000, 200_000, 1_000_000, None],
    5: [50_000, 200_000, 500_000, 1_000_000, None],
    6: [50_000, 200_000, 500_000, 1_000_000, 5_000_000, None],
}


@dataclass(frozen=True)
class ScaleLevel:
    """One level of a scale. `percentage` (kans) or `max_amount` (gevolg, upper bound of the euro band) give
    the level a number; `meaning` is what people read ('10 %', '≤ € 50.000', 'landelijke media')."""

    label: str
    meaning: str = ""
    percentage: float | None = None
    max_amount: float | None = None


@dataclass(frozen=True)
class Matrix:
    likelihood: tuple[ScaleLevel, ...]
    impact: tuple[ScaleLevel, ...]
    cells: tuple[tuple[str, ...], ...]  # cells[impact - 1][likelihood - 1] = level code
    level_labels: dict[str, str] = field(default_factory=lambda: {c: v[0] for c, v in DEFAULT_LEVELS.items()})
    level_colours: dict[str, str] = field(default_factory=lambda: {c: v[1] for c, v in DEFAULT_LEVELS.items()})

    @property
    def size(self) -> tuple[int, int]:
        """(number of kans levels, number of gevolg levels)."""
        return len(self.likelihood), len(self.impact)

    @property
    def size_text(self) -> str:
        return f"{len(self.likelihood)}×{len(self.impact)}"

    def level(self, likelihood: int, impact: int) -> str:
        """The level code of a cell; scores outside the scales raise ValueError (validation stops them first)."""
        if not (1 <= likelihood <= len(self.likelihood) and 1 <= impact <= len(self.impact)):
            raise ValueError(f"cell K{likelihood}×I{impact} is outside the {self.size_text} matrix")
        return self.cells[impact - 1][likelihood - 1]

    def level_label(self, likelihood: Any, impact: Any) -> str:
        """'Hoog', or '—' when the risk has no score; for tables."""
        if _missing(likelihood) or _missing(impact):
            return "—"
        return self.level_labels[self.level(int(likelihood), int(impact))]

    def cell_text(self, likelihood: Any, impact: Any) -> str:
        """'K4 × I3 · Hoog': the cell and its level, readable without colour."""
        if _missing(likelihood) or _missing(impact):
            return "—"
        li, im = int(likelihood), int(impact)
        if li > len(self.likelihood) or im > len(self.impact):
            return f"K{li} × I{im} · buiten de matrix"
        return f"K{li} × I{im} · {self.level_labels[self.level(li, im)]}"

    def likelihood_pct(self, likelihood: int) -> float | None:
        return self.likelihood[likelihood - 1].percentage

    def impact_for_amount(self, amount: float) -> int | None:
        """The gevolg level whose euro band holds `amount`, or None when the scale is in words."""
        if any(level.max_amount is None for level in self.impact[:-1]):
            return None
        for n, level in enumerate(self.impact, start=1):
            if level.max_amount is None or amount <= level.max_amount:
                return n
        return len(self.impact)


def _missing(value: Any) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# -- meaning texts ---------------------------------------------------------------------------------------
def percentage_text(pct: float | None) -> str:
    return "" if pct is None else f"{formatting.number(pct, 0 if float(pct).is_integer() else 1)} %"


def band_text(levels: tuple[ScaleLevel, ...] | list[ScaleLevel], n: int, compact: bool = False) -> str:
    """'≤ € 50.000', '€ 50.000 – € 200.000', '> € 1.000.000' for level n (1-based) of a euro scale;
    compact: '≤ € 50k', '€ 50k – 200k', '> € 1,0 mln' (for chart axes)."""
    upper = levels[n - 1].max_amount
    lower = levels[n - 2].max_amount if n > 1 else None

    def money(value: float | None) -> str:
        return formatting.euro(value, compact).replace(",0 mln", " mln").replace(",0 mld", " mld")

    if upper is None and lower is None:
        return ""
    if upper is None:
        return f"> {money(lower)}"
    if lower is None:
        return f"≤ {money(upper)}"
    if compact:
        return f"{money(lower)} – {money(upper).removeprefix('€ ')}"
    return f"{money(lower)} – {money(upper)}"


def meaning(matrix: Matrix, axis: str, n: int, compact: bool = False) -> str:
    """What level n of 'likelihood' or 'impact' means: the typed meaning, else one made from the numbers."""
    levels = matrix.likelihood if axis == "likelihood" else matrix.impact
    level = levels[n - 1]
    if level.meaning:
        return level.meaning
    return percentage_text(level.percentage) if axis == "likelihood" else band_text(levels, n, compact)


def axis_labels(matrix: Matrix, axis: str) -> list[str]:
    """'1 Zeer klein (10 %)' per level, for axes and pickers."""
    levels = matrix.likelihood if axis == "likelihood" else matrix.impact
    out = []
    for n, level in enumerate(levels, start=1):
        text = meaning(matrix, axis, n)
        out.append(f"{n} {level.label}" + (f" ({text})" if text else ""))
    return out


# -- defaults --------------------------------------------------------------------------------------------
def default_cells(n_likelihood: int, n_impact: int) -> tuple[tuple[str, ...], ...]:
    """Levels by the score kans × gevolg relative to the maximum; on 5×5: ≤ 4 laag, 5-9 midden, 10-15 hoog,
    ≥ 16 zeer hoog. A starting point for any size, to be adjusted under Beheer."""
    rows = []
    for impact in range(1, n_impact + 1):
        row = []
        for likelihood in range(1, n_likelihood + 1):
            share = Fraction(likelihood * impact, n_likelihood * n_impact)
            if share <= Fraction(4, 25):
                row.append("laag")
            elif share <= Fraction(9, 25):
                row.append("midden")
            elif share <= Fraction(15, 25):
                row.append("hoog")
            else:
                row.append("zeer_hoog")
        rows.append(tuple(row))
    return tuple(rows)


def default_likelihood(n: int) -> tuple[ScaleLevel, ...]:
    """n levels with percentages at the middle of equal bands: for 5, 10/30/50/70/90 %."""
    return tuple(
        ScaleLevel(label=word, percentage=round(100 * (2 * k - 1) / (2 * n)))
        for k, word in enumerate(_LIKELIHOOD_WORDS[n], start=1)
    )


def default_impact(n: int) -> tuple[ScaleLevel, ...]:
    return tuple(
        ScaleLevel(label=word, max_amount=bound) for word, bound in zip(_IMPACT_WORDS[n], _IMPACT_BANDS[n], strict=True)
    )


def default_matrix(n_likelihood: int = 5, n_impact: int = 5) -> Matrix:
    """Arnhem's 5×5 by default; other sizes get the same kind of bands as a starting point."""
    return Matrix(
        likelihood=default_likelihood(n_likelihood),
        impact=default_impact(n_impact),
        cells=default_cells(n_likelihood, n_impact),
    )


def resized(matrix: Matrix, n_likelihood: int, n_impact: int) -> Matrix:
    """The matrix with other numbers of levels: kept scales where the size stays, defaults elsewhere."""
    same = matrix.size == (n_likelihood, n_impact)
    return Matrix(
        likelihood=matrix.likelihood if len(matrix.likelihood) == n_likelihood else default_likelihood(n_likelihood),
        impact=matrix.impact if len(matrix.impact) == n_impact else default_impact(n_impact),
        cells=matrix.cells if same else default_cells(n_likelihood, n_impact),
        level_labels=dict(matrix.level_labels),
        level_colours=dict(matrix.level_colours),
    )


# -- colours ---------------------------------------------------------------------------------------------
def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour(fill: str) -> str:
    """Black or white, whichever reads better on `fill` (always at least 4.5:1)."""
    return "#000000" if contrast(fill, "#000000") >= contrast(fill, "#ffffff") else "#ffffff"
