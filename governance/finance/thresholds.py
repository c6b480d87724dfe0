"""The thresholds of the financial signals: one setting, key 'finance_signals'.

No law sets these thresholds. Each default comes from practice (domain.md §6) and says so, with its source; a
gemeente sets its own, and then the source reads "eigen instelling".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from governance.core import formatting, labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, ValidationError

KEY = "finance_signals"

# name -> (Dutch label, default, (low, high), whole number, source of the default). None as a default: not set.
FIELDS: dict[str, tuple[str, float | None, tuple[float, float], bool, str]] = {
    "min_solvency_pct": (
        "Solvabiliteit ten minste (%)",
        10.0,
        (0, 100),
        False,
        "praktijkwaarde, geen wettelijke norm: solvabiliteit (EV/TV) van 0,1 of lager geldt in gepubliceerde "
        "kengetallen als zwak (domain.md §6)",
    ),
    "negative_years": (
        "Negatieve resultaten op rij (jaren)",
        2,
        (1, 10),
        True,
        "praktijkwaarde, geen wettelijke norm: een tekort dat terugkeert is meer dan een incident",
    ),
    "index_pct": (
        "Indexpercentage bijdragen (%)",
        4.0,
        (0, 100),
        False,
        "standaardwaarde, geen wettelijke norm: vul het indexpercentage uit de eigen kaderbrief of de "
        "begrotingsrichtlijnen voor de regelingen in",
    ),
    "max_exposure_per_inhabitant": (
        "Leningen en garanties per inwoner ten hoogste (€)",
        40.0,
        (0, 1_000_000),
        False,
        "standaardwaarde, geen wettelijke norm: een bedrag per inwoner waarboven de controller het wil zien",
    ),
    "begroting_total": (
        "Totaal eigen begroting (€)",
        None,
        (0, 1e13),
        False,
        "niet ingevuld: zonder dit bedrag wegen leningen en garanties tegen het aantal inwoners",
    ),
    "max_exposure_share_pct": (
        "Leningen en garanties ten hoogste (% van de eigen begroting)",
        1.0,
        (0, 100),
        False,
        "standaardwaarde, geen wettelijke norm; telt alleen als het totaal van de eigen begroting is ingevuld",
    ),
}
OWN_SOURCE = "eigen instelling"
UNITS = {
    "min_solvency_pct": "%",
    "index_pct": "%",
    "max_exposure_share_pct": "%",
    "max_exposure_per_inhabitant": "€",
    "begroting_total": "€",
}


@dataclass(frozen=True)
class FinanceSettings:
    min_solvency_pct: float = 10.0
    negative_years: int = 2
    index_pct: float = 4.0
    max_exposure_per_inhabitant: float | None = 40.0
    begroting_total: float | None = None
    max_exposure_share_pct: float | None = 1.0
    stored: tuple[str, ...] = ()  # the names the gemeente set itself; the others are the defaults

    def source(self, name: str) -> str:
        """Where the value comes from: the gemeente's own setting, or the default with its source."""
        return OWN_SOURCE if name in self.stored else FIELDS[name][4]

    def shown(self, name: str) -> str:
        """'10 % (standaard)', '€ 40 (standaard)', '2' style text of one value for a rule text."""
        value = getattr(self, name)
        if value is None:
            return "niet ingevuld"
        number = formatting.number(value, 0 if float(value).is_integer() else 1)
        unit = UNITS.get(name)
        text = f"€ {number}" if unit == "€" else f"{number} %" if unit == "%" else number
        return text + ("" if name in self.stored else " (standaard)")


def from_stored(stored: dict[str, Any] | None) -> FinanceSettings:
    found = {k: val for k, val in (stored or {}).items() if k in FIELDS}
    values: dict[str, Any] = {}
    for name, (_label, default, _limits, whole, _source) in FIELDS.items():
        raw = found.get(name, default)
        values[name] = None if raw is None else (int(raw) if whole else float(raw))
    return FinanceSettings(**values, stored=tuple(k for k in FIELDS if k in found))


def setting_row(db: Database | Tx) -> dict[str, Any] | None:
    """The stored setting row (key, value, version), None while every default applies."""
    found = db.rows("SELECT key, value, version FROM setting WHERE key = ?", [KEY])
    return found[0] if found else None


def settings(db: Database | Tx) -> FinanceSettings:
    row = setting_row(db)
    return from_stored(json.loads(row["value"]) if row else None)


def rows(current: FinanceSettings) -> list[dict[str, Any]]:
    """One row per threshold: name, label, value, source (what the page and the CLI show)."""
    return [
        {"name": n, "label": f[0], "value": getattr(current, n), "source": current.source(n)} for n, f in FIELDS.items()
    ]


def validate(values: dict[str, Any]) -> dict[str, Any]:
    """Check the thresholds; every wrong field is reported. Blank begroting_total (or a blank optional
    threshold) is stored as not set."""
    clean: dict[str, Any] = {}
    errors: list[FieldError] = []
    for name, (label, default, (low, high), whole, _source) in FIELDS.items():
        if name not in values:
            continue
        number, problem = v.number(low=low, high=high, integer=whole)(values[name])
        if problem is None and number is None and default is not None and name != "max_exposure_share_pct":
            problem = "is verplicht"
        if problem:
            errors.append(FieldError(name, label, problem))
        else:
            clean[name] = None if number is None else (int(number) if whole else float(number))
    if errors:
        raise ValidationError(errors, labels.setting(KEY))
    return clean


def save(db: Database, values: dict[str, Any], actor: Actor, original: dict[str, Any] | None) -> None:
    """Store the gemeente's own thresholds (only the ones given); audited, refused over a newer save."""
    clean = validate(values)

    def run(tx: Tx) -> None:
        row = tx.get("setting", KEY)
        current = json.loads(row["value"]) if row else {}
        tx.put_setting(KEY, {**current, **clean}, original)

    db.write(run, actor, "settings")
