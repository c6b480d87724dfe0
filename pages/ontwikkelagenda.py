"""Ontwikkelagenda: koers houden per verbonden partij — the actions across parties (made by hand or accepted from a
werkatelier), what is overdue, and per party its motives, intended versus achieved results and evaluations.

?peildatum=jjjj-mm-dd sets the date 'te laat' is judged on (default: today).
"""

import streamlit as st

from ui import agenda, data, nav, state

nav.require_shell()

db = data.database()
state.show_flash()
today = agenda.reference_date()

st.title("Ontwikkelagenda")
st.caption(
    "Koers houden: waarom de gemeente samenwerkt, wat dat moet opleveren, wanneer er is en wordt geëvalueerd, "
    "en welke acties daaruit volgen."
)
party_id = agenda.party_filter(db)
agenda.signals(today, party_id)
tabs = st.tabs(["Acties", "Evaluatie, motieven en resultaten", "Instellingen"])
with tabs[0]:
    agenda.actions_tab(db, today, party_id)
with tabs[1]:
    agenda.koers_tab(db, today, party_id)
with tabs[2]:
    agenda.settings_tab(db)
