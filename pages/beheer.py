"""Beheer: gegevens exporteren en importeren (Excel/CSV, eerst een voorbeeld), en het logboek."""

import streamlit as st

from ui import beheer, data, nav, state

nav.require_shell()

db = data.database()
state.show_flash()

st.title("Beheer")
st.caption("Gegevens exporteren en importeren, en het logboek: wie heeft wat wanneer gewijzigd.")
tab_export, tab_import, tab_log = st.tabs(["Exporteren", "Importeren", "Logboek"])
with tab_export:
    beheer.export_tab(db)
with tab_import:
    beheer.import_tab(db)
with tab_log:
    beheer.log_tab()
