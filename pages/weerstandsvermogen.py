"""Weerstandsvermogen (BBV art. 11): beschikbare against benodigde weerstandscapaciteit, by simulating the register."""

import streamlit as st

from governance import weerstand
from ui import data, glossary, nav, state
from ui import weerstand as sections

nav.require_shell()

db = data.database()
year = st.session_state[state.YEAR]
state.show_flash()

st.title("Weerstandsvermogen", help=glossary.help_for("weerstandsvermogen"))
st.caption(
    "Beschikbare weerstandscapaciteit tegenover de benodigde: het bedrag dat de financiële risico's met de gekozen "
    "zekerheid afdekt, berekend met een Monte Carlo-simulatie van het risicoregister (art. 11 BBV)."
)
norm = data.read(weerstand.norm)  # a raadsnorm only with its recorded raadsbesluit
scope, certainty, exposures = sections.choices(norm)
outcome = data.read(weerstand.compute, scope, year, certainty, exposures)

sections.headline(outcome)
sections.tables(outcome)
sections.exceedance(outcome)
sections.top_risks(outcome)
sections.what_if(outcome, scope, year, certainty, exposures)
sections.save_run(db, outcome, year)
sections.capacity_form(db)
sections.simulation_form(db, year)
