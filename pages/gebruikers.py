"""Gebruikers: wie zich mag aanmelden, met welke rol, en hoe lang een aanmelding geldt. Alleen voor beheerders."""

import streamlit as st

from ui import data, nav, state, users

nav.require_shell()

db = data.database()
state.show_flash()

st.title("Gebruikers")
st.caption(
    "Wie zich mag aanmelden en met welke rol. Elke wijziging komt in het logboek, nooit met het wachtwoord. "
    "Iemand met een organisatieaccount meldt zich aan met het e-mailadres dat hier is gekoppeld."
)
if not state.may("users"):  # the navigation offers this page to beheerders only; governance refuses the rest anyway
    st.info("Alleen een beheerder beheert gebruikers.")
    st.stop()

frame = users.listing(db)
tab_change, tab_add, tab_session = st.tabs(["Gebruiker wijzigen", "Gebruiker toevoegen", "Aanmelden"])
with tab_change:
    users.change_section(db, frame)
with tab_add:
    users.add_form(db)
with tab_session:
    users.session_form(db)
