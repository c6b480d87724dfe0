"""Who represents the gemeente where: persons, their representations, a party's government role and the
settings of the role signals. Validation and writes here; the signals live in governance.rolesignals.

A representation is person x party x body (orgaan) x capacity (rol) x from/to. The ambtelijk accounthouder and
adviseur are representations too, with body 'accounthouder' or 'adviseur' (labels.OFFICIAL_BODIES).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from governance.core import labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, NotFoundError, ValidationError

PERSON_SCHEMA: dict[str, v.Check] = {
    "code": v.pattern(r"[a-z0-9][a-z0-9-]{0,39}", "alleen kleine letters, cijfers en '-' (maximaal 40 tekens)"),
    "name": v.text(required=True, max_len=200),
    "function": v.choice(labels.FUNCTIONS),
    "portfolio": v.text(max_len=300),
    "email": v.pattern(r"[^@\s]+@[^@\s]+\.[^@\s]+", "is geen geldig e-mailadres"),
}

REPRESENTATION_SCHEMA: dict[str, v.Check] = {
    "body": v.choice(labels.BODIES),
    "capacity": v.choice(labels.CAPACITIES),
    "start_date": v.date(),
    "end_date": v.date(),
    "notes": v.text(max_len=1000),
}

# Bodies of a gemeenschappelijke regeling that only bestuurders can sit in (Wgr: AB and DB members and the
# voorzitter come from the raad, the college or the burgemeester).
ADMINISTRATOR_ONLY_BODIES = ("ab", "db", "voorzitter")
OFFICIAL_FUNCTIONS = ("ambtenaar", "gemeentesecretaris")

SETTING_MAX_BODIES = "roles.max_bodies"
SETTING_HORIZON = "roles.term_horizon_days"
SETTING_PORTFOLIO_DOMAINS = "roles.portfolio_domains"


@dataclass(frozen=True)
class RoleSettings:
    """What the role signals measure against. `portfolio_domains` maps a portefeuille term (as it appears in
    a portfolio text) to the policy domains (beleidsvelden) it covers besides its own name."""

    max_bodies: int = 6
    horizon_days: int = 90
    portfolio_domains: dict[str, list[str]] = field(default_factory=dict)


# -- persons --------------------------------------------------------------------------------------------------
def validate_person(values: dict[str, Any], row: int | None = None, new: bool = True) -> dict[str, Any]:
    clean, errors = v.apply("person", PERSON_SCHEMA, values, row)
    if new:
        for name in ("name", "function"):
            if name not in values:
                errors.append(FieldError(name, labels.field("person", name), "is verplicht", row))
    if errors:
        raise ValidationError(errors, labels.entity("person"))
    return clean


def _unique_person_code(tx: Tx, wanted: str) -> str:
    code, n = wanted or "persoon", 1
    while tx.execute("SELECT 1 FROM person WHERE code = ?", [code]):
        n += 1
        code = f"{wanted[:36]}-{n}"
    return code


def insert_person(tx: Tx, values: dict[str, Any], row: int | None = None) -> int:
    clean = validate_person(values, row)
    if not clean.get("code"):
        clean["code"] = _unique_person_code(tx, v.slug(clean["name"]))
    return int(tx.insert("person", clean))


def save_person(
    db: Database,
    values: dict[str, Any],
    actor: Actor,
    person_id: int | None = None,
    original: dict[str, Any] | None = None,
) -> int:
    """Add a person (person_id None) or change one; `original` refuses to overwrite someone else's change."""
    if person_id is None:
        return db.write(lambda tx: insert_person(tx, values), actor, "register")
    clean = validate_person(values, new=False)
    db.write(lambda tx: tx.update("person", person_id, clean, original=original), actor, "register")
    return person_id


def persons(db: Database) -> pd.DataFrame:
    """Every person, bestuurders first (burgemeester, wethouders, raadsleden), then by name."""
    frame = db.query("SELECT * FROM person ORDER BY name")
    order = {f: i for i, f in enumerate(labels.FUNCTIONS)}
    return frame.sort_values(["function", "name"], key=lambda s: s.map(order) if s.name == "function" else s)


def get_person(db: Database, person_id: int) -> dict[str, Any]:
    found = db.rows("SELECT * FROM person WHERE id = ?", [person_id])
    if not found:
        raise NotFoundError(f"Persoon {person_id} bestaat niet.")
    return found[0]
