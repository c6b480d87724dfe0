"""Who represents the gemeente where: persons, their representations, a party's government role and the
settings of the role signals. Validation and writes here; the signals live in governance.rolesignals.

A representation is person x party x body (orgaan) x capacity (rol) x from/to. The ambtelijk accounthouder and
adviseur are representations too, with body 'accounthouder' or 'adviseur' (labels.OFFICIAL_BODIES).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from governance import labels
from governance import validation as v
from governance.db import Database, Tx
from governance.errors import FieldError, NotFoundError, ValidationError

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

# The two party columns of 006_roles.sql; DuckDB cannot CHECK them, so this is where their code lists hold.
STANCE_SCHEMA: dict[str, v.Check] = {
    "government_role": v.choice(labels.GOVERNMENT_ROLES, required=False),
    "participation_level": v.choice(labels.PARTICIPATION_LEVELS, required=False),
    "government_role_notes": v.text(max_len=2000),
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
    actor: str,
    person_id: int | None = None,
    original: dict[str, Any] | None = None,
) -> int:
    """Add a person (person_id None) or change one; `original` refuses to overwrite someone else's change."""
    if person_id is None:
        return db.write(lambda tx: insert_person(tx, values), actor)
    clean = validate_person(values, new=False)
    db.write(lambda tx: tx.update("person", person_id, clean, original=original), actor)
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


# -- representations ------------------------------------------------------------------------------------------
def validate_representation(
    tx: Tx, values: dict[str, Any], row: int | None = None, rep_id: int | None = None
) -> dict[str, Any]:
    """Clean a representation (all fields, as a form or an import row sends them) or raise every error."""
    clean, errors = v.apply("representation", REPRESENTATION_SCHEMA, values, row)

    def err(name: str, message: str) -> None:
        errors.append(FieldError(name, labels.field("representation", name), message, row))

    person = party = None
    for name, table in (("person_id", "person"), ("party_id", "party")):
        raw = values.get(name)
        if v.blank(raw):
            err(name, "is verplicht")
            continue
        try:
            found = tx.rows(f"SELECT * FROM {table} WHERE id = ?", [int(raw)])
        except (TypeError, ValueError):
            found = []
        if not found:
            err(name, f"{labels.entity(table)} {raw} bestaat niet")
            continue
        clean[name] = int(raw)
        if table == "person":
            person = found[0]
        else:
            party = found[0]
    for name in ("body", "capacity"):
        if clean.get(name) is None and not any(e.field == name for e in errors):
            err(name, "is verplicht")
    start, end = clean.get("start_date"), clean.get("end_date")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        err("end_date", f"ligt vóór de begindatum ({start:%d-%m-%Y})")
    body = clean.get("body")
    if person is not None and body in labels.OFFICIAL_BODIES and person["function"] not in OFFICIAL_FUNCTIONS:
        err(
            "body",
            f"{labels.BODIES[body].lower()} is een ambtelijke rol; {person['name']} is "
            f"{labels.FUNCTIONS[person['function']].lower()}, geen ambtenaar of gemeentesecretaris",
        )
    if person is not None and body in ADMINISTRATOR_ONLY_BODIES and person["function"] not in labels.ADMINISTRATORS:
        err(
            "body",
            f"in het {labels.BODIES[body]} zitten alleen de burgemeester, wethouders of raadsleden; "
            f"{person['name']} is {labels.FUNCTIONS[person['function']].lower()}",
        )
    if not errors and person is not None and party is not None:
        overlap = _overlapping(tx, clean, rep_id)
        if overlap:
            err(
                "start_date",
                f"{person['name']} zit al in dit orgaan bij {party['name']} in een overlappende periode "
                f"({_period(overlap['start_date'], overlap['end_date'])})",
            )
    if errors:
        order = list(labels.FIELDS["representation"])  # the order of the form
        errors.sort(key=lambda e: order.index(e.field) if e.field in order else len(order))
        raise ValidationError(errors, labels.entity("representation"))
    return clean


def _period(start: Any, end: Any) -> str:
    def show(d: Any, empty: str) -> str:
        return d.strftime("%d-%m-%Y") if isinstance(d, dt.date) else empty

    return f"{show(start, 'onbekend begin')} t/m {show(end, 'heden')}"


def _overlapping(tx: Tx, clean: dict[str, Any], rep_id: int | None) -> dict[str, Any] | None:
    """Another representation of the same person in the same body of the same party in an overlapping period."""
    found = tx.rows(
        """
        SELECT id, start_date, end_date FROM representation
        WHERE person_id = ? AND party_id = ? AND body = ? AND id <> ?
          AND coalesce(start_date, DATE '0001-01-01') <= coalesce(?::DATE, DATE '9999-12-31')
          AND coalesce(end_date, DATE '9999-12-31') >= coalesce(?::DATE, DATE '0001-01-01')
        ORDER BY start_date
        """,
        [
            clean["person_id"],
            clean["party_id"],
            clean["body"],
            rep_id or -1,
            clean.get("end_date"),
            clean.get("start_date"),
        ],
    )
    return found[0] if found else None


def insert_representation(tx: Tx, values: dict[str, Any], row: int | None = None) -> int:
    return int(tx.insert("representation", validate_representation(tx, values, row)))


def save_representation(
    db: Database,
    values: dict[str, Any],
    actor: str,
    rep_id: int | None = None,
    original: dict[str, Any] | None = None,
) -> int:
    """Add a representation (rep_id None) or change one. `values` holds every field, as the form sends them."""

    def run(tx: Tx) -> int:
        if rep_id is None:
            return insert_representation(tx, values)
        clean = validate_representation(tx, values, rep_id=rep_id)
        tx.update("representation", rep_id, clean, original=original)
        return rep_id

    return db.write(run, actor)


