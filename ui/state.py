"""Session-state and query-parameter keys, defined once so pages never spell them differently."""

from __future__ import annotations

import streamlit as st

ACTOR = "actor"  # the name a user gives for the audit log
YEAR = "year"  # the year chosen on Overzicht and Register
PARTY_PARAM = "partij"  # ?partij=<code> opens a party's detail view
TAB_PARAM = "tab"
FLASH = "flash"  # a message to show once after a rerun
NATIONAL_REPORT = "national_report"  # the Report of the last choice of organisation or register update


def actor() -> str:
    """Who is writing, for the audit log; the name typed in the sidebar, else a clear placeholder."""
    name = str(st.session_state.get(ACTOR) or "").strip()
    return name or "onbekende gebruiker (app)"


def flash(message: str, kind: str = "success") -> None:
    """A message to show once, after the rerun a save triggers: 'success' or 'warning'."""
    st.session_state[FLASH] = (kind, message)


def show_flash() -> None:
    found = st.session_state.pop(FLASH, None)
    if not found:
        return
    kind, message = found if isinstance(found, tuple) else ("success", found)
    (st.warning if kind == "warning" else st.success)(message)


# Werkatelier (see ui/nav.py::workshop_mode): everything a participant must keep is in the URL and the database.
SESSION_PARAM = "sessie"  # ?sessie=<join code>
TOKEN_PARAM = "deelnemer"  # the participant's anonymous token, set after joining
VIEW_PARAM = "weergave"  # ?weergave=projector for the projector view
KEY_PARAM = "sleutel"  # the projector link's signed key
FACILITATOR = "workshop-facilitator"  # set once the facilitator password was given in this browser session
