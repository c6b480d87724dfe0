"""P&C-kalender: per gemeenschappelijke regeling de termijnen van de P&C-cyclus (Wgr), de lopende en verstreken
termijnen, een .ics voor Outlook, en per document wat er gebeurde (ontvangst, raad, zienswijze, reactie).

?peildatum=jjjj-mm-dd sets the day the states are computed on (default: today).
"""

import streamlit as st

from governance import calendar
from ui import calendar_view, data, nav, state

nav.require_shell()

db = data.database()
state.show_flash()
today = calendar.reference_date(st.query_params.get("peildatum"))

st.title("P&C-kalender")
st.caption(
    "Kaders, ontwerpbegroting en zienswijzetermijn, begroting en jaarrekening aan GS, en wijzigingen van "
    "de gemeenschappelijke regelingen — volgens de Wgr sinds 1 juli 2022, of de oude cyclus waar ingesteld."
)
calendar_view.overview(today)
st.subheader("Document bijwerken")
calendar_view.document_form(db, today)
calendar_view.change_form(db)
calendar_view.settings_form(db)
