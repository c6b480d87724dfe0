"""Who may change what: the roles, what each may do, and the actor every write carries.

This is the one place where roles are defined. `Database.write` checks the permission a write needs against the
actor's role before it takes the lock, so a page that forgets to hide a button still cannot write. Reading is
open to every signed-in role; exports are reading.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from governance.core.errors import DomainError

# The roles a person can have: their Dutch name and what the role is for.
ROLE_TEXTS: dict[str, tuple[str, str]] = {
    "beheerder": ("Beheerder", "gebruikers, instellingen, keuze van de organisatie, importeren en al het andere"),
    "controller": (
        "Controller",
        "register, jaarcijfers, risico's, risicoprofiel, rollen, weerstandsvermogen, importeren",
    ),
    "facilitator": ("Facilitator", "werkateliers leiden en hun uitkomst terugschrijven; verder alles lezen"),
    "lezer": ("Lezer", "alles lezen en exporteren, niets wijzigen (raad, griffie, accountant)"),
}
ROLES: dict[str, str] = {code: name for code, (name, _) in ROLE_TEXTS.items()}

# What a write needs. Each domain write function names one of these when it calls `db.write`.
PERMISSIONS: dict[str, str] = {
    "register": "het register wijzigen (partijen, deelnemers, jaarcijfers, personen, vertegenwoordigingen)",
    "risks": "risico's, beheersmaatregelen en het risicoprofiel wijzigen",
    "weerstand": "de weerstandscapaciteit, de simulatie-instellingen en opgeslagen berekeningen wijzigen",
    "import": "gegevens importeren",
    "settings": "de instellingen wijzigen (risicomatrix, rubriek, signalen)",
    "organisation": "de organisatie kiezen en het register uit het landelijk register bijwerken",
    "users": "gebruikers beheren",
    "workshop": "werkateliers aanmaken, leiden en hun uitkomst terugschrijven",
    "participate": "meedoen aan een werkatelier",
}
GRANTS: dict[str, frozenset[str]] = {
    "beheerder": frozenset(PERMISSIONS) - {"participate"},
    "controller": frozenset({"register", "risks", "weerstand", "import"}),
    "facilitator": frozenset({"workshop"}),
    "lezer": frozenset(),
    "deelnemer": frozenset({"participate"}),  # an anonymous werkatelier participant, known by a token
    "systeem": frozenset(PERMISSIONS),  # the application's own bookkeeping (first start, secrets)
}


class PermissionDenied(DomainError):
    """The signed-in role may not make this change; nothing was written."""


@dataclass(frozen=True)
class Actor:
    """Who writes: a signed-in user (id, name, role), a werkatelier participant, the command line's operator or
    the application itself. The audit log stores the name, the user id and the role."""

    name: str
    role: str
    user_id: int | None = None
    via: str = "app"  # app | organisatie | opdrachtregel | werkatelier | systeem

    def __post_init__(self) -> None:
        if not self.name or not self.name.strip():
            raise ValueError("an actor needs a name for the audit log")
        if self.role not in GRANTS:
            raise ValueError(f"unknown role {self.role!r}")

    def __str__(self) -> str:
        return self.name

    def may(self, permission: str) -> bool:
        if permission not in PERMISSIONS:
            raise ValueError(f"unknown permission {permission!r}")
        return permission in GRANTS[self.role]

    def require(self, permission: str) -> None:
        """Refuse, in Dutch, a change this role may not make."""
        if not self.may(permission):
            role = ROLES.get(self.role, self.role)
            raise PermissionDenied(
                f"U bent aangemeld als {role.lower()}; die rol mag niet {PERMISSIONS[permission]}. "
                "Er is niets gewijzigd."
            )


SYSTEM = Actor("systeem", "systeem", via="systeem")


def operator(name: str | None = None) -> Actor:
    """The command line's actor: a named local operator (default the OS user). Whoever can run the command line
    on this machine can open the database file anyway, so the operator has the beheerder's permissions; the
    audit log says it came from the command line."""
    who = (name or "").strip() or getpass.getuser()
    return Actor(f"{who} (opdrachtregel)", "beheerder", via="opdrachtregel")


def participant(label: str) -> Actor:
    """A werkatelier participant, audited under an anonymous label such as 'deelnemer 12 (Controller)'."""
    return Actor(label, "deelnemer", via="werkatelier")
