"""Rapportages: the documents for the raad — the paragraaf verbonden partijen (BBV art. 15) as Word and PDF, with a
preview. What is not recorded prints as 'nog niet bekend'; only verbonden partijen (art. 1 BBV) appear."""

import streamlit as st

from ui import data, nav, state
from ui import reports as sections

nav.require_shell()

db = data.database()
state.show_flash()

st.title("Rapportages")
st.caption(
    "De stukken die het huis verlaten: kies de rapportage, het jaar en het document (begroting of jaarstukken), "
    "bekijk de inhoud en download het als Word-bestand (om in de begroting te plakken) of als PDF voor de raad."
)
choice = sections.choose(db)
document = sections.document(choice)
if document is not None:
    sections.downloads(db, choice, document)
    sections.preview(document)
