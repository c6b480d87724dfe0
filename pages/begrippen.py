"""Begrippen: the begrippenkader, the shared language of the register and the werkatelier (issue 16, point 6).

Every term has a definition, says whether it is a legal term, a practice or a model, and names its source. The
shipped default is data/glossary.yaml; a beheerder changes, hides or adds terms here (audited). The sections live
in ui/glossary.py."""

import streamlit as st

from governance import register
from ui import data, glossary, nav, state

nav.require_shell()

db = data.database()
state.show_flash()

st.title("Begrippen")
st.caption(
    "De gemeenschappelijke taal over verbonden partijen: wat een begrip betekent, of het een wettelijk begrip, "
    "een gebruik uit de praktijk of een model is, en waar het vandaan komt."
)
table = data.read(register.terms)
glossary.edit_section(db, table)
glossary.listing(table, "glossary")
