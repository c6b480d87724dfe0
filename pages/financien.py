"""Financiën: the financial kengetallen of every verbonden partij in the sidebar's year, the financial signals
with accept (reason), withdraw and history, and the thresholds of the signals."""

import streamlit as st

from ui import data, nav, state
from ui import finance as finance_ui

nav.require_shell()

db = data.database()
state.show_flash()
year = st.session_state[state.YEAR]

st.title(f"Financiën {year}")
st.caption(
    "Kengetallen per verbonden partij uit haar begroting en jaarrekening, en de signalen die de controller wil "
    "zien: wanneer gaat het financieel niet goed met een samenwerking?"
)
tabs = st.tabs(["Kengetallen", "Signalen"])
with tabs[0]:
    finance_ui.kengetallen_section(year)
with tabs[1]:
    finance_ui.signals_section(db, year)
    finance_ui.settings_section(db)
