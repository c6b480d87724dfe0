"""Risico's: bruto and netto heat maps with the count in every cell, the risks of a chosen cell, movement
between two dates, overdue reviews, forms to add and edit risks, and exports (?risico=<id> opens a risk)."""

import datetime as dt

import streamlit as st

from governance import risks
from ui import data, nav, riskforms, state
from ui import risks as sections

nav.require_shell()

db = data.database()
today = dt.date.today()
matrix = data.read(risks.get_matrix)
table = data.read(risks.risk_table)
state.show_flash()

st.title("Risico's")
chosen = sections.filters(table)
scope = chosen.scope(table)  # every status: movement and overdue reviews
shown = chosen.shown(table)
st.caption(
    f"{len(shown)} van {len(table)} risico's in de selectie · risicomatrix {matrix.size_text} "
    "(kans × impact, in te stellen onder Beheer)"
)
opened = sections.opened_risk(db, table, matrix)

tab_heat, tab_list, tab_move, tab_late, tab_new, tab_export = st.tabs(
    ["Heatmaps", "Lijst", "Verschuivingen", "Herziening achterstallig", "Nieuw risico", "Exporteren"]
)
with tab_heat:
    figures = sections.heatmaps(shown, matrix)
    sections.cell_list(shown, matrix, opened)
with tab_list:
    sections.risk_list(shown, matrix, opened)
with tab_move:
    sections.movement(chosen, today)
with tab_late:
    sections.overdue(scope, matrix, opened, today)
with tab_new:
    riskforms.new_risk_form(db, matrix, "new-risk")
with tab_export:
    sections.register_exports(shown, matrix, figures, chosen, today)
