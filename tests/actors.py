"""The people the tests write as: each an Actor with a role, as a signed-in user would be (audit rows carry the
name, the user id and the role). `USERS` are created in every fixture database (tests/conftest.py) with
`PASSWORD`, so AppTest and browser tests sign in as them for real."""

from __future__ import annotations

from governance.core.access import Actor

PASSWORD = "testwachtwoord voor iedereen"
USERS = {  # name -> (full name, role); created in this order, so their ids are 1..4
    "beheerder": ("Bea Beheer", "beheerder"),
    "controller": ("Carla Controle", "controller"),
    "facilitator": ("Fenna Facilitator", "facilitator"),
    "lezer": ("Lex Lezer", "lezer"),
}
BEHEERDER, CONTROLLER, FACILITATOR, LEZER = (
    Actor(f"{full} ({name})", role, i, "app") for i, (name, (full, role)) in enumerate(USERS.items(), start=1)
)


def named(name: str, role: str = "beheerder") -> Actor:
    """An actor by name, for tests that check what the audit log says about who wrote: signed in as the test user
    with that role (a real user id, so the audit check in tests/conftest.py holds), under the name given."""
    if isinstance(name, Actor):
        return name
    ids = {r: i for i, (_, (_, r)) in enumerate(USERS.items(), start=1)}
    return Actor(name, role, ids[role], "app") if role in ids else Actor(name, role)
