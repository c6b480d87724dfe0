"""Layout tweaks the theme options cannot express. Static, committed CSS only: never user text."""

import streamlit as st

# Less side padding so a register table fits a 1366 px laptop without horizontal scrolling,
# and larger metric values for the projector.
CSS = """
<style>
.block-container, [data-testid="stMainBlockContainer"] { padding-left: 2rem; padding-right: 2rem; max-width: 1600px; }
[data-testid="stMetricValue"] { font-size: 2.4rem; }
</style>
"""


def apply() -> None:
    st.html(CSS)
