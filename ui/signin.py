"""Who is using the app: every page needs a signed-in user, except the two werkatelier views reached by link.

A local account signs in with a name and password (governance.auth: argon2id, slowed down after repeated
failures); the session token lives in this browser session and, through the server's sign-in route, in an
HttpOnly cookie, so a reload keeps the sign-in for its lifetime. Organisation sign-on goes through Streamlit's
own st.login (OIDC); back in the app, `organisation()` maps st.user to a user the beheerder added and hands the
browser to the sign-in route, which gives it the same session cookie (ui/server.py). A visitor without either
sees only the sign-in page: no register data, no navigation.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable

import streamlit as st

from governance import auth
from governance.core.access import ROLES, Actor
from ui import data, facilitator, server, state
from ui.text import plain

COOKIE = server.COOKIE  # the HttpOnly session cookie the sign-in route sets (its token; only the hash is stored)
OIDC_PARAM = "aanmelden"  # ?aanmelden=organisatie starts the organisation sign-on


def go_to(url: str) -> None:
    """Send the browser to a route of our own (not a page of the app): the message st.login and st.logout send
    for their redirects, which the browser follows at once. Only paths on this site."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None or not url.startswith("/") or url.startswith("//"):
        return
    msg = ForwardMsg()
    msg.auth_redirect.url = url
    ctx.enqueue(msg)


def organisation() -> Callable[[], None] | None:
    """Organisation sign-on (OIDC), when .streamlit/secrets.toml has an [auth] section: the page to show instead of
    the sign-in page, or None. ?aanmelden=organisatie starts st.login(); back from the identity provider st.user
    holds the identity, which becomes a sign-in of the user with that e-mail address; one the beheerder has not
    added is refused, in Dutch, and logged."""
    if not server.organisation_sign_on():
        return None
    if st.user.is_logged_in:
        return _hand_over
    if st.query_params.get(OIDC_PARAM) == "organisatie":
        return st.login
    return None


def _hand_over() -> None:
    email, subject, issuer = st.user.get("email"), st.user.get("sub"), st.user.get("iss")
    result = auth.oidc_sign_in(data.database(), email, f"{issuer}|{subject}" if issuer and subject else subject)
    st.title("Aanmelden")
    if result.token is None:
        st.error(plain(result.message or "Aanmelden met uw organisatieaccount is niet gelukt."))
        st.text(f"Organisatieaccount: {email or subject or 'onbekend'}")  # plain text: it comes from outside
        if st.button("Terug naar de aanmeldpagina", key="oidc-back"):
            go_to(server.SIGN_OUT)  # clears Streamlit's identity cookie too
        return
    st.caption("U bent aangemeld met uw organisatieaccount; een ogenblik…")
    go_to(f"{server.HANDOFF}?{urllib.parse.urlencode({'token': result.token})}")


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
                st.error(plain(result.message or "Aanmelden is niet gelukt."))
            else:
                st.session_state[state.TOKEN] = result.token
                st.rerun()
    if server.organisation_sign_on() and st.button("Aanmelden met organisatieaccount", key="oidc"):
        st.login()
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
    st.caption(f"Aangemeld als {plain(user.name)}, rol {ROLES.get(user.role, user.role).lower()}.")
    if st.button("Afmelden", key="afmelden"):
        auth.sign_out(data.database(), _token())  # the session ends here, whatever the browser does next
        st.session_state.pop(state.TOKEN, None)
        st.session_state.pop(state.USER, None)
        go_to(server.SIGN_OUT)  # the route clears the HttpOnly cookie and shows the sign-in page
        # st.stop, not st.rerun: a rerun empties the message queue, and the redirect with it, so the browser
        # would keep its cookie and stay on the page
        st.stop()
