"""Register: search and filter the verbonden partijen; open one to see and edit it (?partij=<code>)."""

import streamlit as st

from ui import data, nav, paragraph, riskforms, roleforms, state
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
    paragraph.paragraph_text(db, year)


def party_detail(party_code: str) -> None:
    party = register_ui.party_header(party_code)
    if party is None:
        return
    # The open tab is kept in the URL (?tab=Financiën): a save's rerun, a reload or a shared link stays on it.
    for tab, draw in zip(st.tabs(list(TABS), key="tab", bind="query-params"), TABS.values(), strict=True):
        with tab:
            draw(party)


def representation_tab(party: dict) -> None:
    register_ui.representations_table(party)
    roleforms.party_roles_panel(db, party)


TABS = {
    "Algemeen": lambda party: register_ui.general_tab(db, party, year),
    "Deelnemers": register_ui.participants_table,
    "Financiën": lambda party: register_ui.finance_tab(db, party, year),
    "Vertegenwoordiging": representation_tab,
    "Risico's": lambda party: riskforms.party_risks_tab(db, party),
}

if code:
    party_detail(code)
else:
    party_list()
