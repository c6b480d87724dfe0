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

import json
import math
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import pandas as pd
import yaml

from governance import formatting
from governance.db import Database, Tx
from governance.errors import ConflictError, FieldError, ValidationError

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


# -- (de)serialising and validating ------------------------------------------------------------------------
def to_dict(matrix: Matrix) -> dict[str, Any]:
    def level(item: ScaleLevel, numeric: str) -> dict[str, Any]:
        out: dict[str, Any] = {"label": item.label, "meaning": item.meaning}
        value = getattr(item, numeric)
        out[numeric] = None if value is None else (int(value) if float(value).is_integer() else float(value))
        return out

    return {
        "likelihood": [level(x, "percentage") for x in matrix.likelihood],
        "impact": [level(x, "max_amount") for x in matrix.impact],
        "levels": {c: {"label": matrix.level_labels[c], "colour": matrix.level_colours[c]} for c in LEVEL_CODES},
        "cells": [list(row) for row in matrix.cells],
    }


def _text(value: Any) -> str:
    return "" if _missing(value) else str(value).strip()


def _number(value: Any) -> tuple[float | None, bool]:
    """(value, ok); blank is (None, True)."""
    if _missing(value) or (isinstance(value, str) and not value.strip()):
        return None, True
    if isinstance(value, bool):
        return None, False
    try:
        number = float(str(value).replace("€", "").replace("%", "").strip())
    except ValueError:
        return None, False
    return (number, True) if math.isfinite(number) else (None, False)


def _scale(raw: Any, axis: str, errors: list[FieldError]) -> list[ScaleLevel]:
    name = "Kans" if axis == "likelihood" else "Impact"
    numeric = "percentage" if axis == "likelihood" else "max_amount"
    if not isinstance(raw, list):
        errors.append(FieldError(axis, name, "ontbreekt of is geen lijst van niveaus"))
        return []
    if not MIN_LEVELS <= len(raw) <= MAX_LEVELS:
        errors.append(FieldError(axis, name, f"heeft {len(raw)} niveaus; kies er {MIN_LEVELS} tot en met {MAX_LEVELS}"))
    levels = []
    for n, item in enumerate(raw, start=1):
        item = item if isinstance(item, dict) else {"label": item}
        label = _text(item.get("label"))
        where = f"{name} niveau {n}"
        if not label:
            errors.append(FieldError(axis, where, "naam is verplicht"))
        elif len(label) > 40:
            errors.append(FieldError(axis, where, f"naam is te lang ({len(label)} tekens, maximaal 40)"))
        text = _text(item.get("meaning"))
        if len(text) > 80:
            errors.append(FieldError(axis, where, f"betekenis is te lang ({len(text)} tekens, maximaal 80)"))
        value, ok = _number(item.get(numeric))
        if not ok:
            errors.append(FieldError(axis, where, f"'{item.get(numeric)}' is geen getal"))
        levels.append(
            ScaleLevel(label=label, meaning=text, **{numeric: value})  # type: ignore[arg-type]
        )
    _check_numbers(levels, axis, name, errors)
    return levels


def _check_numbers(levels: list[ScaleLevel], axis: str, name: str, errors: list[FieldError]) -> None:
    if axis == "likelihood":
        values = [x.percentage for x in levels]
        if all(v is None for v in values):
            return
        for n, v in enumerate(values, start=1):
            if v is None:
                errors.append(FieldError(axis, f"{name} niveau {n}", "percentage ontbreekt (vul alle of geen in)"))
            elif not 0 < v <= 100:
                errors.append(FieldError(axis, f"{name} niveau {n}", "percentage moet tussen 0 en 100 liggen"))
        given = [(n, v) for n, v in enumerate(values, start=1) if v is not None]
    else:
        values = [x.max_amount for x in levels]
        if all(v is None for v in values):
            return
        for n, v in enumerate(values[:-1], start=1):
            if v is None:
                errors.append(
                    FieldError(
                        axis,
                        f"{name} niveau {n}",
                        "bovengrens (bedrag) ontbreekt; alleen het hoogste niveau mag open zijn",
                    )
                )
            elif v <= 0:
                errors.append(FieldError(axis, f"{name} niveau {n}", "bovengrens moet groter dan 0 zijn"))
        given = [(n, v) for n, v in enumerate(values, start=1) if v is not None]
    for (_, a), (n, b) in zip(given, given[1:], strict=False):
        if b <= a:
            what = "percentage" if axis == "likelihood" else "bovengrens"
            errors.append(FieldError(axis, f"{name} niveau {n}", f"{what} moet hoger zijn dan dat van niveau {n - 1}"))


