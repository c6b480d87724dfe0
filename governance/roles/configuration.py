"""A party's government role and participation level, the settings the role signals measure against, and how
a portefeuille covers a beleidsveld."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from governance import register
from governance.core import labels
from governance.core import validation as v
from governance.core.db import Database
from governance.core.errors import FieldError, ValidationError
from governance.roles.people import (
    SETTING_HORIZON,
    SETTING_MAX_BODIES,
    SETTING_PORTFOLIO_DOMAINS,
    RoleSettings,
)


# -- government role and participation ------------------------------------------------------------------------
def validate_stance(values: dict[str, Any], row: int | None = None, entity: str | None = None) -> dict[str, Any]:
    clean, errors = v.apply("party", register.STANCE_SCHEMA, values, row)
    if errors:
        raise ValidationError(errors, entity or labels.entity("party"))
    return clean


def set_stance(
    db: Database, party_id: int, values: dict[str, Any], actor: str, original: dict[str, Any]
) -> dict[str, Any]:
    """Record the role the gemeente takes at a party and the intended participation level."""
    clean = validate_stance(values)
    return db.write(lambda tx: tx.update("party", party_id, clean, original=original), actor)


# -- settings -------------------------------------------------------------------------------------------------
def _setting_values(db: Database) -> dict[str, Any]:
    rows = db.rows(
        "SELECT key, value FROM setting WHERE key IN (?, ?, ?)",
        [SETTING_MAX_BODIES, SETTING_HORIZON, SETTING_PORTFOLIO_DOMAINS],
    )
    return {r["key"]: json.loads(r["value"]) for r in rows}


def settings(db: Database) -> RoleSettings:
    """The role-signal settings, with the defaults (6 bodies, 90 days, no mapping) where none is stored."""
    found = _setting_values(db)
    default = RoleSettings()
    mapping = found.get(SETTING_PORTFOLIO_DOMAINS) or {}
    return RoleSettings(
        max_bodies=int(found.get(SETTING_MAX_BODIES, default.max_bodies)),
        horizon_days=int(found.get(SETTING_HORIZON, default.horizon_days)),
        portfolio_domains={str(k): [str(d) for d in ds] for k, ds in mapping.items()},
    )


def validate_settings(max_bodies: Any, horizon_days: Any, mapping_rows: list[dict[str, Any]]) -> RoleSettings:
    """Check the settings form: two whole numbers and the rows of the portefeuille -> beleidsveld table.
    Every wrong field is reported, rows numbered from 1 as the user sees them."""
    errors: list[FieldError] = []
    limits = {
        "max_bodies": ("Maximum aantal organen per persoon", max_bodies, 1, 50),
        "horizon_days": ("Termijn loopt af binnen (dagen)", horizon_days, 1, 730),
    }
    clean: dict[str, int] = {}
    for name, (label, value, low, high) in limits.items():
        number, problem = v.number(low=low, high=high, integer=True)(value)
        if problem is None and number is None:
            problem = "is verplicht"
        if problem:
            errors.append(FieldError(name, label, problem))
        else:
            clean[name] = int(number)
    mapping: dict[str, list[str]] = {}
    for n, row in enumerate(mapping_rows, start=1):
        term, domain = row.get("term"), row.get("domain")
        if v.blank(term) and v.blank(domain):
            continue
        if v.blank(term):
            errors.append(FieldError("term", "Portefeuille-onderdeel", "is verplicht", n))
        if v.blank(domain):
            errors.append(FieldError("domain", "Beleidsveld", "is verplicht", n))
        if not v.blank(term) and not v.blank(domain):
            domains = mapping.setdefault(str(term).strip(), [])
            if str(domain).strip() not in domains:
                domains.append(str(domain).strip())
    if errors:
        raise ValidationError(errors, "Instellingen signalen")
    return RoleSettings(clean["max_bodies"], clean["horizon_days"], mapping)


SETTING_KEYS = (SETTING_MAX_BODIES, SETTING_HORIZON, SETTING_PORTFOLIO_DOMAINS)


def settings_rows(db: Database) -> dict[str, dict[str, Any] | None]:
    """The three stored setting rows as the settings form opens them (None where a setting is not stored yet)."""
    found = {r["key"]: r for r in db.rows("SELECT * FROM setting WHERE key IN (?, ?, ?)", list(SETTING_KEYS))}
    return {key: found.get(key) for key in SETTING_KEYS}


def save_settings(
    db: Database,
    max_bodies: Any,
    horizon_days: Any,
    mapping_rows: list[dict[str, Any]],
    actor: str,
    original: dict[str, dict[str, Any] | None],
) -> RoleSettings:
    """Validate and store the settings in one transaction (all three, or none). `original` is `settings_rows` as
    the form opened them: a setting someone else saved in between is refused, not overwritten."""
    new = validate_settings(max_bodies, horizon_days, mapping_rows)
    values = dict(zip(SETTING_KEYS, (new.max_bodies, new.horizon_days, new.portfolio_domains), strict=True))
    db.write(lambda tx: [tx.put_setting(key, values[key], original.get(key)) for key in SETTING_KEYS], actor)
    return new


# -- portefeuille -> beleidsveld ------------------------------------------------------------------------------
def portfolio_items(portfolio: str | None) -> list[str]:
    """The parts of a portfolio text: 'Financiën; Bedrijfsvoering' -> ['Financiën', 'Bedrijfsvoering']."""
    if not portfolio or not isinstance(portfolio, str):
        return []
    return [p.strip() for p in re.split(r"[;,]", portfolio) if p.strip()]


def _mentions(text: str, phrase: str) -> bool:
    """`phrase` occurs in `text` as whole words, ignoring case ('Sport' is not in 'Transport')."""
    return re.search(rf"(?<!\w){re.escape(phrase.strip())}(?!\w)", text, flags=re.IGNORECASE) is not None


def covers(portfolio: str | None, domain: str | None, mapping: dict[str, list[str]] | None = None) -> bool:
    """Does a portefeuille cover a beleidsveld? Yes when the beleidsveld's name appears in the portfolio text
    (whole words, any case), or a term of the portfolio is mapped to that beleidsveld in the settings."""
    if not domain or not isinstance(domain, str) or not domain.strip():
        return True  # a party without a beleidsveld cannot be out of anyone's portfolio
    text = portfolio if isinstance(portfolio, str) else ""
    if _mentions(text, domain):
        return True
    for term, domains in (mapping or {}).items():
        if _mentions(text, term) and any(d.strip().lower() == domain.strip().lower() for d in domains):
            return True
    return False


def our_organisation_name(db: Database) -> str:
    """The name of our own organisation (the centre of the role map); 'Gemeente' when none is marked."""
    return str(db.scalar("SELECT name FROM organisation WHERE is_ours ORDER BY id LIMIT 1") or "Gemeente")


def reference_date(raw: Any, today: dt.date | None = None) -> dt.date:
    """The date a page evaluates on: `raw` from the URL (?peildatum=2026-11-24 or 24-11-2026), else today."""
    day, problem = v.date()(raw)
    return day if day is not None and problem is None else (today or dt.date.today())
