"""The register of verbonden partijen: create, edit, archive, and the read models of the Register page.

Parties are archived, never deleted: the jaarstukken of earlier years must keep pointing at them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from governance.core import labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, NotFoundError, ValidationError
from governance.register import verbonden

# The two party columns of 006_roles.sql; DuckDB cannot CHECK them, so this is where their code lists hold.
STANCE_SCHEMA: dict[str, v.Check] = {
    "government_role": v.choice(labels.GOVERNMENT_ROLES, required=False),
    "participation_level": v.choice(labels.PARTICIPATION_LEVELS, required=False),
    "government_role_notes": v.text(max_len=2000),
    "government_connector": v.tristate(),  # the gemeente acts as verbinder (migration 027)
}

PARTY_SCHEMA: dict[str, v.Check] = {
    "code": v.pattern(r"[a-z0-9][a-z0-9-]{0,39}", "alleen kleine letters, cijfers en '-' (maximaal 40 tekens)"),
    "name": v.text(required=True, max_len=200),
    "legal_form": v.choice(labels.LEGAL_FORMS),
    "bbv_category": v.choice(labels.BBV_CATEGORIES),
    "seat": v.text(max_len=100),
    "kvk": v.pattern(r"\d{8}", "moet uit 8 cijfers bestaan"),
    "roo_id": v.text(max_len=100),
    "interest_held": v.text(),
    "public_interest": v.text(max_len=5000),
    "policy_domain": v.text(max_len=100),
    "programme": v.text(max_len=100),
    "founded": v.date(),
    "ended": v.date(),
    "mandatory": v.boolean(),
    "status": v.choice(labels.PARTY_STATUS),
    "no_material_risks": v.boolean(),
    "notes": v.text(),
    "regeling_name": v.text(max_len=300),
    "executing_body": v.text(max_len=200),
    "source_url": v.pattern(r"https?://\S+", "moet een webadres zijn (https://...)"),
    **STANCE_SCHEMA,  # government role and participation level (migration 006)
    # art. 1 BBV: is it a verbonden partij (migration 012, governance.register.verbonden)
    "control_interest": v.tristate(),
    "control_ground": v.choice(labels.CONTROL_GROUNDS, required=False),
    "financial_interest": v.tristate(),
    "financial_ground": v.choice(labels.FINANCIAL_GROUNDS, required=False),
    "centre_municipality": v.tristate(),
    "vp_notes": v.text(max_len=5000),
}

REQUIRED = ("name", "legal_form", "bbv_category")


def validate_party(values: dict[str, Any], row: int | None = None, new: bool = True) -> dict[str, Any]:
    """Clean a party's fields or raise ValidationError with every wrong field at once."""
    clean, errors = v.apply("party", PARTY_SCHEMA, values, row)
    if new:
        for name in REQUIRED:
            if name not in values:
                errors.append(FieldError(name, labels.field("party", name), "is verplicht", row))
    founded, ended = clean.get("founded"), clean.get("ended")
    if isinstance(founded, dt.date) and isinstance(ended, dt.date) and ended < founded:
        errors.append(FieldError("ended", labels.field("party", "ended"), "ligt vóór de oprichtingsdatum", row))
    if not errors:
        errors += verbonden.check(clean, None, row)
    if errors:
        raise ValidationError(errors, labels.entity("party"))
    return clean


def _unique_code(tx: Tx, wanted: str) -> str:
    code, n = wanted, 1
    while tx.execute("SELECT 1 FROM party WHERE code = ?", [code]):
        n += 1
        code = f"{v.cut_words(wanted, 36)}-{n}"
    return code


def insert_party(tx: Tx, values: dict[str, Any], row: int | None = None, system: dict[str, Any] | None = None) -> int:
    """Validate and insert inside an open transaction (used by forms, the demo loader and imports). `system`
    holds columns the application sets itself, never a user (e.g. register_values of the national register)."""
    clean = validate_party(values, row)
    if not clean.get("code"):
        clean["code"] = _unique_code(tx, v.slug(clean["name"]))
    return int(tx.insert("party", {**clean, **(system or {})}))


def create_party(db: Database, values: dict[str, Any], actor: Actor) -> int:
    return db.write(lambda tx: insert_party(tx, values), actor, "register")


def update_party(
    db: Database, party_id: int, values: dict[str, Any], actor: Actor, original: dict[str, Any]
) -> dict[str, Any]:
    """Save changed fields; with `original` a concurrent change by someone else is refused, not overwritten."""
    clean = validate_party(values, new=False)
    return db.write(lambda tx: tx.update("party", party_id, clean, original=original), actor, "register")


