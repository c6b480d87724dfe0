"""Beheer — Risico-instellingen: the risk matrix (3×3 up to 6×6, levels, colours, YAML in and out, and a
preview of how existing scores move before anything is saved) and the rubric of the risk profile."""

import streamlit as st

from ui import data, nav, risksettings, state

nav.require_shell()

db = data.database()
state.show_flash()

st.title("Risico-instellingen")
tab_matrix, tab_rubric, tab_material = st.tabs(["Risicomatrix", "Rubriek risicoprofiel", "Materieel risico (BBV)"])

editable = state.editable("settings")  # a lezer (and a controller) sees the settings, without editors

with tab_matrix:
    if not editable:
        risksettings.matrix_view(db)
    else:
        edit = risksettings.open_matrix(db)  # the stored matrix as opened, and the draft's starting point
        risksettings.matrix_controls(edit)
        draft = risksettings.matrix_fields(edit)
        if draft is not None:
            risksettings.matrix_preview_and_save(db, edit, draft)

with tab_rubric:
    (risksettings.rubric_editor if editable else risksettings.rubric_view)(db)

with tab_material:
    risksettings.material_editor(db)
