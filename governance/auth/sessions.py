"""Signing in: a password checked against its argon2id hash, slowed down after repeated failures, and a session
token for the browser's cookie (only its SHA-256 is stored) that lasts a set number of hours or until Afmelden.

Sessions and sign-in events are bookkeeping, written without an audit row; the events are the sign-in log."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from governance.auth import passwords
from governance.auth.users import actor_of, normalise_name
from governance.core import validation as v
from governance.core.access import SYSTEM, Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, ValidationError

SESSION_HOURS = 8  # default lifetime of a sign-in; setting auth.session_hours
HOURS_LIMITS = (1, 168)  # a sign-in lasts at least an hour and at most a week
MAX_FAILURES = 5  # failed attempts for one name before the next ones are refused for a while
LOCK_MINUTES = 15  # how long; setting auth.lock_minutes
LINK_MINUTES = 30  # a one-time sign-in link is valid this long
SETTING_HOURS = "auth.session_hours"
SETTING_LOCK = "auth.lock_minutes"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _setting(db: Database, key: str, default: int) -> int:
    raw = db.scalar("SELECT value FROM setting WHERE key = ?", [key])
    try:
        return max(1, int(float(raw))) if raw is not None else default
    except (TypeError, ValueError):
        return default


def session_hours(db: Database) -> int:
    """How long a sign-in lasts now (the setting, else SESSION_HOURS)."""
    return _setting(db, SETTING_HOURS, SESSION_HOURS)


def session_setting(db: Database) -> dict[str, Any] | None:
    """The stored lifetime setting row as a form opens it (None: not stored, the default applies)."""
    found = db.rows("SELECT * FROM setting WHERE key = ?", [SETTING_HOURS])
    return found[0] if found else None


def set_session_hours(db: Database, hours: Any, actor: Actor, original: dict[str, Any] | None) -> int:
    """Change how long a sign-in lasts (a beheerder's setting, audited). It applies at once to sessions already
    open: the gate measures every session from its start against the lifetime as it is now. `original` is the
    setting row as the form opened it (None when it was not stored yet)."""
    low, high = HOURS_LIMITS
    number, problem = v.number(low=low, high=high, integer=True)(hours)
    if problem is None and number is None:
        problem = "is verplicht"
    if problem:
        raise ValidationError([FieldError("session_hours", "Duur van een aanmelding (uren)", problem)], "Aanmelden")
    db.write(lambda tx: tx.put_setting(SETTING_HOURS, int(number), original), actor, "settings")
    return int(number)


def _event(tx: Tx, name: str, user_id: int | None, event: str, detail: str | None = None) -> None:
    tx.execute(
        "INSERT INTO auth_event (user_name, user_id, event, detail) VALUES (?, ?, ?, ?)",
        [name[:100], user_id, event, detail],
    )


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in attempt: a token for the cookie, or a Dutch message why not."""

    token: str | None
    actor: Actor | None
    message: str | None
    expires: dt.datetime | None = None


def _failures(tx: Tx, name: str, since: dt.datetime) -> int:
    """Failed attempts for this name since the later of `since` and its last successful sign-in."""
    return int(
        tx.execute(
            """SELECT count(*) FROM auth_event WHERE user_name = ? AND event = 'mislukt' AND logged_at >= greatest(?,
                   coalesce((SELECT max(logged_at) FROM auth_event WHERE user_name = ? AND event = 'aangemeld'), ?))""",
            [name, since, name, since],
        )[0][0]
    )


def sign_in(db: Database, name: str, password: str, detail: str | None = None) -> SignIn:
    """Check a name and password. After MAX_FAILURES wrong attempts for a name (existing or not, so a stranger
    learns nothing about which names exist) the next attempts are refused for LOCK_MINUTES."""
    who = normalise_name(name)
    lock = _setting(db, SETTING_LOCK, LOCK_MINUTES)
    hours = _setting(db, SETTING_HOURS, SESSION_HOURS)
    refused = "De gebruikersnaam of het wachtwoord klopt niet."

    def run(tx: Tx) -> SignIn:
        now = _now()
        window = now - dt.timedelta(minutes=lock)
        if _failures(tx, who, window) >= MAX_FAILURES:
            _event(tx, who, None, "vertraagd", detail)
            return SignIn(
                None,
                None,
                f"Te veel mislukte pogingen voor deze gebruikersnaam. Probeer het over {lock} minuten opnieuw, "
                "of vraag een beheerder het wachtwoord opnieuw in te stellen.",
            )
        found = tx.rows("SELECT * FROM app_user WHERE name = ?", [who])
        row = found[0] if found else None
        if not passwords.verify(row["password_hash"] if row else None, password) or row is None:
            _event(tx, who, row["id"] if row else None, "mislukt", detail)
            return SignIn(None, None, refused)
        if row["disabled"]:
            _event(tx, who, row["id"], "geweigerd", "uitgeschakeld")
            return SignIn(None, None, "Dit account is uitgeschakeld. Vraag een beheerder.")
        token = secrets.token_urlsafe(32)
        expires = now + dt.timedelta(hours=hours)
        tx.execute(
            "INSERT INTO auth_session (token_hash, user_id, kind, created_at, expires_at) "
            "VALUES (?, ?, 'sessie', ?, ?)",
            [_hash(token), row["id"], now, expires],
        )
        _event(tx, who, row["id"], "aangemeld", detail)
        return SignIn(token, actor_of(row), None, expires)

    return db.write(run, SYSTEM, "users")


def session_actor(db: Database, token: str | None) -> Actor | None:
    """The signed-in user of a session token, or None when it is unknown, ended, expired or the user disabled.
    Expired means past its own end or older than the lifetime as set now, so a shorter setting ends longer
    sessions at once (a longer one does not stretch a session beyond the end its cookie was given)."""
    if not token:
        return None
    now = _now()
    found = db.rows(
        """SELECT u.*, s.via AS session_via FROM auth_session s JOIN app_user u ON u.id = s.user_id
           WHERE s.token_hash = ? AND s.kind = 'sessie' AND s.revoked_at IS NULL AND s.expires_at > ?
             AND s.created_at > ? AND NOT u.disabled""",
        [_hash(token), now, now - dt.timedelta(hours=session_hours(db))],
    )
    return actor_of(found[0], via=found[0]["session_via"] or "app") if found else None


def sign_out(db: Database, token: str | None) -> None:
    """End a session (Afmelden): the cookie's token no longer signs anyone in."""
    if not token:
        return

    def run(tx: Tx) -> None:
        found = tx.rows("SELECT user_id FROM auth_session WHERE token_hash = ? AND revoked_at IS NULL", [_hash(token)])
        if found:
            tx.execute("UPDATE auth_session SET revoked_at = ? WHERE token_hash = ?", [_now(), _hash(token)])
            user = tx.rows("SELECT name FROM app_user WHERE id = ?", [found[0]["user_id"]])
            _event(tx, user[0]["name"] if user else "?", found[0]["user_id"], "afgemeld")

    db.write(run, SYSTEM, "users")


def one_time_link(db: Database, name: str, minutes: int = LINK_MINUTES) -> str:
    """A token for a one-time sign-in link (first start, or a beheerder helping a user in)."""
    token = secrets.token_urlsafe(32)

    def run(tx: Tx) -> None:
        found = tx.rows("SELECT id FROM app_user WHERE name = ?", [normalise_name(name)])
        if not found:
            raise ValueError(f"no user {name!r}")
        tx.execute(
            "INSERT INTO auth_session (token_hash, user_id, kind, expires_at) VALUES (?, ?, 'eenmalig', ?)",
            [_hash(token), found[0]["id"], _now() + dt.timedelta(minutes=minutes)],
        )

    db.write(run, SYSTEM, "users")
    return token


def _redeem(db: Database, link_token: str, event: str | None, via: str) -> SignIn:
    """Exchange a one-time token for a session; it works once and only until it expires."""
    hours = _setting(db, SETTING_HOURS, SESSION_HOURS)

    def run(tx: Tx) -> SignIn:
        now = _now()
        found = tx.rows(
            """SELECT u.* FROM auth_session s JOIN app_user u ON u.id = s.user_id
               WHERE s.token_hash = ? AND s.kind = 'eenmalig' AND s.used_at IS NULL AND s.revoked_at IS NULL
                 AND s.expires_at > ? AND NOT u.disabled""",
            [_hash(link_token or ""), now],
        )
        if not found:
            return SignIn(None, None, "Deze aanmeldlink is al gebruikt of verlopen.")
        row = found[0]
        tx.execute("UPDATE auth_session SET used_at = ? WHERE token_hash = ?", [now, _hash(link_token)])
        token = secrets.token_urlsafe(32)
        expires = now + dt.timedelta(hours=hours)
        tx.execute(
            "INSERT INTO auth_session (token_hash, user_id, kind, created_at, expires_at, via) "
            "VALUES (?, ?, 'sessie', ?, ?, ?)",
            [_hash(token), row["id"], now, expires, via],
        )
        if event:
            _event(tx, row["name"], row["id"], event)
        return SignIn(token, actor_of(row, via=via), None, expires)

    return db.write(run, SYSTEM, "users")


def redeem_link(db: Database, link_token: str) -> SignIn:
    """Exchange a one-time link for a session; a link works once and only until it expires."""
    return _redeem(db, link_token, "eenmalige link", "app")


def oidc_actor(db: Database, email: str | None, subject: str | None) -> Actor | None:
    """The user an organisation sign-on (OIDC) identity belongs to: by its subject once linked, else by e-mail
    (then linked). Someone the beheerder has not added gets no access: least privilege."""
    email = (email or "").strip().lower() or None
    if not subject and not email:
        return None

    def run(tx: Tx) -> Actor | None:
        found = tx.rows("SELECT * FROM app_user WHERE oidc_subject = ? AND NOT disabled", [subject]) if subject else []
        if not found and email:
            found = tx.rows("SELECT * FROM app_user WHERE email = ? AND NOT disabled", [email])
            if found and subject and found[0]["oidc_subject"] is None:
                tx.execute("UPDATE app_user SET oidc_subject = ? WHERE id = ?", [subject, found[0]["id"]])
        if not found:
            _event(tx, email or subject or "?", None, "geweigerd", "organisatie-aanmelding zonder account")
            return None
        return actor_of(found[0], via="organisatie")

    return db.write(run, SYSTEM, "users")


HANDOFF_MINUTES = 2  # an organisation sign-on is handed to the sign-in route within this time
UNKNOWN_ACCOUNT = (
    "Uw organisatieaccount heeft geen toegang tot dit dashboard: er is geen gebruiker met dit e-mailadres. "
    "Vraag een beheerder om u toe te voegen; daarna kunt u zich aanmelden."
)


def oidc_sign_in(db: Database, email: str | None, subject: str | None) -> SignIn:
    """An organisation sign-on (OIDC, after st.login) becomes a sign-in of our own: the identity maps to the
    app_user with that subject or e-mail address (oidc_actor); the result holds a one-time token, valid for
    HANDOFF_MINUTES, that the sign-in route exchanges for the same session cookie a password sign-in gets
    (redeem_handoff), so the gate checks one kind of session. An identity nobody added is refused, and logged."""
    actor = oidc_actor(db, email, subject)
    if actor is None or actor.user_id is None:
        return SignIn(None, None, UNKNOWN_ACCOUNT)

    def run(tx: Tx) -> SignIn:
        token = secrets.token_urlsafe(32)
        expires = _now() + dt.timedelta(minutes=HANDOFF_MINUTES)
        tx.execute(
            "INSERT INTO auth_session (token_hash, user_id, kind, expires_at) VALUES (?, ?, 'eenmalig', ?)",
            [_hash(token), actor.user_id, expires],
        )
        name = tx.rows("SELECT name FROM app_user WHERE id = ?", [actor.user_id])[0]["name"]
        _event(tx, name, actor.user_id, "aangemeld", f"organisatieaccount {(email or '').strip().lower()}".strip())
        return SignIn(token, actor, None, expires)

    return db.write(run, SYSTEM, "users")


def redeem_handoff(db: Database, token: str) -> SignIn:
    """Exchange the one-time token of an organisation sign-on for a session (its sign-in is logged already)."""
    return _redeem(db, token, None, "organisatie")


def events(db: Database, limit: int = 200) -> list[dict[str, Any]]:
    """The sign-in log, newest first (successes, failures, slow-downs, sign-outs)."""
    return db.rows(
        "SELECT logged_at, user_name, event, detail FROM auth_event ORDER BY logged_at DESC, id DESC LIMIT ?",
        [int(limit)],
    )
