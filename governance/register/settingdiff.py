"""What changed inside a setting's value, in words: a setting is stored as one JSON value (the risk matrix, the
rubric, the simulation settings), so 'Waarde: {…} → {…}' tells a reader nothing. `changes` walks both values and
names each changed part in Dutch ('Kans, niveau 1, naam: Zeer klein → Uiterst klein'). Pure: data in, lines out.
"""

from __future__ import annotations

import json
from typing import Any

from governance.core import formatting, labels

EURO_PARTS = frozenset(
    {"max_amount", "algemene_reserve", "stille_reserves", "onbenutte_belastingcapaciteit", "post_onvoorzien"}
)
MAX_LINES = 12  # a 5×5 → 6×6 matrix changes dozens of parts; the log shows the first ones and a count
Path = tuple[Any, ...]


def load(value: Any) -> Any:
    """A stored setting value (JSON text) as Python; text that is not JSON stays as it is."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _nested(items: list[Any]) -> bool:
    return any(isinstance(v, (dict, list)) for v in items)


def _flatten(value: Any, path: Path = ()) -> dict[Path, Any]:
    if isinstance(value, dict) and value:
        out: dict[Path, Any] = {}
        for key, item in value.items():
            out.update(_flatten(item, (*path, key)))
        return out
    if isinstance(value, list) and value and (path[:1] == ("cells",) or _nested(value)):
        out = {}
        for n, item in enumerate(value):
            out.update(_flatten(item, (*path, n)))
        return out
    return {path: value}


def _part(key: Any, parent: Any) -> str:
    """One step of a path in words: a known key by its label, a list position as 'niveau 2' (scales) or '2'."""
    if isinstance(key, int):
        item = labels.SETTING_ITEMS.get(str(parent))
        return f"{item} {key + 1}" if item else str(key + 1)
    return labels.SETTING_PARTS.get(str(key), str(key).replace("_", " "))


def path_text(path: Path) -> str:
    """('likelihood', 0, 'label') -> 'Kans, niveau 1, naam'; ('cells', 2, 4) -> 'Cel impact 3 × kans 5'."""
    if len(path) == 3 and path[0] == "cells" and all(isinstance(p, int) for p in path[1:]):
        return f"Cel impact {path[1] + 1} × kans {path[2] + 1}"
    text = ", ".join(_part(key, path[n - 1] if n else None) for n, key in enumerate(path))
    return text[:1].upper() + text[1:] if text else "Waarde"


def _levels(value: Any) -> dict[str, str]:
    """A matrix's level codes with their names, to show a cell as 'Hoog' instead of 'hoog'."""
    found = value.get("levels") if isinstance(value, dict) else None
    if not isinstance(found, dict):
        return {}
    return {code: str(v.get("label", code)) for code, v in found.items() if isinstance(v, dict)}


def _text(value: Any, path: Path, levels: dict[str, str]) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "(leeg)"
    if path[:1] == ("cells",) and isinstance(value, str):
        return levels.get(value, value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (int, float)) and path and path[-1] in EURO_PARTS:
        return formatting.euro(value)
    if isinstance(value, (int, float)):
        return formatting.number(value, 0 if float(value).is_integer() else 2)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _size(value: Any) -> str | None:
    """'5×5' for a matrix (likelihood × impact levels), None for anything else."""
    if isinstance(value, dict) and isinstance(value.get("likelihood"), list) and isinstance(value.get("impact"), list):
        return f"{len(value['likelihood'])}×{len(value['impact'])}"
    return None


def changes(before: Any, after: Any, limit: int = MAX_LINES) -> list[str]:
    """Each changed part of a setting value as 'part: before → after', at most `limit` lines plus a count of the
    rest. A matrix that changed size says so first."""
    before, after = load(before), load(after)
    lines: list[str] = []
    old_size, new_size = _size(before), _size(after)
    if old_size and new_size and old_size != new_size:
        lines.append(f"Formaat: {old_size} → {new_size}")
    old, new = _flatten(before), _flatten(after)
    old_levels, new_levels = _levels(before), _levels(after)
    for path in [*old, *(p for p in new if p not in old)]:
        if old.get(path) != new.get(path):
            was, now = _text(old.get(path), path, old_levels), _text(new.get(path), path, new_levels)
            lines.append(f"{path_text(path)}: {was} → {now}")
    if len(lines) > limit:
        return [*lines[:limit], f"… en nog {len(lines) - limit} wijzigingen"]
    return lines


def listing(value: Any, limit: int = MAX_LINES) -> list[str]:
    """A new setting's value part by part, 'part: value' (nothing to compare it with)."""
    value = load(value)
    levels = _levels(value)
    lines = [f"{path_text(path)}: {_text(item, path, levels)}" for path, item in _flatten(value).items()]
    if len(lines) > limit:
        return [*lines[:limit], f"… en nog {len(lines) - limit} onderdelen"]
    return lines