def end_representation(
    db: Database,
    rep_id: int,
    end_date: Any,
    actor: str,
    reason: str | None = None,
    original: dict[str, Any] | None = None,
) -> None:
    """End a term on `end_date` (the last day in office); the reason goes into the audit log."""

    def run(tx: Tx) -> None:
        current = tx.get("representation", rep_id)
        if current is None:
            raise NotFoundError(f"Vertegenwoordiging {rep_id} bestaat niet (meer).")
        day, problem = v.date()(end_date)
        if day is None and problem is None:
            problem = "is verplicht"
        if problem is None and current["start_date"] is not None and day < current["start_date"]:
            problem = f"ligt vóór de begindatum ({current['start_date']:%d-%m-%Y})"
        if problem:
            raise ValidationError(
                [FieldError("end_date", labels.field("representation", "end_date"), problem)],
                labels.entity("representation"),
            )
        tx.update("representation", rep_id, {"end_date": day}, original=original, reason=reason or None)

    db.write(run, actor)


def delete_representation(db: Database, rep_id: int, actor: str, reason: str | None = None) -> None:
    """Remove a representation entered by mistake (a term that ended is ended, not deleted)."""
    db.write(lambda tx: tx.delete("representation", rep_id, reason=reason or None), actor)


def parties_for_choice(db: Database) -> pd.DataFrame:
    """Parties a new representation can be at: not archived, by name."""
    return db.query("SELECT id, code, name FROM party WHERE archived_at IS NULL ORDER BY name")


def policy_domains(db: Database) -> list[str]:
    """The beleidsvelden in use by parties, for the portefeuille mapping."""
    return [
        r["policy_domain"]
        for r in db.rows(
            "SELECT DISTINCT policy_domain FROM party WHERE policy_domain IS NOT NULL ORDER BY policy_domain"
        )
    ]


def get_representation(db: Database, rep_id: int) -> dict[str, Any]:
    found = db.rows("SELECT * FROM representation WHERE id = ?", [rep_id])
    if not found:
        raise NotFoundError(f"Vertegenwoordiging {rep_id} bestaat niet.")
    return found[0]


def representation_table(db: Database) -> pd.DataFrame:
    """Every representation with its person and party, one row each (codes, not labels). Parties that are
    archived or opgeheven are left out: nobody represents the gemeente there any more."""
    return db.query(
        """
        SELECT r.id, r.person_id, pe.code AS person_code, pe.name AS person_name, pe.function, pe.portfolio,
               r.party_id, pa.code AS party_code, pa.name AS party_name, pa.policy_domain, pa.status,
               pa.ended AS party_ended, pa.government_role, pa.participation_level,
               r.body, r.capacity, r.start_date, r.end_date, r.notes, r.version
        FROM representation r
        JOIN person pe ON pe.id = r.person_id
        JOIN party pa ON pa.id = r.party_id
        WHERE pa.archived_at IS NULL AND pa.status <> 'opgeheven'
        ORDER BY pe.name, pa.name, r.body, r.start_date
        """
    )


def active_on(reps: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    """The representations in force on `on`: begun (or no start known) and not yet ended (inclusive)."""
    start = pd.to_datetime(reps["start_date"])
    end = pd.to_datetime(reps["end_date"])
    day = pd.Timestamp(on)
    return reps[(start.isna() | (start <= day)) & (end.isna() | (end >= day))]


def date_range(reps: pd.DataFrame, today: dt.date) -> tuple[dt.date, dt.date]:
    """The span a date slider over `reps` should offer: the first start to a year after today or the last end."""
    starts = pd.to_datetime(reps["start_date"]).dropna()
    ends = pd.to_datetime(reps["end_date"]).dropna()
    first = min(starts.min().date(), today) if len(starts) else today - dt.timedelta(days=365 * 4)
    last = max([today + dt.timedelta(days=365), *([ends.max().date()] if len(ends) else [])])
    return first, last


# -- government role and participation ------------------------------------------------------------------------
def validate_stance(values: dict[str, Any], row: int | None = None, entity: str | None = None) -> dict[str, Any]:
    clean, errors = v.apply("party", STANCE_SCHEMA, values, row)
    if errors:
        raise ValidationError(errors, entity or labels.entity("party"))
    return clean


def set_stance(
    db: Database, party_id: int, values: dict[str, Any], actor: str, original: dict[str, Any] | None = None
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


def save_settings(
    db: Database, max_bodies: Any, horizon_days: Any, mapping_rows: list[dict[str, Any]], actor: str
) -> RoleSettings:
    """Validate and store the settings in one transaction (all three, or none)."""
    new = validate_settings(max_bodies, horizon_days, mapping_rows)

    def run(tx: Tx) -> None:
        for key, value in (
            (SETTING_MAX_BODIES, new.max_bodies),
            (SETTING_HORIZON, new.horizon_days),
            (SETTING_PORTFOLIO_DOMAINS, new.portfolio_domains),
        ):
            text = json.dumps(value, ensure_ascii=False, sort_keys=True)
            if tx.get("setting", key) is None:
                tx.insert("setting", {"key": key, "value": text})
            elif json.loads(tx.get("setting", key)["value"]) != value:
                tx.update("setting", key, {"value": text})

    db.write(run, actor)
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
