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
    repeat: str | None = None,
) -> int:
    """Add a user with a role; `password` (at least 12 characters) for local sign-in, an e-mail address for
    organisation sign-on, or both. `repeat` is the password typed a second time, where a form asks for it."""
    clean = validate_user(values)
    passwords.check_repeat(password, repeat)
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


LAST_BEHEERDER = (
    "is de laatste actieve beheerder; zonder beheerder kan niemand meer gebruikers beheren. "
    "Maak eerst een andere gebruiker beheerder. Er is niets gewijzigd."
)


def _keep_a_beheerder(tx: Tx, row: dict[str, Any], role: str, disabled: bool, field: str) -> None:
    """Refuse a change that leaves no active beheerder (a beheerder demoting or disabling themselves last of all):
    nobody could then add users or reset a password from the app."""
    if row["role"] != "beheerder" or row["disabled"] or (role == "beheerder" and not disabled):
        return
    others = tx.execute(
        "SELECT count(*) FROM app_user WHERE role = 'beheerder' AND NOT disabled AND id <> ?", [row["id"]]
    )[0][0]
    if not others:
        raise ValidationError(
            [FieldError(field, labels.field("app_user", field), f"'{row['name']}' {LAST_BEHEERDER}")],
            labels.entity("app_user"),
        )


def update_user(db: Database, name: str, values: dict[str, Any], actor: Actor, original: dict[str, Any]) -> None:
    """Change role, full name, e-mail or disabled; `original` is the user as the form opened it."""
    clean = validate_user(values, new=False)
    if "disabled" in values:
        clean["disabled"] = bool(values["disabled"])

    def run(tx: Tx) -> None:
        row = _by_name(tx, name)
        role, disabled = clean.get("role", row["role"]), clean.get("disabled", row["disabled"])
        _keep_a_beheerder(tx, row, role, disabled, "role" if "role" in clean else "disabled")
        tx.update("app_user", row["id"], clean, original=original)
        if clean.get("disabled"):
            tx.execute("UPDATE auth_session SET revoked_at = current_timestamp WHERE user_id = ?", [row["id"]])

    db.write(run, actor, "users")


def set_password(db: Database, name: str, password: str, actor: Actor, repeat: str | None = None) -> None:
    """A new password (at least 12 characters, typed twice where a form asks: `repeat`); the user's sign-ins end."""
    passwords.check_repeat(password, repeat)
    hashed = passwords.hash_password(password)

    def run(tx: Tx) -> None:
        row = _by_name(tx, name)
        tx.update("app_user", row["id"], {"password_hash": hashed}, system=True, reason="wachtwoord gewijzigd")
        tx.execute("UPDATE auth_session SET revoked_at = current_timestamp WHERE user_id = ?", [row["id"]])

    db.write(run, actor, "users")


def disable_user(db: Database, name: str, actor: Actor) -> None:
    """No more sign-in; every open session of the user ends at once. The last active beheerder stays."""

    def run(tx: Tx) -> None:
        row = _by_name(tx, name)
        _keep_a_beheerder(tx, row, row["role"], True, "disabled")
        tx.update("app_user", row["id"], {"disabled": True}, system=True, reason="gebruiker uitgeschakeld")
        tx.execute("UPDATE auth_session SET revoked_at = current_timestamp WHERE user_id = ?", [row["id"]])

    db.write(run, actor, "users")


def enable_user(db: Database, name: str, actor: Actor) -> None:
    """Sign-in allowed again (with the password or organisation account the user had)."""

    def run(tx: Tx) -> None:
        row = _by_name(tx, name)
        tx.update("app_user", row["id"], {"disabled": False}, system=True, reason="gebruiker ingeschakeld")

    db.write(run, actor, "users")


def set_role(db: Database, name: str, role: str, actor: Actor, original: dict[str, Any]) -> None:
    """Give a user another role; `original` is the user as the form opened it (a change in between is refused).
    The last active beheerder keeps the role."""
    update_user(db, name, {"role": role}, actor, original)


def link_email(db: Database, name: str, email: str | None, actor: Actor) -> None:
    """Link the organisation account (OIDC) with this e-mail address to a user: their next organisation sign-on
    finds them by it. A new address forgets the identity linked before, so the old account no longer signs in as
    this user; an empty address removes the link."""
    address = str(email or "").strip().lower() or None
    if address is not None:
        validate_user({"email": address}, new=False)

    def run(tx: Tx) -> None:
        row = _by_name(tx, name)
        if address is None and row["password_hash"] is None:
            raise ValidationError(
                [
                    FieldError(
                        "email", labels.field("app_user", "email"), "is nodig: deze gebruiker heeft geen wachtwoord"
                    )
                ],
                labels.entity("app_user"),
            )
        if row["email"] == address:
            return
        reason = "organisatieaccount gekoppeld" if address else "organisatieaccount ontkoppeld"
        tx.update("app_user", row["id"], {"email": address, "oidc_subject": None}, system=True, reason=reason)

    db.write(run, actor, "users")


def users(db: Database) -> pd.DataFrame:
    """Every user, without the hash: name, full name, e-mail, role, local password yes/no, disabled, whether an
    organisation account has signed on as them (linked), last sign-in."""
    return db.query(
        """SELECT u.id, u.name, u.full_name, u.email, u.role, u.password_hash IS NOT NULL AS has_password,
                  u.disabled, u.oidc_subject IS NOT NULL AS linked, u.created_at, u.version,
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
