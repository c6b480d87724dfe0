"""Join codes, the server secret that signs projector links, and the app's address."""

from __future__ import annotations

import hmac
import json
import secrets
from typing import Any

from governance.core.access import SYSTEM, Actor
from governance.core.db import Database
from governance.core.errors import FieldError, ValidationError
from governance.workshop.scoring import BASE_URL_KEY, CODE_ALPHABET, CODE_LENGTH, SECRET_KEY


# -- codes, secrets and the facilitator password -----------------------------------------------------------
def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: Any) -> str:
    return "".join(str(code or "").split()).upper()


def _setting(db: Database, key: str) -> Any:
    raw = db.scalar("SELECT value FROM setting WHERE key = ?", [key])
    return json.loads(raw) if isinstance(raw, str) else raw


def _secret(db: Database) -> bytes:
    found = _setting(db, SECRET_KEY)
    if not found:
        db.write(lambda tx: tx.put_setting(SECRET_KEY, secrets.token_hex(32), None, system=True), SYSTEM, "workshop")
        found = _setting(db, SECRET_KEY)
    return bytes.fromhex(found)


def projector_key(db: Database, code: str) -> str:
    """A key for the projector link of one session: signed with the server secret, so it survives reloads
    and cannot be guessed by participants who know the join code."""
    return hmac.new(_secret(db), f"projector:{normalise_code(code)}".encode(), "sha256").hexdigest()[:20]


def projector_key_valid(db: Database, code: str, key: str | None) -> bool:
    return bool(key) and hmac.compare_digest(projector_key(db, code), str(key))


def base_url(db: Database, fallback: str | None = None) -> str:
    """The address participants type or scan: the 'workshop_base_url' setting, else what the browser used."""
    return address(base_url_row(db), fallback)


def address(row: dict[str, Any] | None, fallback: str | None = None) -> str:
    """The address in the setting row `row` (as a form opened it; None: not set), else `fallback`."""
    stored = json.loads(row["value"]) if row and isinstance(row["value"], str) else None
    return str(stored or fallback or "http://localhost:8501").rstrip("/")


def base_url_row(db: Database) -> dict[str, Any] | None:
    """The stored address setting as the facilitator's form opens it (None: not set)."""
    found = db.rows("SELECT * FROM setting WHERE key = ?", [BASE_URL_KEY])
    return found[0] if found else None


def set_base_url(db: Database, url: str, actor: Actor, original: dict[str, Any] | None) -> None:
    clean = (url or "").strip().rstrip("/")
    if not clean.startswith(("http://", "https://")):
        raise ValidationError([FieldError("url", "Adres van de app", "moet beginnen met http:// of https://")])
    db.write(lambda tx: tx.put_setting(BASE_URL_KEY, clean, original), actor, "workshop")


def join_link(base: str, code: str) -> str:
    return f"{base.rstrip('/')}/?sessie={normalise_code(code)}"
