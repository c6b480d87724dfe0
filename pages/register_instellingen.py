"""Beheer — Register-instellingen: which regelingen are wettelijk verplicht, and which legal forms keep no
balance sheet of their own (BBV art. 15 lid 2c). Both are the gemeente's choice; the defaults say so."""

import streamlit as st

from ui import data, nav, registersettings, state

nav.require_shell()

db = data.database()
state.show_flash()

st.title("Register-instellingen")
tab_mandatory, tab_balance = st.tabs(["Wettelijk verplicht", "Balans (BBV art. 15 lid 2c)"])
with tab_mandatory:
    registersettings.mandatory_editor(db)
with tab_balance:
    registersettings.balance_editor(db)
