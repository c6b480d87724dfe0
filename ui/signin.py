"""Who is using the app: every page needs a signed-in user, except the two werkatelier views reached by link.

A local account signs in with a name and password (governance.auth: argon2id, slowed down after repeated
failures); the session token lives in this browser session and, through the server's sign-in route, in an
HttpOnly cookie, so a reload keeps the sign-in for its lifetime. Organisation sign-on goes through Streamlit's
own st.login (OIDC). A visitor without either sees only the sign-in page: no register data, no navigation.
"""

from __future__ import annotations

import streamlit as st

from governance import auth
from governance.core.access import ROLES, Actor
from ui import data, facilitator, state

COOKIE = "vp_sessie"  # the HttpOnly session cookie the sign-in route sets (its token; only the hash is stored)


def _token() -> str | None:
    found = st.session_state.get(state.TOKEN) or st.context.cookies.get(COOKIE)
    return found if isinstance(found, str) else None


def current() -> Actor | None:
    """The signed-in user of this browser session, or None. Checked on every rerun, so a sign-in that expired,
    ended (Afmelden) or whose account was disabled stops working at once."""
    db = data.database()
    found = auth.session_actor(db, _token())
    if found is None and st.session_state.get(state.TOKEN):
        st.session_state.pop(state.TOKEN, None)
    st.session_state[state.USER] = found
    return found


def page() -> None:
    """The sign-in page: the only thing a visitor without a sign-in sees."""
    st.title("Aanmelden")
    st.write("Verbonden Partijen Dashboard. Meld u aan met uw gebruikersnaam en wachtwoord.")
    with st.form("aanmelden", enter_to_submit=True):
        name = st.text_input("Gebruikersnaam", autocomplete="username")
        password = st.text_input("Wachtwoord", type="password", autocomplete="current-password")
        if st.form_submit_button("Aanmelden", type="primary"):
            result = auth.sign_in(data.database(), name, password)
            if result.token is None:
                st.error(result.message or "Aanmelden is niet gelukt.")
            else:
                st.session_state[state.TOKEN] = result.token
                st.rerun()
    if auth.count(data.database()) == 0:
        st.info(
            "Er is nog geen gebruiker. Een beheerder maakt het eerste account aan op de server met: "
            "python -m governance user add NAAM --role beheerder"
        )
    st.subheader("Deelnemen aan een werkatelier")
    st.caption("Deelnemers hebben geen account nodig: gebruik de deelnamelink, de QR-code of de code van het scherm.")
    facilitator.join_with_code(data.database())


def sidebar(user: Actor) -> None:
    """Who is signed in, with which role, and Afmelden."""
    st.caption(f"Aangemeld als {user.name} ({ROLES.get(user.role, user.role).lower()}).")
    if st.button("Afmelden", key="afmelden"):
        auth.sign_out(data.database(), _token())
        st.session_state.pop(state.TOKEN, None)
        st.session_state.pop(state.USER, None)
        st.rerun()
