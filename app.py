"""Verbonden Partijen Dashboard: page setup and navigation. Everything else lives in pages/ and governance/."""

import datetime as dt

import streamlit as st

from governance import national, register
from ui import data, nav, state, theme

st.set_page_config(page_title="Verbonden partijen", page_icon=":material/account_balance:", layout="wide")
theme.apply()

data.database()  # create the database (and, for the default file, the demo) before any page reads it
status = data.read(national.status)

if mode := nav.workshop_mode():  # ?sessie=CODE: a werkatelier participant or projector, one page, no sidebar
    nav.run_workshop(mode)
    st.stop()

navigation = st.navigation(nav.pages(onboarding=status["empty"]))
nav.shell_started()

with st.sidebar:
    if not status["empty"]:  # nothing to show per year before an organisation (or the demo) is chosen
        years = data.read(register.years) or [dt.date.today().year]
        default = data.read(register.default_year, dt.date.today().year)
        st.selectbox(
            "Jaar",
            years,
            index=years.index(default) if default in years else 0,
            key=state.YEAR,
            help="Het jaar van de cijfers en de BBV-controle op alle pagina's.",
        )
    st.text_input(
        "Uw naam (voor het logboek)",
        key=state.ACTOR,
        help="Elke wijziging wordt met deze naam in het logboek vastgelegd.",
    )
    ours = status["ours"]
    if ours is not None and ours["fictitious"]:
        st.caption(f"Demogegevens: {ours['name']} is fictief.")
    elif ours is not None:
        st.caption(f"Register van {ours['name']}.")

navigation.run()