def from_dict(raw: Any) -> Matrix:
    """A matrix from its dict form (setting, YAML, or the settings page); ValidationError names each problem."""
    errors: list[FieldError] = []
    if not isinstance(raw, dict):
        raise ValidationError(
            [FieldError("", "Risicomatrix", "verwacht de onderdelen likelihood, impact, levels en cells")],
            "Risicomatrix",
        )
    likelihood = _scale(raw.get("likelihood"), "likelihood", errors)
    impact = _scale(raw.get("impact"), "impact", errors)
    labels_: dict[str, str] = {}
    colours: dict[str, str] = {}
    levels = raw.get("levels") if isinstance(raw.get("levels"), dict) else {}
    for code in LEVEL_CODES:
        item = levels.get(code) if isinstance(levels.get(code), dict) else {}
        default_label, default_colour = DEFAULT_LEVELS[code]
        label = str(item.get("label") or default_label).strip()
        colour = str(item.get("colour") or default_colour).strip()
        if len(label) > 30:
            errors.append(FieldError("levels", f"Niveau {default_label}", "naam is te lang (maximaal 30 tekens)"))
        if not _HEX.match(colour):
            errors.append(
                FieldError("levels", f"Niveau {default_label}", f"kleur '{colour}' is geen kleurcode als #ffe08a")
            )
        labels_[code], colours[code] = label, colour.lower()
    cells_raw = raw.get("cells")
    cells: list[tuple[str, ...]] = []
    if not isinstance(cells_raw, list) or len(cells_raw) != len(impact):
        errors.append(
            FieldError("cells", "Cellen", f"verwacht {len(impact)} rijen (één per impactniveau, laagste eerst)")
        )
    else:
        for i, row in enumerate(cells_raw, start=1):
            if not isinstance(row, list) or len(row) != len(likelihood):
                errors.append(
                    FieldError("cells", f"Cellen impact {i}", f"verwacht {len(likelihood)} niveaus (één per kans)")
                )
                continue
            clean = []
            for k, value in enumerate(row, start=1):
                code = _level_code(value, labels_)
                if code is None:
                    errors.append(
                        FieldError(
                            "cells",
                            f"Cel kans {k} × impact {i}",
                            f"'{value}' is geen niveau; kies uit: {', '.join(labels_[c] for c in LEVEL_CODES)}",
                        )
                    )
                clean.append(code or "laag")
            cells.append(tuple(clean))
    if errors:
        raise ValidationError(errors, "Risicomatrix")
    return Matrix(tuple(likelihood), tuple(impact), tuple(cells), labels_, colours)


def _level_code(value: Any, labels_: dict[str, str]) -> str | None:
    raw = str(value or "").strip()
    if raw in LEVEL_CODES:
        return raw
    by_label = {v.lower(): k for k, v in labels_.items()} | {k.replace("_", " "): k for k in LEVEL_CODES}
    return by_label.get(raw.lower())


def warnings(matrix: Matrix) -> list[str]:
    """Things that are allowed but probably a mistake: a cell lower than one with less kans or gevolg."""
    rank = {c: n for n, c in enumerate(LEVEL_CODES)}
    found = []
    n_l, n_i = matrix.size
    for impact in range(1, n_i + 1):
        for likelihood in range(1, n_l + 1):
            here = rank[matrix.level(likelihood, impact)]
            if likelihood > 1 and here < rank[matrix.level(likelihood - 1, impact)]:
                found.append(
                    f"Cel kans {likelihood} × impact {impact} is lager dan cel kans {likelihood - 1} × impact {impact}."
                )
            if impact > 1 and here < rank[matrix.level(likelihood, impact - 1)]:
                found.append(
                    f"Cel kans {likelihood} × impact {impact} is lager dan cel kans {likelihood} × impact {impact - 1}."
                )
    return found


YAML_HEADER = """\
# Risicomatrix van het Verbonden Partijen Dashboard.
# likelihood = kans (niveau 1 = laagste), met 'percentage' (0-100) per niveau.
# impact = impact of gevolg (niveau 1 = laagste), met 'max_amount' = bovengrens van de bedragklasse in euro
#   (leeg bij het hoogste niveau, of overal leeg als de impact in woorden is beschreven).
# levels = de risiconiveaus met naam en kleur (#rrggbb).
# cells = het niveau van elke cel: één rij per impactniveau (eerste rij = impact 1), één waarde per kans.
"""

MAX_YAML_BYTES = 100_000


def to_yaml(matrix: Matrix) -> str:
    return YAML_HEADER + yaml.safe_dump(to_dict(matrix), allow_unicode=True, sort_keys=False, width=120)


