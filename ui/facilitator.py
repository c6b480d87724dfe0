"""The facilitator gate of the werkatelier: a password from Streamlit secrets (`facilitator_password`) or set
under Beheer (stored as a salted scrypt hash). Only workshop control is gated; the rest of the app has no login yet.
"""

from __future__ import annotations

import streamlit as st

from governance import workshop
from governance.core import db as core_db
from governance.core.errors import DomainError
from ui import forms, state


def configured_secret() -> str | None:
    """`facilitator_password` from .streamlit/secrets.toml (or AppTest's at.secrets), if present."""
    try:
        value = st.secrets.get("facilitator_password")
    except (FileNotFoundError, KeyError, AttributeError):
        return None
    except Exception:  # no secrets file at all: Streamlit raises its own error type
        return None
    return str(value) if value else None


def is_facilitator() -> bool:
    return bool(st.session_state.get(state.FACILITATOR))


def join_with_code(db: core_db.Database) -> None:
    """For a participant without the link or QR code: type the code from the projector, go to the session."""
    with st.form("ws-join-code"):
        code = st.text_input(
            "Deelnemen? Vul de code in die de facilitator toont", max_chars=12, placeholder="bijvoorbeeld K7PQ2M"
        )
        if st.form_submit_button("Deelnemen"):
            try:
                found = workshop.open_session(db, code)
            except DomainError as exc:
                st.error(str(exc))
            else:
                st.query_params[state.SESSION_PARAM] = found["code"]
                st.rerun()


def require(db: core_db.Database) -> None:
    """Show the login (or, the very first time, the form to set a password) and stop until it succeeds.
    Participants who arrive here without a link can join with the code instead."""
    if is_facilitator():
        return
    secret = configured_secret()
    st.title("Werkatelier")
    join_with_code(db)
    if not secret and not workshop.has_facilitator_password(db):
        st.info(
            "Het werkatelier wordt bestuurd door een facilitator met een eigen wachtwoord. Er is nog geen "
            "wachtwoord ingesteld: kies er nu een (minstens 8 tekens). Alleen een versleutelde vorm wordt bewaard."
        )
        with st.form("fac-first"):
            first = st.text_input("Nieuw facilitatorwachtwoord", type="password")
            again = st.text_input("Herhaal het wachtwoord", type="password")
            if st.form_submit_button("Wachtwoord instellen", type="primary"):
                if first != again:
                    st.error("De twee wachtwoorden zijn niet gelijk.")
                elif forms.save(
                    lambda: workshop.set_facilitator_password(db, first, state.actor()), "Wachtwoord ingesteld."
                ):
                    st.session_state[state.FACILITATOR] = True
                    st.rerun()
        st.stop()
    st.write("Alleen de facilitator kan werkateliers aanmaken en besturen. Deelnemers gebruiken de deelnamelink.")
    with st.form("fac-login"):
        password = st.text_input("Facilitatorwachtwoord", type="password")
        if st.form_submit_button("Inloggen", type="primary"):
            if workshop.check_facilitator_password(db, password, secret):
                st.session_state[state.FACILITATOR] = True
                st.rerun()
            st.error("Dit wachtwoord klopt niet. Alleen de facilitator kan het werkatelier besturen.")
    st.stop()


def settings(db: core_db.Database, fallback_url: str | None) -> None:
    """Beheer: change the password and set the address participants use to reach the app."""
    with st.expander("Beheer: wachtwoord en adres van de app"):
        with st.form("fac-password"):
            current = st.text_input("Huidig wachtwoord", type="password")
            new = st.text_input("Nieuw wachtwoord (minstens 8 tekens)", type="password")
            if st.form_submit_button("Wachtwoord wijzigen"):
                forms.save(
                    lambda: workshop.set_facilitator_password(db, new, state.actor(), current=current),
                    "Het facilitatorwachtwoord is gewijzigd.",
                )
        with st.form("fac-url"):
            url = st.text_input(
                "Adres van de app voor deelnemers",
                workshop.base_url(db, fallback_url),
                help="Het adres dat deelnemers op hun telefoon kunnen openen, bijvoorbeeld "
                "http://10.0.0.12:8501 of https://vp.gemeente.nl. Zonder instelling wordt het adres "
                "gebruikt waarmee u deze pagina opende.",
            )
            if st.form_submit_button("Adres opslaan"):
                forms.save(
                    lambda: workshop.set_base_url(db, url, state.actor(), workshop.base_url_row(db)),
                    "Het adres is opgeslagen.",
                )
