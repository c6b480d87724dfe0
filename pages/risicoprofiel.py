"""Risicoprofiel: per party the class (laag / midden / hoog) from the rubric and the steering regime it sets;
the belang × risico chart, a spider chart of the rubric, new assessments and exports."""

import datetime as dt

import streamlit as st

from governance import risks
from ui import data, nav, state
from ui import riskprofile as sections

nav.require_shell()

db = data.database()
year = st.session_state[state.YEAR]
today = dt.date.today()
rubric = data.read(risks.get_rubric)
table = data.read(risks.profile_table, year, today)
state.show_flash()

st.title("Risicoprofiel per verbonden partij")
st.caption(
    "Het risicoprofiel volgt uit de rubriek (in te stellen onder Beheer) en bepaalt hoe intensief de gemeente "
    "stuurt. Een nieuwe partij staat het eerste jaar op het hoogste niveau."
)
sections.profile_metrics(table, rubric)

tab_chart, tab_table, tab_spider, tab_assess, tab_export = st.tabs(
    ["Belang × risico", "Overzicht", "Spinnenweb", "Beoordelen", "Exporteren"]
)
with tab_chart:
    bubble = sections.bubble_chart(table, rubric, year)
with tab_table:
    sections.profile_overview(table)
with tab_spider:
    spider = sections.spider_chart(table)
with tab_assess:
    sections.assessment_form(db, table, rubric, today, year)
with tab_export:
    sections.profile_exports(table, rubric, bubble, spider, today)