def from_yaml(text: str | bytes) -> Matrix:
    """Read a matrix from YAML; a file that is no YAML or no matrix gives a ValidationError in Dutch."""
    if isinstance(text, bytes):
        if len(text) > MAX_YAML_BYTES:
            raise ValidationError([FieldError("yaml", "YAML-bestand", "is te groot (maximaal 100 kB)")], "Risicomatrix")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError([FieldError("yaml", "YAML-bestand", "is geen UTF-8-tekst")], "Risicomatrix") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (regel {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "onleesbaar"
        raise ValidationError(
            [FieldError("yaml", "YAML-bestand", f"is geen geldige YAML{where}: {problem}")], "Risicomatrix"
        ) from None
    return from_dict(raw)


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


# -- stored setting ----------------------------------------------------------------------------------------
def setting_row(db: Database) -> dict[str, Any] | None:
    """The stored setting row (key, value, version) as loaded, for optimistic concurrency; None = defaults."""
    found = db.rows("SELECT key, value, version FROM setting WHERE key = ?", [SETTING_KEY])
    return found[0] if found else None


def get_matrix(db: Database) -> Matrix:
    row = setting_row(db)
    return from_dict(json.loads(row["value"])) if row else default_matrix()


def _scored_risks(tx: Tx) -> pd.DataFrame:
    rows = tx.rows(
        """
        SELECT r.id, r.version, r.title, coalesce(p.name, 'Gemeente zelf') AS party_name,
               r.gross_likelihood, r.gross_impact, r.net_likelihood, r.net_impact
        FROM risk r LEFT JOIN party p ON p.id = r.party_id
        ORDER BY party_name, r.title
        """
    )
    return pd.DataFrame(
        rows,
        columns=[
            "id",
            "version",
            "title",
            "party_name",
            "gross_likelihood",
            "gross_impact",
            "net_likelihood",
            "net_impact",
        ],  # fmt: skip
    )


def preview(db: Database, new: Matrix, method: str) -> pd.DataFrame:
    """remap_preview for every risk in the database against the stored matrix."""
    risks = db.query(
        """
        SELECT r.id, r.version, r.title, coalesce(p.name, 'Gemeente zelf') AS party_name,
               r.gross_likelihood, r.gross_impact, r.net_likelihood, r.net_impact
        FROM risk r LEFT JOIN party p ON p.id = r.party_id
        ORDER BY party_name, r.title
        """
    )
    return remap_preview(risks, get_matrix(db), new, method)


def _current(tx: Tx) -> Matrix:
    found = tx.rows("SELECT value FROM setting WHERE key = ?", [SETTING_KEY])
    return from_dict(json.loads(found[0]["value"])) if found else default_matrix()


def save_matrix(
    db: Database,
    new: Matrix,
    method: str,
    actor: str,
    original: dict[str, Any] | None,
    previewed: pd.DataFrame | None = None,
) -> int:
    """Save the matrix and move every score with `method`, in one transaction; returns how many risks moved.

    `original` is the setting row as loaded (None when the defaults were shown): someone else's change to the
    matrix in between is refused. `previewed` is the preview the user saw: when a risk changed since, the save
    is refused too, so nobody saves a mapping they have not seen. A score without a place stops the save."""
    if method not in METHODS:
        raise ValidationError([FieldError("method", "Omzetting", f"kies uit: {', '.join(METHODS)}")], "Risicomatrix")
    payload = json.dumps(to_dict(from_dict(to_dict(new))))  # validated again: the page may pass anything

    def run(tx: Tx) -> int:
        stored = tx.rows("SELECT key, value, version FROM setting WHERE key = ?", [SETTING_KEY])
        if original is None and stored:
            raise ConflictError(
                "De risicomatrix is intussen door iemand anders opgeslagen. Uw wijziging is niet opgeslagen; "
                "laad de matrix opnieuw en bekijk de voorvertoning nog eens."
            )
        old = from_dict(json.loads(stored[0]["value"])) if stored else default_matrix()
        why = method_available(old, new, method)
        if why:
            raise ValidationError([FieldError("method", "Omzetting", why)], "Risicomatrix")
        plan = remap_preview(_scored_risks(tx), old, new, method)
        if previewed is not None:
            seen = dict(zip(previewed["id"], previewed["version"], strict=True))
            now = dict(zip(plan["id"], plan["version"], strict=True))
            if seen != now:
                raise ConflictError(
                    "Er zijn intussen risico's gewijzigd of toegevoegd. Er is niets opgeslagen; "
                    "bekijk de voorvertoning opnieuw."
                )
        stuck = plan[~plan["fits"]]
        if len(stuck):
            raise ValidationError(
                [
                    FieldError(
                        "method",
                        f"Risico '{r['title']}' ({r['party_name']})",
                        "; ".join(
                            f"{name} {r[f'{kind}_new']}"
                            for kind, name in (("gross", "bruto"), ("net", "netto"))
                            if r[f"{kind}_new"].startswith("past niet")
                        ),
                    )
                    for r in stuck.to_dict("records")
                ],
                f"Risicomatrix (omzetting {method}: {len(stuck)} risico's passen niet; kies een andere omzetting)",
            )
        if stored:
            tx.update("setting", SETTING_KEY, {"value": payload}, original=original)
        else:
            tx.insert("setting", {"key": SETTING_KEY, "value": payload})
        reason = f"Risicomatrix {old.size_text} → {new.size_text}, omzetting {method}"
        moved = 0
        for rec in plan.to_dict("records"):
            values = {
                col: (None if _missing(rec[f"new_{col}"]) else int(rec[f"new_{col}"]))
                for pair in SCORE_COLUMNS
                for col in pair
            }
            before = tx.get("risk", rec["id"])
            if before and any(before[c] != v for c, v in values.items()):
                tx.update("risk", rec["id"], values, reason=reason)
                moved += 1
        return moved

    return db.write(run, actor)