def validate_determination(values: dict[str, Any], legal_form: str | None, row: int | None = None) -> dict[str, Any]:
    """The art. 1 BBV fields of one party (verbonden.DETERMINATION_FIELDS), cleaned, or every error at once.
    Whether the gemeente is the centrumgemeente is only asked of a centrumregeling; for another form it is
    left empty."""
    clean = validate_party({k: values.get(k) for k in verbonden.DETERMINATION_FIELDS}, row, new=False)
    if legal_form != "centrumregeling":
        clean["centre_municipality"] = None
    return clean


def save_determination(
    db: Database, party_id: int, values: dict[str, Any], actor: Actor, original: dict[str, Any]
) -> dict[str, Any]:
    """Record whether a party is a verbonden partij (both belangen with their ground, the note); a change
    someone else saved since `original` was opened is refused."""
    clean = validate_determination(values, original.get("legal_form"))
    return db.write(lambda tx: tx.update("party", party_id, clean, original=original), actor, "register")


def determine_parties(db: Database, originals: dict[int, dict[str, Any]], values: dict[str, Any], actor: Actor) -> int:
    """The same determination for several parties at once (all or nothing): each party compared with the row as
    the user opened it (`originals`, id -> row). Returns how many changed."""
    if not originals:
        raise ValidationError(
            [FieldError("party", labels.entity("party"), "kies ten minste één partij")], labels.entity("party")
        )
    cleaned = {pid: validate_determination(values, row.get("legal_form")) for pid, row in originals.items()}

    def run(tx: Tx) -> int:
        changed = 0
        for pid, clean in cleaned.items():
            before = originals[pid]
            after = tx.update("party", pid, clean, original=before, reason="Beoordeling verbonden partij (meerdere)")
            changed += int(after.get("version") != before.get("version"))
        return changed

    return db.write(run, actor, "register")


def archive_party(
    db: Database, party_id: int, actor: Actor, original: dict[str, Any], reason: str | None = None
) -> None:
    """Archive a party (never deleted). `original` is the party as the user saw it when pressing the button."""

    def run(tx: Tx) -> None:
        stamp = {"archived_at": dt.datetime.now()}
        tx.update("party", party_id, stamp, original=original, reason=reason, action="archive")

    db.write(run, actor, "register")


def restore_party(
    db: Database, party_id: int, actor: Actor, original: dict[str, Any], reason: str | None = None
) -> None:
    db.write(
        lambda tx: tx.update(
            "party", party_id, {"archived_at": None}, original=original, reason=reason, action="restore"
        ),
        actor,
        "register",
    )


def get_party(db: Database, party_id: int) -> dict[str, Any]:
    found = db.rows("SELECT * FROM party WHERE id = ?", [party_id])
    if not found:
        raise NotFoundError(f"Verbonden partij {party_id} bestaat niet.")
    return found[0]


def parties(db: Database, include_archived: bool = False) -> pd.DataFrame:
    """All parties with their codes (not labels); archived ones only when asked."""
    where = "" if include_archived else "WHERE archived_at IS NULL"
    return db.query(f"SELECT * FROM party {where} ORDER BY name")


def participants(db: Database, party_id: int) -> pd.DataFrame:
    """The deelnemers of a party, ours first, with voting share, shares and verdeelsleutel, and for a regeling from
    the national register the bestuursorganen that take part for each deelnemer (raad, college, burgemeester)."""
    return db.query(
        """
        SELECT o.name AS deelnemer, o.kind, o.is_ours, p.voting_share, p.shares, p.cost_share, p.joined, p.left_on,
               (SELECT string_agg(DISTINCT np.bodies, ', ') FROM national_participant np
                WHERE np.regeling_roo_id = pa.roo_id AND np.code = o.code) AS register_bodies
        FROM participation p JOIN organisation o ON o.id = p.organisation_id JOIN party pa ON pa.id = p.party_id
        WHERE p.party_id = ?
        ORDER BY o.is_ours DESC, p.left_on IS NOT NULL, p.voting_share DESC NULLS LAST, o.name
        """,
        [party_id],
    )


def representations(db: Database, party_id: int) -> pd.DataFrame:
    return db.query(
        """
        SELECT pe.name, pe.function, pe.portfolio, r.body, r.capacity, r.start_date, r.end_date
        FROM representation r JOIN person pe ON pe.id = r.person_id
        WHERE r.party_id = ?
        ORDER BY r.end_date IS NOT NULL AND r.end_date < current_date, pe.name, r.body
        """,
        [party_id],
    )
