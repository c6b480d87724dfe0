"""Passwords: argon2id hashes (argon2-cffi), never the password itself, and the length rule."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from governance.core.errors import FieldError, ValidationError

MIN_LENGTH = 12
_HASHER = PasswordHasher()  # argon2id with the library's recommended cost (RFC 9106 low-memory profile)
# Verified when a name does not exist, so a wrong name costs as long as a wrong password.
_DUMMY = _HASHER.hash("geen-bestaande-gebruiker")


def check_new(password: str, field: str = "password", label: str = "Wachtwoord") -> None:
    """A new password has at least MIN_LENGTH characters (a long passphrase is the better password)."""
    if len(password or "") < MIN_LENGTH:
        raise ValidationError(
            [FieldError(field, label, f"moet minstens {MIN_LENGTH} tekens hebben (een zin van een paar woorden mag)")],
            "Gebruiker",
        )


def check_repeat(password: str | None, repeat: str | None) -> None:
    """A password typed twice must be typed the same twice (None: the caller did not ask a second time)."""
    if repeat is not None and password is not None and repeat != password:
        raise ValidationError(
            [FieldError("repeat", "Wachtwoord (herhaling)", "is niet gelijk aan het wachtwoord")], "Gebruiker"
        )


def hash_password(password: str) -> str:
    check_new(password)
    return _HASHER.hash(password)


def verify(stored_hash: str | None, password: str) -> bool:
    """True when `password` matches; a missing hash (organisation sign-on only) never matches, in the same time."""
    try:
        return _HASHER.verify(stored_hash or _DUMMY, password or "") and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _HASHER.check_needs_rehash(stored_hash)
