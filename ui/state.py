"""Session-state and query-parameter keys, defined once so pages never spell them differently."""

from __future__ import annotations

import streamlit as st

from governance.core.access import ROLES, Actor
from ui.text import plain

USER = "signed-in-user"  # the Actor of the signed-in user (ui/signin.py sets it on every rerun)
TOKEN = "session-token"  # this browser session's sign-in token
YEAR = "year"  # the year chosen on Overzicht and Register
PARTY_PARAM = "partij"  # ?partij=<code> opens a party's detail view
TAB_PARAM = "tab"
FLASH = "flash"  # a message to show once after a rerun
NATIONAL_REPORT = "national_report"  # the Report of the last choice of organisation or register update


def actor() -> Actor:
    """Who is writing: the signed-in user (name, id and role). Governance checks the role's permission on
    every write, whatever the page shows."""
    found = st.session_state.get(USER)
    if not isinstance(found, Actor):
        raise RuntimeError("no signed-in user: app.py signs in before any page runs")
    return found


def may(permission: str) -> bool:
    """Whether the signed-in user's role allows `permission`: pages use it to show edit controls only to
    those who may use them (the write path refuses the others anyway)."""
    found = st.session_state.get(USER)
    return isinstance(found, Actor) and found.may(permission)


def editable(permission: str) -> bool:
    """`may`, for a section that is only a form: when the role may not, one line says so instead of an empty
    space (a lezer reads every page; there is nothing here to read)."""
    if may(permission):
        return True
    found = st.session_state.get(USER)
    role = ROLES.get(found.role, found.role).lower() if isinstance(found, Actor) else "bezoeker"
    st.caption(f"Alleen lezen: als {role} kunt u dit niet wijzigen.")
    return False


def flash(message: str, kind: str = "success") -> None:
    """A message to show once, after the rerun a save triggers: 'success' or 'warning'."""
    st.session_state[FLASH] = (kind, message)


def show_flash() -> None:
    found = st.session_state.pop(FLASH, None)
    if not found:
        return
    kind, message = found if isinstance(found, tuple) else ("success", found)
    (st.warning if kind == "warning" else st.success)(plain(message))  # messages name what was saved (a party, a risk)


# Werkatelier (see ui/nav.py::workshop_mode): everything a participant must keep is in the URL and the database.
SESSION_PARAM = "sessie"  # ?sessie=<join code>
TOKEN_PARAM = "deelnemer"  # the participant's anonymous token, set after joining
VIEW_PARAM = "weergave"  # ?weergave=projector for the projector view
KEY_PARAM = "sleutel"  # the projector link's signed key
