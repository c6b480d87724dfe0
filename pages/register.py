"""Register: search and filter the verbonden partijen; open one to see and edit it (?partij=<code>)."""

import streamlit as st

from ui import data, nav, riskforms, roleforms, state
from ui import register as register_ui

nav.require_shell()

db = data.database()
year = st.session_state[state.YEAR]
code = st.query_params.get(state.PARTY_PARAM)
state.show_flash()


def party_list() -> None:
    st.title("Register verbonden partijen")
    register_ui.party_list(db, year)
    register_ui.bulk_determination(db)
    register_ui.new_party_form(db)


def party_detail(party_code: str) -> None:
    party = register_ui.party_header(party_code)
    if party is None:
        return
    general, participants, finance, representation, risks = st.tabs(
        ["Algemeen", "Deelnemers", "Financiën", "Vertegenwoordiging", "Risico's"]
    )
    with general:
        register_ui.general_tab(db, party, year)
    with participants:
        register_ui.participants_table(party)
    with finance:
        register_ui.finance_tab(db, party, year)
    with representation:
        register_ui.representations_table(party)
        roleforms.party_roles_panel(db, party)
    with risks:
        riskforms.party_risks_tab(db, party)


if code:
    party_detail(code)
else:
    party_list()
