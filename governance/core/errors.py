"""Domain errors: every failure a user can meet carries a Dutch message that names what is wrong.

The UI shows `str(error)`; the CLI prints it on one line. Driver errors never leave `governance.db`
untranslated, so pages and scripts only ever catch these.
"""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    """Base class: the message is Dutch and meant for the user."""


@dataclass(frozen=True)
class FieldError:
    """One wrong field: `field` is the column name, `label` its Dutch name, `message` what is wrong."""

    field: str
    label: str
    message: str
    row: int | None = None

    def __str__(self) -> str:
        where = f"Rij {self.row}, " if self.row is not None else ""
        return f"{where}{self.label}: {self.message}"


class ValidationError(DomainError):
    """Input that breaks a rule; nothing was saved. Carries one FieldError per wrong field."""

    def __init__(self, errors: list[FieldError], entity: str = ""):
        self.errors = list(errors)
        self.entity = entity
        prefix = f"{entity}: " if entity else ""
        super().__init__(prefix + "; ".join(str(e) for e in self.errors))


class NotFoundError(DomainError):
    """The record asked for does not exist (any more)."""


class ConflictError(DomainError):
    """Someone else saved the same record in between; `changes` lists field -> (theirs_before, theirs_now)."""

    def __init__(self, message: str, changes: dict[str, tuple[object, object]] | None = None):
        self.changes = changes or {}
        super().__init__(message)


class DatabaseLockedError(DomainError):
    """The database file is held by another process, usually the running app."""


class StorageError(DomainError):
    """A database failure that is not the user's input; the transaction was rolled back."""
