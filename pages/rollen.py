"""Rollen: who represents the gemeente where, the role map and matrix, and the signals where roles collide.

?peildatum=jjjj-mm-dd sets the date the signals and the map start on (default: today).
"""

import streamlit as st

from governance import roles
from ui import data, nav, state
from ui.roles import manage_tab, map_tab, settings_tab, signals_tab

nav.require_shell()

db = data.database()
state.show_flash()
today = roles.reference_date(st.query_params.get("peildatum"))

st.title("Rollen en vertegenwoordiging")
st.caption("Wie vertegenwoordigt de gemeente waar, in welke rol — en waar botsen rollen?")
tabs = st.tabs(["Signalen", "Rollenkaart", "Personen en vertegenwoordigingen", "Instellingen"])
with tabs[0]:
    signals_tab(db, today)
with tabs[1]:
    map_tab(today)
with tabs[2]:
    manage_tab(db)
with tabs[3]:
    settings_tab(db)
