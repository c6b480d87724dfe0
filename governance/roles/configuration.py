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
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import ConflictError, FieldError, ValidationError
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
    db: Database, party_id: int, values: dict[str, Any], actor: Actor, original: dict[str, Any]
) -> dict[str, Any]:
    """Record the role the gemeente takes at a party and the intended participation level."""
    clean = validate_stance(values)
    return db.write(lambda tx: tx.update("party", party_id, clean, original=original), actor, "register")


# -- settings -------------------------------------------------------------------------------------------------
SETTING_KEYS = (SETTING_MAX_BODIES, SETTING_HORIZON, SETTING_PORTFOLIO_DOMAINS)
# The settings as the form names them: in its validation messages and when someone else saved one in between.
SETTING_LABELS = {
    SETTING_MAX_BODIES: "Maximum aantal organen per persoon",
    SETTING_HORIZON: "Termijn loopt af binnen (dagen)",
    SETTING_PORTFOLIO_DOMAINS: "Portefeuille en beleidsveld",
}
NUMBER_LIMITS = {SETTING_MAX_BODIES: (1, 50), SETTING_HORIZON: (1, 730)}  # the whole numbers allowed, inclusive

SettingRows = dict[str, dict[str, Any] | None]


def settings_rows(db: Database) -> SettingRows:
    """The three stored setting rows as the settings form opens them (None where a setting is not stored yet)."""
    found = {r["key"]: r for r in db.rows("SELECT * FROM setting WHERE key IN (?, ?, ?)", list(SETTING_KEYS))}
    return {key: found.get(key) for key in SETTING_KEYS}


def settings_from_rows(rows: SettingRows) -> RoleSettings:
    """The role-signal settings in `settings_rows` output, with the defaults (6 bodies, 90 days, no mapping) where
    none is stored: the settings form shows the rows as it opened them, the signals the rows as stored now."""
    found = {key: json.loads(row["value"]) for key, row in rows.items() if row is not None}
    default = RoleSettings()
    mapping = found.get(SETTING_PORTFOLIO_DOMAINS) or {}
    return RoleSettings(
        max_bodies=int(found.get(SETTING_MAX_BODIES, default.max_bodies)),
        horizon_days=int(found.get(SETTING_HORIZON, default.horizon_days)),
        portfolio_domains={str(k): [str(d) for d in ds] for k, ds in mapping.items()},
    )


def settings(db: Database) -> RoleSettings:
    """The role-signal settings as stored now."""
    return settings_from_rows(settings_rows(db))


def portfolio_domain_rows(current: RoleSettings) -> list[dict[str, str]]:
    """The portefeuille -> beleidsveld mapping as the rows of the settings table (one term x domain a row): what
    `validate_settings` reads back."""
    return [
        {"term": term, "domain": domain} for term, domains in current.portfolio_domains.items() for domain in domains
    ]


def validate_settings(max_bodies: Any, horizon_days: Any, mapping_rows: list[dict[str, Any]]) -> RoleSettings:
    """Check the settings form: two whole numbers and the rows of the portefeuille -> beleidsveld table.
    Every wrong field is reported, rows numbered from 1 as the user sees them."""
    errors: list[FieldError] = []
    clean: dict[str, int] = {}
    for name, key, value in (
        ("max_bodies", SETTING_MAX_BODIES, max_bodies),
        ("horizon_days", SETTING_HORIZON, horizon_days),
    ):
        low, high = NUMBER_LIMITS[key]
        number, problem = v.number(low=low, high=high, integer=True)(value)
        if problem is None and number is None:
            problem = "is verplicht"
        if problem:
            errors.append(FieldError(name, SETTING_LABELS[key], problem))
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


def _refuse_newer_settings(tx: Tx, original: SettingRows) -> None:
    """Name every setting someone else saved since the form opened (Tx.put_setting would name only the first,
    and only as 'Waarde'), so the user knows which of the three to look at again."""
    newer: dict[str, tuple[object, object]] = {}
    for key in SETTING_KEYS:
        opened, now = original.get(key) or {}, tx.get("setting", key) or {}
        if opened.get("version") != now.get("version"):
            newer[key] = (opened.get("value"), now.get("value"))
    if newer:
        raise ConflictError(
            f"De instellingen van de signalen zijn intussen door iemand anders gewijzigd "
            f"({', '.join(SETTING_LABELS[key] for key in newer)}). Uw wijziging is niet opgeslagen; bekijk de nieuwe "
            "instellingen en probeer het opnieuw.",
            newer,
        )


def save_settings(
    db: Database,
    max_bodies: Any,
    horizon_days: Any,
    mapping_rows: list[dict[str, Any]],
    actor: Actor,
    original: SettingRows,
) -> RoleSettings:
    """Validate and store the settings in one transaction (all three, or none). `original` is `settings_rows` as
    the form opened them: a setting someone else saved in between is refused, not overwritten."""
    new = validate_settings(max_bodies, horizon_days, mapping_rows)
    values = dict(zip(SETTING_KEYS, (new.max_bodies, new.horizon_days, new.portfolio_domains), strict=True))

    def run(tx: Tx) -> None:
        _refuse_newer_settings(tx, original)
        for key in SETTING_KEYS:
            tx.put_setting(key, values[key], original.get(key))

    db.write(run, actor, "settings")
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
