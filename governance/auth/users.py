"""The people who may sign in: a name, a role, an argon2id password hash and/or an e-mail address for organisation
sign-on. Every change is a write by a beheerder (permission 'users'), audited without the hash."""

from __future__ import annotations

import secrets
from typing import Any

import pandas as pd

from governance.auth import passwords
from governance.core import labels
from governance.core import validation as v
from governance.core.access import ROLES, SYSTEM, Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, NotFoundError, ValidationError

USER_SCHEMA: dict[str, v.Check] = {
    "name": v.pattern(
        r"[a-z0-9][a-z0-9._-]{1,39}", "alleen kleine letters, cijfers, '.', '_' en '-' (2 tot 40 tekens)"
    ),
    "full_name": v.text(max_len=200),
    "email": v.pattern(r"[^@\s]+@[^@\s]+\.[^@\s]+", "is geen geldig e-mailadres"),
    "role": v.choice(ROLES),
}


def normalise_name(name: Any) -> str:
    return str(name or "").strip().lower()


def validate_user(values: dict[str, Any], new: bool = True) -> dict[str, Any]:
    values = {**values, "name": normalise_name(values["name"])} if "name" in values else dict(values)
    if values.get("email"):
        values["email"] = str(values["email"]).strip().lower()
    clean, errors = v.apply("app_user", USER_SCHEMA, values)
    if new:
        for name in ("name", "role"):
            if clean.get(name) is None and not any(e.field == name for e in errors):
                errors.append(FieldError(name, labels.field("app_user", name), "is verplicht"))
    if errors:
        raise ValidationError(errors, labels.entity("app_user"))
    return clean


def add_user(
    db: Database,
    values: dict[str, Any],
    actor: Actor,
    password: str | None = None,
) -> int:
    """Add a user with a role; `password` (at least 12 characters) for local sign-in, an e-mail address for
    organisation sign-on, or both."""
    clean = validate_user(values)
    if password is None and not clean.get("email"):
        raise ValidationError(
            [FieldError("password", "Wachtwoord", "is verplicht zonder e-mailadres voor organisatie-aanmelding")],
            labels.entity("app_user"),
        )
    if password is not None:
        clean["password_hash"] = passwords.hash_password(password)
    return int(db.write(lambda tx: tx.insert("app_user", clean), actor, "users"))


def _by_name(tx: Tx | Database, name: str) -> dict[str, Any]:
    found = tx.rows("SELECT * FROM app_user WHERE name = ?", [normalise_name(name)])
    if not found:
        raise NotFoundError(f"Er is geen gebruiker '{normalise_name(name)}'.")
    return found[0]


def get_user(db: Database, name: str) -> dict[str, Any]:
    return _by_name(db, name)


def update_user(db: Database, name: str, values: dict[str, Any], actor: Actor, original: dict[str, Any]) -> None:
    """Change role, full name, e-mail or disabled; `original` is the user as the form opened it."""
    clean = validate_user(values, new=False)
    if "disabled" in values:
        clean["disabled"] = bool(values["disabled"])

    def run(tx: Tx) -> None:
        row = _by_name(tx, name)
        tx.update("app_user", row["id"], clean, original=original)
        if clean.get("disabled"):
            tx.execute("UPDATE auth_session SET revoked_at = current_timestamp WHERE user_id = ?", [row["id"]])

    db.write(run, actor, "users")


def set_password(db: Database, name: str, password: str, actor: Actor) -> None:
    """A new password (at least 12 characters); the user's other sign-ins end."""
    hashed = passwords.hash_password(password)

    def run(tx: Tx) -> None:
        row = _by_name(tx, name)
        tx.update("app_user", row["id"], {"password_hash": hashed}, system=True, reason="wachtwoord gewijzigd")
        tx.execute("UPDATE auth_session SET revoked_at = current_timestamp WHERE user_id = ?", [row["id"]])

    db.write(run, actor, "users")


def disable_user(db: Database, name: str, actor: Actor) -> None:
    """No more sign-in; every open session of the user ends at once."""

    def run(tx: Tx) -> None:
        row = _by_name(tx, name)
        tx.update("app_user", row["id"], {"disabled": True}, system=True, reason="gebruiker uitgeschakeld")
        tx.execute("UPDATE auth_session SET revoked_at = current_timestamp WHERE user_id = ?", [row["id"]])

    db.write(run, actor, "users")


def users(db: Database) -> pd.DataFrame:
    """Every user, without the hash: name, full name, e-mail, role, local password yes/no, disabled, last sign-in."""
    return db.query(
        """SELECT u.id, u.name, u.full_name, u.email, u.role, u.password_hash IS NOT NULL AS has_password,
                  u.disabled, u.created_at, u.version,
                  (SELECT max(logged_at) FROM auth_event e
                   WHERE e.user_id = u.id AND e.event IN ('aangemeld', 'eenmalige link')) AS last_sign_in
           FROM app_user u ORDER BY u.name"""
    )


def count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM app_user"))


def actor_of(row: dict[str, Any], via: str = "app") -> Actor:
    """The Actor a signed-in user writes as: the audit log shows their full name (or user name) and role."""
    name = row.get("full_name") or row["name"]
    return Actor(f"{name} ({row['name']})" if row.get("full_name") else name, row["role"], int(row["id"]), via)


FIRST_USER = "beheerder"


def first_start(db: Database) -> str | None:
    """On the embedded default's first start (no users yet) create the beheerder with a random password and return
    it, to be printed once on the console, as Jupyter prints its token. Never a 'first visitor chooses': a stranger
    who reaches the server first cannot take it over. None when there are users already."""
    if count(db) > 0:
        return None
    password = secrets.token_urlsafe(15)  # 20 characters
    add_user(db, {"name": FIRST_USER, "role": "beheerder", "full_name": "Beheerder"}, SYSTEM, password)
    return password
