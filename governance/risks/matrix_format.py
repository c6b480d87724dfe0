"""The risk matrix as a dict and as YAML: (de)serialising and validating what a beheerder uploads or edits."""

from __future__ import annotations

import math
from typing import Any

import yaml

from governance.core.errors import FieldError, ValidationError
from governance.risks.matrix import (
    _HEX,
    DEFAULT_LEVELS,
    LEVEL_CODES,
    MAX_LEVELS,
    MIN_LEVELS,
    Matrix,
    ScaleLevel,
    _missing,
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
MAX_YAML_DEPTH = 20  # a matrix needs 4 levels of nesting
MAX_YAML_NODES = 20_000  # a 9x9 matrix with every text filled in has about 400


class _PlainLoader(yaml.SafeLoader):
    """SafeLoader without anchors and aliases (`&a` / `*a`), and with its nesting and size capped.

    A matrix never needs them, and a 400-byte file of nested aliases (the "billion laughs") expands to
    billions of values: it took 46 s and 2.9 GB, one level more raised MemoryError. Refused here as the
    parser meets the first anchor, before anything is built."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(
                None, None, "ankers en verwijzingen (& en *) zijn niet toegestaan", event.start_mark
            )
        self._nodes += 1
        if self._nodes > MAX_YAML_NODES:
            raise yaml.composer.ComposerError(
                None, None, f"meer dan {MAX_YAML_NODES} waarden; een risicomatrix is veel kleiner", event.start_mark
            )
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"dieper genest dan {MAX_YAML_DEPTH} niveaus", event.start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


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
    if len(text) > MAX_YAML_BYTES:
        raise ValidationError([FieldError("yaml", "YAML-bestand", "is te groot (maximaal 100 kB)")], "Risicomatrix")
    try:
        raw = yaml.load(text, Loader=_PlainLoader)  # noqa: S506  # a SafeLoader, stricter still
    except (MemoryError, RecursionError):
        raise ValidationError(
            [FieldError("yaml", "YAML-bestand", "is te groot of te diep genest om in te lezen")], "Risicomatrix"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (regel {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "onleesbaar"
        raise ValidationError(
            [FieldError("yaml", "YAML-bestand", f"is geen geldige YAML{where}: {problem}")], "Risicomatrix"
        ) from None
    return from_dict(raw)
